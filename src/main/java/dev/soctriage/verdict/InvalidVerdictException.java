package dev.soctriage.verdict;

/** A verdict that breaks the document's constraints was about to be stored: a defect upstream, never stored. */
public class InvalidVerdictException extends RuntimeException {
    public InvalidVerdictException(String message) {
        super("invalid verdict: " + message);
    }
}
