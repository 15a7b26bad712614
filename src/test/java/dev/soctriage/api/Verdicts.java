package dev.soctriage.api;

import java.time.Instant;
import java.util.List;

import dev.soctriage.model.Severity;
import dev.soctriage.verdict.Verdict;
import dev.soctriage.verdict.VerdictFixtures;

/** Pending verdicts for the API tests, each with its own group key. */
final class Verdicts {
    private Verdicts() {
    }

    static Verdict pending(Severity severity, Instant createdAt, String groupKey) {
        return VerdictFixtures.pending(severity, createdAt, List.of(groupKey));
    }

    static Verdict pending() {
        return pending(Severity.HIGH, Instant.now(), "sshd|ssh_auth_failure|" + java.util.UUID.randomUUID());
    }

    static String groupKey(Verdict v) {
        return VerdictFixtures.feedbackKeys(v).get(0);
    }
}
