package dev.soctriage.api;

import java.time.Instant;

import dev.soctriage.model.Severity;
import dev.soctriage.verdict.Verdict;
import dev.soctriage.verdict.VerdictFixtures;

/** Pending verdicts for the API tests, each with its own group key. */
final class Verdicts {
    private Verdicts() {
    }

    static Verdict pending(Severity severity, Instant createdAt, String groupKey) {
        Verdict v = VerdictFixtures.pending(severity, createdAt);
        return new Verdict(v.id(), v.status(), v.severity(), v.threatType(), v.action(), v.target(), v.targetType(),
                v.reasoning(), v.mitre(), v.engine(), v.model(), v.evidence(), v.eventCount(), v.firstSeen(),
                v.lastSeen(), v.source(), v.createdAt(), null, null, null, null, null, null, groupKey, null, null, null,
                v.expiresAt(), null);
    }

    static Verdict pending() {
        return pending(Severity.HIGH, Instant.now(), "sshd|ssh_auth_failure|" + java.util.UUID.randomUUID());
    }
}
