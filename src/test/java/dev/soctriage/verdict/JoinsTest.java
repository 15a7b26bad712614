package dev.soctriage.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.soctriage.model.Action;
import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;

/** The rules of invariant 6 without a store: what a join keeps, adds and caps. */
class JoinsTest {
    static final Instant T = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void join_sumsCountsAndDeliveries_spansTimes_keepsTheHighestSeverity_andUnitesTypesAndSources() {
        Verdict open = with(VerdictFixtures.pending(Severity.MEDIUM, T), "SSH brute force", "/a", "2026-11-24T10:00:00Z",
                "2026-11-24T10:01:00Z", 3);
        Verdict in = with(VerdictFixtures.pending(Severity.HIGH, T.plusSeconds(60)), "Invalid-user enumeration", "/b",
                "2026-11-24T09:59:00.500Z", "2026-11-24T10:05:00.250Z", 2);

        Verdict j = Joins.join(open, in);

        assertEquals(open.id(), j.id());
        assertEquals(Severity.HIGH, j.severity());
        assertEquals("SSH brute force", j.threatType(), "the first threat type names the verdict");
        assertEquals(List.of("SSH brute force", "Invalid-user enumeration"), j.assessment().threatTypes());
        assertEquals(80, j.eventCount());
        assertEquals(2, j.evidence().deliveries());
        assertEquals("2026-11-24T09:59:00.500Z", j.evidence().firstSeen());
        assertEquals("2026-11-24T10:05:00.250Z", j.evidence().lastSeen());
        assertEquals(List.of("/a", "/b"), j.evidence().sources());
        assertEquals("/a", j.evidence().source());
        assertEquals(5, j.evidence().lines().size());
        assertEquals(2, j.evidence().timeline().size());
        assertEquals(open.createdAt(), j.createdAt());
    }

    @Test
    void evidence_keepsTheFirstLines_andAppendsTheLatest_cappedAtTwenty() {
        List<String> first = lines("a", 20);
        List<String> kept = Joins.lines(first, lines("b", 3));
        assertEquals(20, kept.size());
        assertEquals(first.subList(0, 10), kept.subList(0, 10));
        assertEquals(List.of("b0", "b1", "b2"), kept.subList(17, 20));
        assertEquals(first.subList(13, 20), kept.subList(10, 17));

        List<String> again = Joins.lines(kept, lines("c", 30));
        assertEquals(first.subList(0, 10), again.subList(0, 10));
        assertEquals(lines("c", 30).subList(20, 30), again.subList(10, 20));
    }

    @Test
    void timeline_keepsTheFirstEntryAndTheLatest() {
        List<Verdict.Timeline> t = new ArrayList<>();
        IntStream.range(0, 120).forEach(i -> t.add(new Verdict.Timeline(T.plusSeconds(i).toString(), i + 1, null, null)));
        List<Verdict.Timeline> capped = Joins.capTimeline(t);
        assertEquals(Verdict.Timeline.MAX_ENTRIES, capped.size());
        assertEquals(1, capped.get(0).events());
        assertEquals(120, capped.get(capped.size() - 1).events());
        assertEquals(72, capped.get(1).events());
    }

    @Test
    void deliveryIds_rememberTheLatestThousand() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < Joins.MAX_DELIVERY_IDS + 5; i++) {
            ids = Joins.remember(ids, "d" + i);
        }
        assertEquals(Joins.MAX_DELIVERY_IDS, ids.size());
        assertEquals("d5", ids.get(0));
    }

    @Test
    void following_aRemediatedBlock_saysSeenAgainAfterBlock_andRanksAtLeastHigh() {
        Verdict decided = decided(VerdictFixtures.pending(Severity.LOW, T), Status.REMEDIATED);
        Verdict next = Joins.following(VerdictFixtures.pending(Severity.LOW, T.plusSeconds(3600)), decided);
        assertEquals(Severity.HIGH, next.severity());
        assertEquals(decided.id(), next.lineage().previousVerdictId());
        assertEquals(Verdict.Lineage.SEEN_AFTER_BLOCK, next.lineage().recurrence());
        assertEquals("alice@example.com", next.lineage().previousDecision().decidedBy());

        Verdict critical = Joins.following(VerdictFixtures.pending(Severity.CRITICAL, T), decided);
        assertEquals(Severity.CRITICAL, critical.severity(), "at least high: never lowered");

        Verdict afterReject = Joins.following(VerdictFixtures.pending(Severity.LOW, T),
                decided(VerdictFixtures.pending(Severity.LOW, T), Status.REJECTED));
        assertEquals(Severity.LOW, afterReject.severity());
        assertNull(afterReject.lineage().recurrence());
        assertEquals(Status.REJECTED, afterReject.lineage().previousDecision().status());
    }

    @Test
    void planKey_isTheActionAndTarget_orForMonitorWithoutTarget_theThreatTypeAndSource() {
        assertEquals(VerdictIds.planKey(Action.BLOCK_IP, "203.0.113.7", "SSH brute force", "/a"),
                VerdictIds.planKey(Action.BLOCK_IP, "203.0.113.7", "SQL injection", "/b"));
        assertEquals(VerdictIds.planKey(Action.MONITOR, null, "Root account use", "/a"),
                VerdictIds.planKey(Action.MONITOR, "", "Root account use", "/a"));
        List<String> distinct = List.of(VerdictIds.planKey(Action.BLOCK_IP, "203.0.113.7", "x", "/a"),
                VerdictIds.planKey(Action.MONITOR, "203.0.113.7", "x", "/a"),
                VerdictIds.planKey(Action.MONITOR, null, "x", "/a"), VerdictIds.planKey(Action.MONITOR, null, "x", "/b"),
                VerdictIds.planKey(Action.MONITOR, null, "y", "/a"));
        assertEquals(distinct.size(), distinct.stream().distinct().count());
        assertEquals(VerdictIds.of(distinct.get(0), 1), VerdictIds.of(distinct.get(0), 1));
        assertEquals(4, List.of(VerdictIds.of(distinct.get(0), 1), VerdictIds.of(distinct.get(0), 2),
                VerdictIds.of(distinct.get(1), 1), VerdictIds.of(distinct.get(2), 1)).stream().distinct().count());
    }

    private static Verdict decided(Verdict v, Status status) {
        return new Verdict(v.id(), status, v.assessment(), v.evidence(), v.createdAt(), v.lineage(),
                new Verdict.Decision("alice@example.com", T.plusSeconds(60).toString(), null), v.remediation());
    }

    private static Verdict with(Verdict v, String threatType, String source, String first, String last, int lines) {
        Verdict.Assessment a = v.assessment();
        Verdict.Evidence e = v.evidence();
        return new Verdict(v.id(), v.status(), new Verdict.Assessment(a.severity(), threatType, List.of(threatType),
                a.action(), a.target(), a.targetType(), a.reasoning(), a.mitre(), a.engine(), a.model(), null, null),
                new Verdict.Evidence(lines(source, lines), e.eventCount(), 1, first, last, source, List.of(source),
                        e.timeline(), null), v.createdAt(), null, null, null);
    }

    private static List<String> lines(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }
}
