package dev.soctriage.verdict;

/** The verdict's state does not allow the change; {@link #current()} is the verdict as it is now. */
public class VerdictConflictException extends RuntimeException {
    private final transient Verdict current;

    public VerdictConflictException(String message, Verdict current) {
        super(message);
        this.current = current;
    }

    public Verdict current() {
        return current;
    }
}
