package dev.soctriage.remediate;

/** Kestra is not configured, cannot be reached, timed out, or answered 5xx: worth approving again later. */
public class KestraUnavailableException extends KestraDispatchException {
    private final boolean mayHaveCreated;

    /** A failure that may have created the execution (the unsure case: nothing says it did not). */
    public KestraUnavailableException(String message, Throwable cause) {
        this(message, cause, true);
    }

    /** @param mayHaveCreated false when no create reached Kestra (see {@link #mayHaveCreated()}) */
    public KestraUnavailableException(String message, Throwable cause, boolean mayHaveCreated) {
        super(message, cause);
        this.mayHaveCreated = mayHaveCreated;
    }

    @Override
    public boolean mayHaveCreated() {
        return mayHaveCreated;
    }
}
