package dev.soctriage.remediate;

/**
 * Kestra answered 4xx (bad credentials, flow missing, inputs refused): a configuration problem that
 * an operator must fix; the status and Kestra's message are kept on the verdict. Kestra refused the
 * request, so no execution was created.
 */
public class KestraRejectedException extends KestraDispatchException {
    private final int status;

    public KestraRejectedException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    @Override
    public boolean mayHaveCreated() {
        return false;
    }
}
