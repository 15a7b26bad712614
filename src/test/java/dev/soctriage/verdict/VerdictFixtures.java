package dev.soctriage.verdict;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.soctriage.model.Action;
import dev.soctriage.model.Engine;
import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;

/** Verdicts for tests, valid by construction. */
public final class VerdictFixtures {
    private VerdictFixtures() {
    }

    public static Verdict pending(Severity severity, Instant createdAt) {
        String id = VerdictIds.of("test", UUID.randomUUID().toString(), "group");
        return new Verdict(id, Status.PENDING, severity, "SSH brute force", Action.BLOCK_IP, "203.0.113.7", "ip",
                "40 failed logins for 12 users from one address in 2 minutes", List.of("T1110.001"), Engine.RULES.wire(),
                null, List.of("Nov 24 10:00:01 host sshd[1]: Failed password for root from 203.0.113.7 port 4242 ssh2"),
                40, "2026-11-24T10:00:00Z", "2026-11-24T10:02:00Z", "/aws/ec2/auth", createdAt.toString(), null, null,
                null, null, null, null, "sshd|ssh_auth_failure|203.0.113.7", null, null, null,
                createdAt.plusSeconds(14 * 86400).getEpochSecond(), null);
    }
}
