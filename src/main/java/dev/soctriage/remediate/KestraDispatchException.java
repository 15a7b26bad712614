package dev.soctriage.remediate;

/** Kestra did not create (or could not be asked about) an execution; the verdict ends {@code DISPATCH_FAILED}. */
public abstract class KestraDispatchException extends RuntimeException {
    protected KestraDispatchException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * True when Kestra may have created the execution all the same: a create was sent and its answer
     * lost or unusable (timeout, connection reset, 5xx). False when it certainly created none: Kestra
     * refused it (4xx), or no create was sent (not configured, no credentials, a search that failed).
     * Only an unsure failure holds re-approvals back for {@code kestra.dispatch-grace}.
     */
    public abstract boolean mayHaveCreated();
}
