package dev.soctriage.verdict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.soctriage.model.Action;
import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;

/** Maps a {@link Verdict} to a DynamoDB item and back; absent attributes are nulls. */
final class VerdictItems {
    /** The status index's sort key: severity rank then creation time, so a descending query is the queue order. */
    static final String QUEUE_KEY = "queueKey";
    static final String STATUS_INDEX = "status-index";

    private VerdictItems() {
    }

    static String queueKey(Severity severity, String createdAt) {
        return severity.rank() + "#" + createdAt;
    }

    static Map<String, AttributeValue> toItem(Verdict v) {
        Map<String, AttributeValue> m = new HashMap<>();
        put(m, "id", v.id());
        put(m, "status", v.status().name());
        put(m, "severity", v.severity().wire());
        put(m, "threatType", v.threatType());
        put(m, "action", v.action().wire());
        put(m, "target", v.target());
        put(m, "targetType", v.targetType());
        put(m, "reasoning", v.reasoning());
        m.put("mitre", list(v.mitre()));
        put(m, "engine", v.engine());
        put(m, "model", v.model());
        m.put("evidence", list(v.evidence()));
        m.put("eventCount", AttributeValue.fromN(Long.toString(v.eventCount())));
        put(m, "firstSeen", v.firstSeen());
        put(m, "lastSeen", v.lastSeen());
        put(m, "source", v.source());
        put(m, "createdAt", v.createdAt());
        put(m, "decidedBy", v.decidedBy());
        put(m, "decidedAt", v.decidedAt());
        put(m, "comment", v.comment());
        put(m, "kestraExecutionId", v.kestraExecutionId());
        put(m, "guard", v.guard());
        put(m, "crossCheck", v.crossCheck());
        put(m, "groupKey", v.groupKey());
        put(m, "dispatchError", v.dispatchError());
        put(m, "outcomeDetail", v.outcomeDetail());
        put(m, "outcomeAt", v.outcomeAt());
        if (v.expiresAt() != null) {
            m.put("expiresAt", AttributeValue.fromN(Long.toString(v.expiresAt())));
        }
        if (v.suppressedEvents() != null) {
            m.put("suppressedEvents", AttributeValue.fromN(Long.toString(v.suppressedEvents())));
        }
        put(m, QUEUE_KEY, queueKey(v.severity(), v.createdAt()));
        return m;
    }

    static Verdict fromItem(Map<String, AttributeValue> m) {
        return new Verdict(s(m, "id"), Status.parse(s(m, "status")), Severity.fromWire(s(m, "severity")),
                s(m, "threatType"), Action.fromWire(s(m, "action")), s(m, "target"), s(m, "targetType"),
                s(m, "reasoning"), strings(m, "mitre"), s(m, "engine"), s(m, "model"), strings(m, "evidence"),
                n(m, "eventCount"), s(m, "firstSeen"), s(m, "lastSeen"), s(m, "source"), s(m, "createdAt"),
                s(m, "decidedBy"), s(m, "decidedAt"), s(m, "comment"), s(m, "kestraExecutionId"), s(m, "guard"),
                s(m, "crossCheck"), s(m, "groupKey"), s(m, "dispatchError"), s(m, "outcomeDetail"),
                s(m, "outcomeAt"), m.containsKey("expiresAt") ? n(m, "expiresAt") : null,
                m.containsKey("suppressedEvents") ? n(m, "suppressedEvents") : null);
    }

    private static void put(Map<String, AttributeValue> m, String k, String v) {
        if (v != null) {
            m.put(k, AttributeValue.fromS(v));
        }
    }

    private static AttributeValue list(List<String> values) {
        List<AttributeValue> l = new ArrayList<>(values.size());
        for (String s : values) {
            l.add(AttributeValue.fromS(s));
        }
        return AttributeValue.fromL(l);
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
