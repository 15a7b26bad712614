package dev.soctriage.approval;

/**
 * An approval refused before anything was dispatched, with the reason's code: {@code target_not_blockable}
 * (the guard refuses the block_ip target now) or {@code dispatch_unsettled} (an earlier dispatch may still
 * land and Kestra cannot tell yet). The verdict stays as it was; the API answers 409 with the code.
 */
public class ApprovalRefusedException extends RuntimeException {
    public static final String TARGET_NOT_BLOCKABLE = "target_not_blockable";
    public static final String DISPATCH_UNSETTLED = "dispatch_unsettled";

    private final String code;

    public ApprovalRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** {@link #TARGET_NOT_BLOCKABLE} or {@link #DISPATCH_UNSETTLED}. */
    public String code() {
        return code;
    }
}
