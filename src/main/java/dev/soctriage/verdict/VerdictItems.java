package dev.soctriage.verdict;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.soctriage.model.Action;
import dev.soctriage.model.Detection;
import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;
import dev.soctriage.verdict.Verdict.Assessment;
import dev.soctriage.verdict.Verdict.Decision;
import dev.soctriage.verdict.Verdict.Evidence;
import dev.soctriage.verdict.Verdict.Lineage;
import dev.soctriage.verdict.Verdict.PreviousDecision;
import dev.soctriage.verdict.Verdict.Remediation;
import dev.soctriage.verdict.Verdict.Timeline;

/**
 * Maps a {@link Verdict} to a DynamoDB item and back; absent attributes are nulls. The item also holds
 * what only storage needs, never part of the document: the index keys ({@code queueKey},
 * {@code activityKey}), the TTL {@code expiresAt}, the approval's {@code claimToken}/{@code claimUntil},
 * and for invariant 6 the {@code planKey}, a {@code version} for optimistic joins, the
 * {@code deliveryIds} already counted and the {@code feedbackKeys} a false-positive rejection suppresses;
 * on a {@code DISPATCH_FAILED} verdict, {@link #DISPATCH_SETTLED}.
 */
final class VerdictItems {
    /** The status index's sort key: severity rank then creation time, so a descending query is the queue order. */
    static final String QUEUE_KEY = "queueKey";
    static final String STATUS_INDEX = "status-index";
    /** The activity index's sort key: the last event time (else the last write), fixed-width UTC with millis. */
    static final String ACTIVITY_KEY = "activityKey";
    static final String ACTIVITY_INDEX = "activity-index";
    /**
     * Set (true) on a {@code DISPATCH_FAILED} verdict whose failed dispatch certainly created no Kestra
     * execution (Kestra refused it, or none was sent): a re-approval need not wait for
     * {@code kestra.dispatch-grace}. Absent: the failure may still land (timeout, reset, 5xx).
     */
    static final String DISPATCH_SETTLED = "dispatchSettled";

    private static final DateTimeFormatter FIXED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private VerdictItems() {
    }

    /** A verdict as stored, with the storage-only attributes that the joins read. */
    record Stored(Verdict verdict, long version, String planKey, List<String> deliveryIds, List<String> feedbackKeys,
            boolean expires) {
    }

    static String queueKey(Severity severity, String createdAt) {
        return severity.rank() + "#" + createdAt;
    }

    /** Last activity: {@code lastSeen}, else the latest timeline entry, else creation. */
    static String activityKey(Verdict v) {
        String t = v.evidence().lastSeen();
        if (t == null) {
            List<Timeline> tl = v.evidence().timeline();
            t = tl.isEmpty() ? v.createdAt() : tl.get(tl.size() - 1).at();
        }
        return FIXED.format(Instant.parse(t));
    }

    static Map<String, AttributeValue> toItem(Verdict v) {
        Map<String, AttributeValue> m = new HashMap<>();
        put(m, "id", v.id());
        put(m, "status", v.status().name());
        put(m, "createdAt", v.createdAt());
        Assessment a = v.assessment();
        put(m, "severity", a.severity().wire());
        put(m, "threatType", a.threatType());
        m.put("threatTypes", list(a.threatTypes()));
        put(m, "action", a.action().wire());
        put(m, "target", a.target());
        put(m, "targetType", a.targetType());
        put(m, "reasoning", a.reasoning());
        m.put("mitre", list(a.mitre()));
        put(m, "engine", a.engine());
        put(m, "model", a.model());
        put(m, "guard", a.guard());
        put(m, "crossCheck", a.crossCheck());
        m.put("detections", detections(a.detections()));
        m.putAll(evidenceAttributes(v));
        Lineage l = v.lineage();
        put(m, "previousVerdictId", l.previousVerdictId());
        if (l.previousDecision() != null) {
            PreviousDecision p = l.previousDecision();
            Map<String, AttributeValue> pm = new HashMap<>();
            put(pm, "status", p.status().name());
            put(pm, "decidedBy", p.decidedBy());
            put(pm, "decidedAt", p.decidedAt());
            put(pm, "comment", p.comment());
            m.put("previousDecision", AttributeValue.fromM(pm));
        }
        put(m, "recurrence", l.recurrence());
        Decision d = v.decision();
        put(m, "decidedBy", d.decidedBy());
        put(m, "decidedAt", d.decidedAt());
        put(m, "comment", d.comment());
        Remediation r = v.remediation();
        put(m, "kestraExecutionId", r.kestraExecutionId());
        put(m, "dispatchError", r.dispatchError());
        put(m, "outcomeDetail", r.outcomeDetail());
        put(m, "outcomeAt", r.outcomeAt());
        return m;
    }

    /**
     * The attributes a join rewrites: the assessment's severity, threat types and ATT&CK ids, the
     * evidence, and the index keys that follow from them. Null values are left out (a join never
     * clears one).
     */
    static Map<String, AttributeValue> joinedAttributes(Verdict v) {
        Map<String, AttributeValue> m = new HashMap<>(evidenceAttributes(v));
        put(m, "severity", v.severity().wire());
        m.put("threatTypes", list(v.assessment().threatTypes()));
        m.put("mitre", list(v.assessment().mitre()));
        m.put("detections", detections(v.assessment().detections()));
        return m;
    }

