package dev.soctriage.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;
import dev.soctriage.fixtures.DynaliteResource;

/** The store against a real DynamoDB API (dynalite on loopback). */
@QuarkusTest
@QuarkusTestResource(value = DynaliteResource.class, restrictToAnnotatedClass = true)
class DynamoVerdictStoreTest {
    @Inject
    VerdictStore store;
    @Inject
    OpenPlans plans;

    @Test
    void create_isConditional_soARedeliveryAddsNothing() {
        Verdict v = VerdictFixtures.pending(Severity.HIGH, Instant.now());
        assertTrue(VerdictFixtures.create(plans, v));
        assertFalse(VerdictFixtures.create(plans, v));
        assertEquals(v, store.find(v.id()).orElseThrow());
    }

    @Test
    void list_ordersCriticalFirstThenNewest_andPagesWithOpaqueTokens() {
        Instant t = Instant.parse("2030-01-01T00:00:00Z");
        Verdict oldCritical = VerdictFixtures.pending(Severity.CRITICAL, t);
        Verdict newHigh = VerdictFixtures.pending(Severity.HIGH, t.plusSeconds(60));
        Verdict oldHigh = VerdictFixtures.pending(Severity.HIGH, t.plusSeconds(30));
        Verdict low = VerdictFixtures.pending(Severity.LOW, t.plusSeconds(90));
        for (Verdict v : List.of(oldCritical, newHigh, oldHigh, low)) {
            VerdictFixtures.create(plans, v);
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            VerdictStore.Page page = store.list(Status.PENDING, Severity.HIGH, 2, token);
            page.items().forEach(v -> seen.add(v.id()));
            token = page.nextToken();
        } while (token != null);
        List<String> ours = seen.stream()
                .filter(id -> List.of(oldCritical.id(), newHigh.id(), oldHigh.id(), low.id()).contains(id)).toList();
        assertEquals(List.of(oldCritical.id(), newHigh.id(), oldHigh.id()), ours);
    }

    /**
     * What ingest-triage asks before a model call: the severity of each plan's open verdict — PENDING
     * or DISPATCH_FAILED, the current generation after a decision — and nothing for decided or unknown
     * plans, across more keys than one batch read takes.
     */
    @Test
    void openSeverities_namesOnlyPlansWhoseCurrentVerdictIsOpen() {
        Instant now = Instant.now();
        Verdict pending = VerdictFixtures.pending(Severity.HIGH, now);
        Verdict failed = VerdictFixtures.pending(Severity.MEDIUM, now);
        Verdict approved = VerdictFixtures.pending(Severity.LOW, now);
        Verdict rejected = VerdictFixtures.pending(Severity.CRITICAL, now);
        Verdict reopened = VerdictFixtures.pending(Severity.LOW, now);
        for (Verdict v : List.of(pending, failed, approved, rejected, reopened)) {
            VerdictFixtures.create(plans, v);
        }
        VerdictStore.Decision d = new VerdictStore.Decision("alice", now, null);
        store.claim(failed.id(), "c1", now, now.plusSeconds(60));
        store.dispatchFailed(failed.id(), "c1", d, "Kestra unreachable", true);
        store.claim(approved.id(), "c2", now, now.plusSeconds(60));
        store.approved(approved.id(), "c2", d, "exec-1");
        store.reject(rejected.id(), d);
        store.reject(reopened.id(), d);
        assertEquals(OpenPlans.Recorded.Outcome.CREATED, VerdictFixtures.again(plans, reopened).outcome());

        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            keys.add("nowhere\n" + java.util.UUID.randomUUID());
        }
        for (Verdict v : List.of(pending, failed, approved, rejected, reopened)) {
            keys.add(VerdictFixtures.planKey(v));
        }
        java.util.Map<String, Severity> open = plans.openSeverities(keys);

