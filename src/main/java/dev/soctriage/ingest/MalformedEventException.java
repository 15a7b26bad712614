package dev.soctriage.ingest;

/**
 * The invocation's envelope cannot be decoded at all: the invocation fails with this message and
 * nothing is written. The message names what was wrong and never quotes log content.
 */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
