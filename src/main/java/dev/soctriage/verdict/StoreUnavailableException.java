package dev.soctriage.verdict;

/** The store could not be reached or throttled the call: transient, so the invocation fails and is retried. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
