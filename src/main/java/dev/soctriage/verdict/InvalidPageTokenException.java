package dev.soctriage.verdict;

/** A {@code nextToken} that this store did not issue, or issued for another query. */
public class InvalidPageTokenException extends RuntimeException {
    public InvalidPageTokenException(String message) {
        super(message);
    }
}
