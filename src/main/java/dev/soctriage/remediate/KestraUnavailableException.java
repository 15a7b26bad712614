package dev.soctriage.remediate;

/** Kestra is not configured, cannot be reached, timed out, or answered 5xx: worth approving again later. */
public class KestraUnavailableException extends KestraDispatchException {
    public KestraUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