    private static AttributeValue detections(List<Detection> detections) {
        List<AttributeValue> out = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            Map<String, AttributeValue> dm = new HashMap<>();
            put(dm, "id", d.id());
            put(dm, "title", d.title());
            put(dm, "level", d.level());
            put(dm, "pack", d.pack());
            put(dm, "description", d.description());
            dm.put("references", list(d.references()));
            out.add(AttributeValue.fromM(dm));
        }
        return AttributeValue.fromL(out);
    }

    private static List<Detection> detections(Map<String, AttributeValue> m) {
        AttributeValue v = m.get("detections");
        if (v == null || !v.hasL()) {
            return List.of();
        }
        List<Detection> out = new ArrayList<>();
        for (AttributeValue d : v.l()) {
            Map<String, AttributeValue> dm = d.m();
            out.add(new Detection(s(dm, "id"), s(dm, "title"), s(dm, "level"), s(dm, "pack"), s(dm, "description"),
                    dm.containsKey("references") ? strings(dm, "references") : List.of()));
        }
        return out;
    }

    private static Map<String, AttributeValue> evidenceAttributes(Verdict v) {
        Map<String, AttributeValue> m = new HashMap<>();
        Evidence e = v.evidence();
        m.put("evidence", list(e.lines()));
        m.put("eventCount", n(e.eventCount()));
        m.put("deliveries", n(e.deliveries()));
        put(m, "firstSeen", e.firstSeen());
        put(m, "lastSeen", e.lastSeen());
        put(m, "source", e.source());
        m.put("sources", list(e.sources()));
        List<AttributeValue> timeline = new ArrayList<>(e.timeline().size());
        for (Timeline t : e.timeline()) {
            Map<String, AttributeValue> tm = new HashMap<>();
            put(tm, "at", t.at());
            tm.put("events", n(t.events()));
            put(tm, "firstSeen", t.firstSeen());
            put(tm, "lastSeen", t.lastSeen());
            timeline.add(AttributeValue.fromM(tm));
        }
        m.put("timeline", AttributeValue.fromL(timeline));
        if (e.suppressedEvents() != null) {
            m.put("suppressedEvents", n(e.suppressedEvents()));
        }
        put(m, QUEUE_KEY, queueKey(v.severity(), v.createdAt()));
        put(m, ACTIVITY_KEY, activityKey(v));
        return m;
    }

    static Verdict fromItem(Map<String, AttributeValue> m) {
        Assessment a = new Assessment(Severity.fromWire(s(m, "severity")), s(m, "threatType"),
                m.containsKey("threatTypes") ? strings(m, "threatTypes") : List.of(s(m, "threatType")),
                Action.fromWire(s(m, "action")), s(m, "target"), s(m, "targetType"), s(m, "reasoning"),
                strings(m, "mitre"), s(m, "engine"), s(m, "model"), s(m, "guard"), s(m, "crossCheck"), detections(m));
        String source = s(m, "source");
        long events = n(m, "eventCount");
        List<Timeline> timeline = new ArrayList<>();
        AttributeValue tl = m.get("timeline");
        if (tl != null && tl.hasL()) {
            for (AttributeValue t : tl.l()) {
                Map<String, AttributeValue> tm = t.m();
                timeline.add(new Timeline(s(tm, "at"), n(tm, "events"), s(tm, "firstSeen"), s(tm, "lastSeen")));
            }
        } else {
            timeline.add(new Timeline(s(m, "createdAt"), events, s(m, "firstSeen"), s(m, "lastSeen")));
        }
        Evidence e = new Evidence(strings(m, "evidence"), events,
                m.containsKey("deliveries") ? n(m, "deliveries") : 1, s(m, "firstSeen"), s(m, "lastSeen"), source,
                m.containsKey("sources") ? strings(m, "sources") : List.of(source), timeline,
                m.containsKey("suppressedEvents") ? n(m, "suppressedEvents") : null);
        PreviousDecision previous = null;
        AttributeValue p = m.get("previousDecision");
        if (p != null && p.hasM()) {
            Map<String, AttributeValue> pm = p.m();
            previous = new PreviousDecision(Status.parse(s(pm, "status")), s(pm, "decidedBy"), s(pm, "decidedAt"),
                    s(pm, "comment"));
        }
        return new Verdict(s(m, "id"), Status.parse(s(m, "status")), a, e, s(m, "createdAt"),
                new Lineage(s(m, "previousVerdictId"), previous, s(m, "recurrence")),
                new Decision(s(m, "decidedBy"), s(m, "decidedAt"), s(m, "comment")),
                new Remediation(s(m, "kestraExecutionId"), s(m, "dispatchError"), s(m, "outcomeDetail"),
                        s(m, "outcomeAt")));
    }

    static Stored stored(Map<String, AttributeValue> m) {
        return new Stored(fromItem(m), m.containsKey("version") ? n(m, "version") : 0, s(m, "planKey"),
                strings(m, "deliveryIds"), strings(m, "feedbackKeys"), m.containsKey("expiresAt"));
    }

    static void put(Map<String, AttributeValue> m, String k, String v) {
        if (v != null) {
            m.put(k, AttributeValue.fromS(v));
        }
    }

    static AttributeValue list(List<String> values) {
        List<AttributeValue> l = new ArrayList<>(values.size());
        for (String s : values) {
            l.add(AttributeValue.fromS(s));
        }
        return AttributeValue.fromL(l);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    private static String s(Map<String, AttributeValue> m, String k) {
        AttributeValue v = m.get(k);
        return v == null ? null : v.s();
    }

    private static long n(Map<String, AttributeValue> m, String k) {
        AttributeValue v = m.get(k);
        return v == null ? 0 : Long.parseLong(v.n());
    }

    private static List<String> strings(Map<String, AttributeValue> m, String k) {
        AttributeValue v = m.get(k);
        if (v == null || !v.hasL()) {
            return List.of();
        }
        return v.l().stream().map(AttributeValue::s).toList();
    }
}
