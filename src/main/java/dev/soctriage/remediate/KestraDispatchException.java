package dev.soctriage.remediate;

/** Kestra did not create (or could not be asked about) an execution; the verdict ends {@code DISPATCH_FAILED}. */
public abstract class KestraDispatchException extends RuntimeException {
    protected KestraDispatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
