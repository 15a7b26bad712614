package dev.soctriage.model;

import java.util.Set;

/**
 * The verdict's life: {@code PENDING → APPROVED | REJECTED | DISPATCH_FAILED}; {@code DISPATCH_FAILED}
 * may be approved again; {@code APPROVED → REMEDIATED | REMEDIATION_FAILED} by the flow's report.
 */
public enum Status {
    PENDING, APPROVED, REJECTED, DISPATCH_FAILED, REMEDIATED, REMEDIATION_FAILED;

    /** Statuses from which an approval may dispatch to Kestra. */
    public static final Set<Status> APPROVABLE = Set.of(PENDING, DISPATCH_FAILED);

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