        assertEquals(java.util.Map.of(VerdictFixtures.planKey(pending), Severity.HIGH, VerdictFixtures.planKey(failed),
                Severity.MEDIUM, VerdictFixtures.planKey(reopened), Severity.LOW), open);
    }

    @Test
    void list_refusesAForeignOrAlteredToken() {
        for (int i = 0; i < 3; i++) {
            VerdictFixtures.create(plans, VerdictFixtures.pending(Severity.MEDIUM, Instant.now()));
        }
        String token = store.list(Status.PENDING, null, 1, null).nextToken();
        assertNotNull(token);
        assertThrows(InvalidPageTokenException.class, () -> store.list(Status.PENDING, Severity.HIGH, 1, token));
        assertThrows(InvalidPageTokenException.class, () -> store.list(Status.PENDING, null, 1, "not-a-token!"));
        assertThrows(InvalidPageTokenException.class, () -> store.list(Status.PENDING, null, 1, token.substring(3)));
    }

    @Test
    void claim_thenApproved_thenOutcomeOnlyForItsOwnExecution() {
        Verdict v = VerdictFixtures.pending(Severity.HIGH, Instant.now());
        VerdictFixtures.create(plans, v);
        Instant now = Instant.now();
        store.claim(v.id(), "c1", now, now.plusSeconds(60));
        assertThrows(VerdictConflictException.class, () -> store.claim(v.id(), "c2", now, now.plusSeconds(60)));
        Verdict approved = store.approved(v.id(), "c1", new VerdictStore.Decision("alice", now, "go"), "exec-1");
        assertEquals(Status.APPROVED, approved.status());
        assertEquals("exec-1", approved.remediation().kestraExecutionId());
        assertThrows(VerdictConflictException.class, () -> store.outcome(v.id(), "exec-2", true, "", now));
        assertEquals(Status.REMEDIATED, store.outcome(v.id(), "exec-1", true, "ok", now).status());
        assertThrows(VerdictConflictException.class, () -> store.reject(v.id(), new VerdictStore.Decision("bob", now, "no")));
    }

    @Test
    void rejectAndTransitions_onMissingVerdict_sayNotFound() {
        String id = VerdictFixtures.unknownId();
        assertThrows(VerdictNotFoundException.class,
                () -> store.reject(id, new VerdictStore.Decision("bob", Instant.now(), null)));
    }

    /**
     * ingest-triage reads a delivery's plans before its model call and writes from that read after it: a plan
     * another delivery opened meanwhile is joined, not opened a second time, and the same delivery again adds
     * nothing, however old the read it writes from.
     */
    @Test
    void recordAll_fromPlansReadBeforeAnotherDeliveryOpenedThem_joins_andARedeliveryAddsNothing() {
        // given plans read while none of the plan existed, then the plan opened by another delivery
        Verdict v = VerdictFixtures.pending(Severity.HIGH, Instant.now());
        String planKey = VerdictFixtures.planKey(v);
        PlanStates before = plans.read(List.of(planKey));
        assertEquals(java.util.Map.of(), before.openSeverities());
        assertTrue(VerdictFixtures.create(plans, v));

        // when this delivery opens the plan and writes from what it read
        Contribution mine = new Contribution(planKey, "delivery-" + java.util.UUID.randomUUID(), v,
                VerdictFixtures.feedbackKeys(v));
        PlanStates opened = plans.open(List.of(planKey), before);
        OpenPlans.Recorded first = plans.recordAll(List.of(mine), Instant.MAX, opened).get(0);
        OpenPlans.Recorded again = plans.recordAll(List.of(mine), Instant.MAX, opened).get(0);

        // then one verdict, counting both deliveries once each
        assertEquals(OpenPlans.Recorded.Outcome.JOINED, first.outcome());
        assertEquals(v.id(), first.verdict().id());
        assertEquals(OpenPlans.Recorded.Outcome.DUPLICATE, again.outcome());
        assertEquals(2, store.find(v.id()).orElseThrow().evidence().deliveries());
    }

    /** A verdict read open and decided before the write is not joined: its successor opens, linked to it. */
    @Test
    void recordAll_fromPlansReadBeforeTheirVerdictWasDecided_opensTheSuccessor() {
        // given the plan read while its verdict was open, then the verdict rejected
        Verdict v = VerdictFixtures.pending(Severity.MEDIUM, Instant.now());
        String planKey = VerdictFixtures.planKey(v);
        assertTrue(VerdictFixtures.create(plans, v));
        PlanStates before = plans.read(List.of(planKey));
        assertEquals(java.util.Map.of(planKey, Severity.MEDIUM), before.openSeverities());
        store.reject(v.id(), new VerdictStore.Decision("alice", Instant.now(), null));

        // when a delivery writes from what it read
        Contribution mine = new Contribution(planKey, "delivery-" + java.util.UUID.randomUUID(), v,
                VerdictFixtures.feedbackKeys(v));
        OpenPlans.Recorded r = plans.recordAll(List.of(mine), Instant.MAX, plans.open(List.of(planKey), before)).get(0);

        // then the decided verdict is left as decided, and a new one names it
        assertEquals(OpenPlans.Recorded.Outcome.CREATED, r.outcome());
        assertEquals(v.id(), r.verdict().lineage().previousVerdictId());
        assertEquals(Status.REJECTED, store.find(v.id()).orElseThrow().status());
    }
}
