package dev.soctriage.verdict;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.soctriage.model.Action;
import dev.soctriage.model.Engine;
import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;

/**
 * Verdicts for tests, valid by construction, each the first verdict of a plan of its own (so that
 * fixtures never join one another), stored the way ingest stores them ({@link OpenPlans#record}).
 */
public final class VerdictFixtures {
    /** The plan key and feedback keys of each fixture, by verdict id. */
    private static final Map<String, Contribution> PLANS = new ConcurrentHashMap<>();

    private VerdictFixtures() {
    }

    public static Verdict pending(Severity severity, Instant createdAt) {
        return pending(severity, createdAt, List.of("sshd|ssh_auth_failure|203.0.113.7"));
    }

    public static Verdict pending(Severity severity, Instant createdAt, List<String> feedbackKeys) {
        String plan = "fixture\n" + UUID.randomUUID();
        String line = "Nov 24 10:00:01 host sshd[1]: Failed password for root from 203.0.113.7 port 4242 ssh2";
        Verdict v = new Verdict(VerdictIds.of(plan, 1), Status.PENDING,
                new Verdict.Assessment(severity, "SSH brute force", List.of("SSH brute force"), Action.BLOCK_IP,
                        "203.0.113.7", "ip", "40 failed logins for 12 users from one address in 2 minutes",
                        List.of("T1110.001"), Engine.RULES.wire(), null, null, null),
                new Verdict.Evidence(List.of(line), 40, 1, "2026-11-24T10:00:00Z", "2026-11-24T10:02:00Z",
                        "/aws/ec2/auth", List.of("/aws/ec2/auth"),
                        List.of(new Verdict.Timeline(createdAt.toString(), 40, "2026-11-24T10:00:00Z",
                                "2026-11-24T10:02:00Z")), null),
                createdAt.toString(), null, null, null);
        PLANS.put(v.id(), new Contribution(plan, "fixture-" + UUID.randomUUID(), v, feedbackKeys));
        return v;
    }

    /** Stores a fixture (or a copy of one with the same id) as ingest would. @return true when it was created */
    public static boolean create(OpenPlans plans, Verdict v) {
        Contribution c = PLANS.get(v.id());
        if (c == null) {
            throw new IllegalArgumentException(v.id() + " is not a fixture of VerdictFixtures");
        }
        return plans.record(new Contribution(c.planKey(), c.deliveryId(), v, c.feedbackKeys())).outcome()
                == OpenPlans.Recorded.Outcome.CREATED;
    }

    /** The plan the fixture opened (docs/contract.md, invariant 6). */
    public static String planKey(Verdict v) {
        return PLANS.get(v.id()).planKey();
    }

    /** The fixture's plan again, from another delivery: joins the open verdict, or opens the next one. */
    public static OpenPlans.Recorded again(OpenPlans plans, Verdict v) {
        Contribution c = PLANS.get(v.id());
        return plans.record(new Contribution(c.planKey(), "fixture-" + UUID.randomUUID(), v, c.feedbackKeys()));
    }

    /** The feedback keys a false-positive rejection of the fixture suppresses. */
    public static List<String> feedbackKeys(Verdict v) {
        return PLANS.get(v.id()).feedbackKeys();
    }

    /** A verdict that no store holds, with a valid id. */
    public static String unknownId() {
        return VerdictIds.of("nowhere\n" + UUID.randomUUID(), 1);
    }
}
