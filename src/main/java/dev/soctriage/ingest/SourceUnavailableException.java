package dev.soctriage.ingest;

/** A log object could not be read (S3 error, throttling, network): the invocation fails so the platform retries. */
public class SourceUnavailableException extends RuntimeException {
    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
