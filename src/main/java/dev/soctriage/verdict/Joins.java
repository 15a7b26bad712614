package dev.soctriage.verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.soctriage.model.Action;
import dev.soctriage.model.Detection;
import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;
import dev.soctriage.verdict.Verdict.Assessment;
import dev.soctriage.verdict.Verdict.Evidence;
import dev.soctriage.verdict.Verdict.Lineage;
import dev.soctriage.verdict.Verdict.PreviousDecision;
import dev.soctriage.verdict.Verdict.Timeline;

/**
 * The rules of invariant 6 (docs/contract.md) as pure functions: how a delivery's finding joins an
 * open verdict, and how a verdict that follows a decided one opens. No I/O, so the store can retry them
 * on a fresh read as often as a conditional write is lost.
 */
final class Joins {
    /** Evidence lines of the first deliveries that a join never pushes out. */
    static final int EVIDENCE_KEPT_FIRST = Verdict.EVIDENCE_MAX_LINES / 2;
    static final int MAX_THREAT_TYPES = 20;
    static final int MAX_SOURCES = 20;
    static final int MAX_MITRE = 10;
    /** Delivery ids remembered per verdict (and handed on to its successor) to refuse a redelivery. */
    static final int MAX_DELIVERY_IDS = 1000;

    private Joins() {
    }

    /** {@code open} with {@code incoming} (one delivery's verdict for the same plan) joined to it. */
    static Verdict join(Verdict open, Verdict incoming) {
        Assessment a = open.assessment();
        Assessment in = incoming.assessment();
        Severity severity = in.severity().compareTo(a.severity()) > 0 ? in.severity() : a.severity();
        Assessment assessment = new Assessment(severity, a.threatType(),
                union(a.threatTypes(), in.threatTypes(), MAX_THREAT_TYPES), a.action(), a.target(), a.targetType(),
                a.reasoning(), union(a.mitre(), in.mitre(), MAX_MITRE), a.engine(), a.model(),
                a.guard() != null ? a.guard() : in.guard(), a.crossCheck() != null ? a.crossCheck() : in.crossCheck(),
                detections(a.detections(), in.detections()));
        Evidence e = open.evidence();
        Evidence ie = incoming.evidence();
        List<Timeline> timeline = new ArrayList<>(e.timeline());
        timeline.addAll(ie.timeline());
        Long suppressed = e.suppressedEvents() == null && ie.suppressedEvents() == null ? null
                : orZero(e.suppressedEvents()) + orZero(ie.suppressedEvents());
        Evidence evidence = new Evidence(lines(e.lines(), ie.lines()), e.eventCount() + ie.eventCount(),
                e.deliveries() + ie.deliveries(), earliest(e.firstSeen(), ie.firstSeen()),
                latest(e.lastSeen(), ie.lastSeen()), e.source(), union(e.sources(), ie.sources(), MAX_SOURCES),
                capTimeline(timeline), suppressed);
        return new Verdict(open.id(), open.status(), assessment, evidence, open.createdAt(), open.lineage(),
                open.decision(), open.remediation());
    }

    /**
     * A verdict opening after {@code previous} was decided: it names the previous one and its decision;
     * after a {@code block_ip} that was carried out it says the address was seen again and ranks at
     * least high, since the block did not hold.
     */
    static Verdict following(Verdict opening, Verdict previous) {
        if (previous == null) {
            return opening;
        }
        Assessment a = opening.assessment();
        boolean afterBlock = previous.status() == Status.REMEDIATED && previous.action() == Action.BLOCK_IP;
        Severity severity = afterBlock && a.severity().compareTo(Severity.HIGH) < 0 ? Severity.HIGH : a.severity();
        Assessment assessment = new Assessment(severity, a.threatType(), a.threatTypes(), a.action(), a.target(),
                a.targetType(), a.reasoning(), a.mitre(), a.engine(), a.model(), a.guard(), a.crossCheck(), a.detections());
        Lineage lineage = new Lineage(previous.id(), new PreviousDecision(previous.status(),
                previous.decision().decidedBy(), previous.decision().decidedAt(), previous.decision().comment()),
                afterBlock ? Lineage.SEEN_AFTER_BLOCK : null);
        return new Verdict(opening.id(), opening.status(), assessment, opening.evidence(), opening.createdAt(), lineage,
                opening.decision(), opening.remediation());
    }

    /** The open verdict's detections, then the new ones by id, at most {@link Detection#MAX_PER_VERDICT}. */
    static List<Detection> detections(List<Detection> open, List<Detection> incoming) {
        List<Detection> out = new ArrayList<>(open);
        for (Detection d : incoming) {
            if (out.size() >= Detection.MAX_PER_VERDICT) {
                break;
            }
            if (out.stream().noneMatch(x -> x.id().equals(d.id()))) {
                out.add(d);
            }
        }
        return List.copyOf(out);
    }

    /** The first lines of the open verdict kept, then the latest, at most 20 in all. */
    static List<String> lines(List<String> kept, List<String> incoming) {
        int max = Verdict.EVIDENCE_MAX_LINES;
        if (kept.size() + incoming.size() <= max) {
            List<String> all = new ArrayList<>(kept);
            all.addAll(incoming);
            return all;
        }
        int head = Math.min(EVIDENCE_KEPT_FIRST, kept.size());
        List<String> rest = new ArrayList<>(kept.subList(head, kept.size()));
        rest.addAll(incoming);
        List<String> out = new ArrayList<>(kept.subList(0, head));
        out.addAll(rest.subList(rest.size() - (max - head), rest.size()));
        return out;
    }

    /** The first entry kept, then the latest. */
    static List<Timeline> capTimeline(List<Timeline> timeline) {
        if (timeline.size() <= Timeline.MAX_ENTRIES) {
            return timeline;
        }
        List<Timeline> out = new ArrayList<>(Timeline.MAX_ENTRIES);
        out.add(timeline.get(0));
        out.addAll(timeline.subList(timeline.size() - (Timeline.MAX_ENTRIES - 1), timeline.size()));
        return out;
    }

    /** The latest {@link #MAX_DELIVERY_IDS} ids, {@code added} last. */
    static List<String> remember(List<String> ids, String added) {
        List<String> out = new ArrayList<>(ids);
        out.add(added);
        return out.size() <= MAX_DELIVERY_IDS ? out : out.subList(out.size() - MAX_DELIVERY_IDS, out.size());
    }

    static List<String> union(List<String> a, List<String> b, int max) {
        Set<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        List<String> l = new ArrayList<>(s);
        return l.size() <= max ? l : l.subList(0, max);
    }

    private static long orZero(Long n) {
        return n == null ? 0 : n;
    }

    private static String earliest(String a, String b) {
        return a == null ? b : b == null ? a : Instant.parse(b).isBefore(Instant.parse(a)) ? b : a;
    }

    private static String latest(String a, String b) {
        return a == null ? b : b == null ? a : Instant.parse(b).isAfter(Instant.parse(a)) ? b : a;
    }
}
