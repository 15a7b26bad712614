package dev.soctriage.model;

/**
 * The verdict's life: {@code PENDING → APPROVED | REJECTED | DISPATCH_FAILED}; {@code DISPATCH_FAILED}
 * may be approved again; {@code APPROVED → REMEDIATED | REMEDIATION_FAILED} by the flow's report.
 */
public enum Status {
    PENDING, APPROVED, REJECTED, DISPATCH_FAILED, REMEDIATED, REMEDIATION_FAILED;

    /** @throws IllegalArgumentException naming the allowed values */
    public static Status parse(String s) {
        for (Status v : values()) {
            if (v.name().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException(
                "status must be one of PENDING, APPROVED, REJECTED, DISPATCH_FAILED, REMEDIATED, REMEDIATION_FAILED");
    }
}
