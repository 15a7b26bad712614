package dev.soctriage.verdict;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.soctriage.model.Action;
import dev.soctriage.model.Detection;
import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;
import dev.soctriage.text.Digests;
import dev.soctriage.verdict.Verdict.Assessment;
import dev.soctriage.verdict.Verdict.Decision;
import dev.soctriage.verdict.Verdict.Evidence;
import dev.soctriage.verdict.Verdict.Lineage;
import dev.soctriage.verdict.Verdict.PreviousDecision;
import dev.soctriage.verdict.Verdict.Remediation;
import dev.soctriage.verdict.Verdict.Timeline;

/**
 * The verdict item's shape: each attribute of a {@link Verdict} named once, with how it is written and
 * read ({@link Attribute}); absent attributes are nulls. The item also holds what only storage needs,
 * never part of the document: the index keys ({@code queueKey}, {@code activityKey}), the TTL
 * {@code expiresAt}, the approval's {@code claimToken}/{@code claimUntil}, and for invariant 6 the
 * {@code planKey}, a {@code version} for optimistic joins, the {@code deliveryIds} already counted and the
 * {@code feedbackKeys} a false-positive rejection suppresses; on a {@code DISPATCH_FAILED} verdict,
 * {@link #DISPATCH_SETTLED}.
 */
final class VerdictItems {
    /** The status index's sort key: severity rank then creation time, so a descending query is the queue order. */
    static final String QUEUE_KEY = "queueKey";
    static final String STATUS_INDEX = "status-index";
    /** The activity index's sort key: the last event time (else the last write), fixed-width UTC with millis. */
    static final String ACTIVITY_KEY = "activityKey";
    static final String ACTIVITY_INDEX = "activity-index";

    static final Attribute<String> ID = Attribute.string("id");
    static final Attribute<Status> STATUS = Attribute.text("status", Status::name, Status::parse);
    static final Attribute<String> CREATED_AT = Attribute.string("createdAt");
    // the assessment
    static final Attribute<Severity> SEVERITY = Attribute.text("severity", Severity::wire, Severity::fromWire);
    static final Attribute<String> THREAT_TYPE = Attribute.string("threatType");
    static final Attribute<List<String>> THREAT_TYPES = Attribute.strings("threatTypes");
    static final Attribute<Action> ACTION = Attribute.text("action", Action::wire, Action::fromWire);
    static final Attribute<String> TARGET = Attribute.string("target");
    static final Attribute<String> TARGET_TYPE = Attribute.string("targetType");
    static final Attribute<String> REASONING = Attribute.string("reasoning");
    static final Attribute<List<String>> MITRE = Attribute.strings("mitre");
    static final Attribute<String> ENGINE = Attribute.string("engine");
    static final Attribute<String> MODEL = Attribute.string("model");
    static final Attribute<String> GUARD = Attribute.string("guard");
    static final Attribute<String> CROSS_CHECK = Attribute.string("crossCheck");
    static final Attribute<List<Detection>> DETECTIONS = Attribute.maps("detections", VerdictItems::detection,
            VerdictItems::detection);
    static final Attribute<String> MODEL_NOT_ASKED = Attribute.string("modelNotAsked");
    static final Attribute<String> REMEMBERED_FROM = Attribute.string("rememberedFrom");
    // the evidence
    static final Attribute<List<String>> EVIDENCE = Attribute.strings("evidence");
    static final Attribute<Long> EVENT_COUNT = Attribute.number("eventCount");
    static final Attribute<Long> DELIVERIES = Attribute.number("deliveries");
    static final Attribute<String> FIRST_SEEN = Attribute.string("firstSeen");
    static final Attribute<String> LAST_SEEN = Attribute.string("lastSeen");
    static final Attribute<String> SOURCE = Attribute.string("source");
    static final Attribute<List<String>> SOURCES = Attribute.strings("sources");
    static final Attribute<List<Timeline>> TIMELINE = Attribute.maps("timeline", VerdictItems::timeline,
            VerdictItems::timeline);
    static final Attribute<Long> SUPPRESSED_EVENTS = Attribute.number("suppressedEvents");
    static final Attribute<String> QUEUE = Attribute.string(QUEUE_KEY);
    static final Attribute<String> ACTIVITY = Attribute.string(ACTIVITY_KEY);
    // the lineage, the decision, the remediation
    static final Attribute<String> PREVIOUS_VERDICT_ID = Attribute.string("previousVerdictId");
    static final Attribute<PreviousDecision> PREVIOUS_DECISION = Attribute.map("previousDecision",
            VerdictItems::previous, VerdictItems::previous);
    static final Attribute<String> RECURRENCE = Attribute.string("recurrence");
    static final Attribute<String> DECIDED_BY = Attribute.string("decidedBy");
    static final Attribute<String> DECIDED_AT = Attribute.string("decidedAt");
    static final Attribute<String> COMMENT = Attribute.string("comment");
    static final Attribute<String> KESTRA_EXECUTION_ID = Attribute.string("kestraExecutionId");
    static final Attribute<String> DISPATCH_ERROR = Attribute.string("dispatchError");
    static final Attribute<String> OUTCOME_DETAIL = Attribute.string("outcomeDetail");
    static final Attribute<String> OUTCOME_AT = Attribute.string("outcomeAt");
    // storage only
    static final Attribute<String> PLAN_KEY = PlanItems.PLAN_KEY;
    static final Attribute<Long> VERSION = Attribute.number("version");
    static final Attribute<List<String>> DELIVERY_IDS = Attribute.strings("deliveryIds");
    static final Attribute<List<String>> FEEDBACK_KEYS = Attribute.strings("feedbackKeys");
    static final Attribute<Long> EXPIRES_AT = Attribute.number("expiresAt");
    static final Attribute<String> CLAIM_TOKEN = Attribute.string("claimToken");
    /**
     * Set (true) on a {@code DISPATCH_FAILED} verdict whose failed dispatch certainly created no Kestra
     * execution (Kestra refused it, or none was sent): a re-approval need not wait for
     * {@code kestra.dispatch-grace}. Absent: the failure may still land (timeout, reset, 5xx).
     */
    static final Attribute<Boolean> DISPATCH_SETTLED = Attribute.bool("dispatchSettled");

    // the shapes nested in a verdict item
    private static final Attribute<String> DETECTION_ID = Attribute.string("id");
    private static final Attribute<String> DETECTION_TITLE = Attribute.string("title");
    private static final Attribute<String> DETECTION_LEVEL = Attribute.string("level");
    private static final Attribute<String> DETECTION_PACK = Attribute.string("pack");
    private static final Attribute<String> DETECTION_DESCRIPTION = Attribute.string("description");
    private static final Attribute<List<String>> DETECTION_REFERENCES = Attribute.strings("references");
    private static final Attribute<String> AT = Attribute.string("at");
    private static final Attribute<Long> EVENTS = Attribute.number("events");

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

    /**
     * A delivery as {@code deliveryIds} lists it: 80 bits of its id's digest, enough to tell deliveries
     * apart, small enough to keep 1000.
     */
    static String deliveryMark(String deliveryId) {
        return Digests.sha256Hex("delivery", deliveryId).substring(0, 20);
    }

    static Map<String, AttributeValue> toItem(Verdict v) {
        Map<String, AttributeValue> m = new HashMap<>();
        ID.put(m, v.id());
        STATUS.put(m, v.status());
        CREATED_AT.put(m, v.createdAt());
        Assessment a = v.assessment();
        SEVERITY.put(m, a.severity());
        THREAT_TYPE.put(m, a.threatType());
        THREAT_TYPES.put(m, a.threatTypes());
        ACTION.put(m, a.action());
        TARGET.put(m, a.target());
        TARGET_TYPE.put(m, a.targetType());
        REASONING.put(m, a.reasoning());
        MITRE.put(m, a.mitre());
        ENGINE.put(m, a.engine());
        MODEL.put(m, a.model());
        GUARD.put(m, a.guard());
        CROSS_CHECK.put(m, a.crossCheck());
        DETECTIONS.put(m, a.detections());
        MODEL_NOT_ASKED.put(m, a.modelNotAsked());
        REMEMBERED_FROM.put(m, a.rememberedFrom());
        m.putAll(evidenceAttributes(v));
        Lineage l = v.lineage();
        PREVIOUS_VERDICT_ID.put(m, l.previousVerdictId());
        PREVIOUS_DECISION.put(m, l.previousDecision());
        RECURRENCE.put(m, l.recurrence());
        Decision d = v.decision();
        DECIDED_BY.put(m, d.decidedBy());
        DECIDED_AT.put(m, d.decidedAt());
        COMMENT.put(m, d.comment());
        Remediation r = v.remediation();
        KESTRA_EXECUTION_ID.put(m, r.kestraExecutionId());
        DISPATCH_ERROR.put(m, r.dispatchError());
        OUTCOME_DETAIL.put(m, r.outcomeDetail());
        OUTCOME_AT.put(m, r.outcomeAt());
        return m;
    }

    /**
     * The attributes a join rewrites: the assessment's severity, threat types and ATT&CK ids, the
     * evidence, and the index keys that follow from them. Null values are left out (a join never
     * clears one).
     */
    static Map<String, AttributeValue> joinedAttributes(Verdict v) {
        Map<String, AttributeValue> m = new HashMap<>(evidenceAttributes(v));
        SEVERITY.put(m, v.severity());
        THREAT_TYPES.put(m, v.assessment().threatTypes());
        MITRE.put(m, v.assessment().mitre());
        DETECTIONS.put(m, v.assessment().detections());
        return m;
    }

    private static Map<String, AttributeValue> evidenceAttributes(Verdict v) {
        Map<String, AttributeValue> m = new HashMap<>();
        Evidence e = v.evidence();
        EVIDENCE.put(m, e.lines());
        EVENT_COUNT.put(m, e.eventCount());
        DELIVERIES.put(m, e.deliveries());
        FIRST_SEEN.put(m, e.firstSeen());
        LAST_SEEN.put(m, e.lastSeen());
        SOURCE.put(m, e.source());
        SOURCES.put(m, e.sources());
        TIMELINE.put(m, e.timeline());
        SUPPRESSED_EVENTS.put(m, e.suppressedEvents());
        QUEUE.put(m, queueKey(v.severity(), v.createdAt()));
        ACTIVITY.put(m, activityKey(v));
        return m;
    }

    static Verdict fromItem(Map<String, AttributeValue> m) {
        String threatType = THREAT_TYPE.get(m);
        Assessment a = new Assessment(SEVERITY.get(m), threatType,
                THREAT_TYPES.in(m) ? THREAT_TYPES.get(m) : List.of(threatType), ACTION.get(m), TARGET.get(m),
                TARGET_TYPE.get(m), REASONING.get(m), MITRE.get(m, List.of()), ENGINE.get(m), MODEL.get(m),
                GUARD.get(m), CROSS_CHECK.get(m), DETECTIONS.get(m, List.of()), MODEL_NOT_ASKED.get(m),
                REMEMBERED_FROM.get(m));
        String source = SOURCE.get(m);
        long events = EVENT_COUNT.get(m, 0L);
        List<Timeline> timeline = TIMELINE.get(m);
        if (timeline == null) {
            timeline = List.of(new Timeline(CREATED_AT.get(m), events, FIRST_SEEN.get(m), LAST_SEEN.get(m)));
        }
        Evidence e = new Evidence(EVIDENCE.get(m, List.of()), events, DELIVERIES.get(m, 1L), FIRST_SEEN.get(m),
                LAST_SEEN.get(m), source, SOURCES.in(m) ? SOURCES.get(m) : List.of(source), timeline,
                SUPPRESSED_EVENTS.get(m));
        return new Verdict(ID.get(m), STATUS.get(m), a, e, CREATED_AT.get(m),
                new Lineage(PREVIOUS_VERDICT_ID.get(m), PREVIOUS_DECISION.get(m), RECURRENCE.get(m)),
                new Decision(DECIDED_BY.get(m), DECIDED_AT.get(m), COMMENT.get(m)),
                new Remediation(KESTRA_EXECUTION_ID.get(m), DISPATCH_ERROR.get(m), OUTCOME_DETAIL.get(m),
                        OUTCOME_AT.get(m)));
    }

    static Stored stored(Map<String, AttributeValue> m) {
        return new Stored(fromItem(m), VERSION.get(m, 0L), PLAN_KEY.get(m), DELIVERY_IDS.get(m, List.of()),
                FEEDBACK_KEYS.get(m, List.of()), EXPIRES_AT.in(m));
    }

    private static Map<String, AttributeValue> detection(Detection d) {
        Map<String, AttributeValue> dm = new HashMap<>();
        DETECTION_ID.put(dm, d.id());
        DETECTION_TITLE.put(dm, d.title());
        DETECTION_LEVEL.put(dm, d.level());
        DETECTION_PACK.put(dm, d.pack());
        DETECTION_DESCRIPTION.put(dm, d.description());
        DETECTION_REFERENCES.put(dm, d.references());
        return dm;
    }

    private static Detection detection(Map<String, AttributeValue> dm) {
        return new Detection(DETECTION_ID.get(dm), DETECTION_TITLE.get(dm), DETECTION_LEVEL.get(dm),
                DETECTION_PACK.get(dm), DETECTION_DESCRIPTION.get(dm), DETECTION_REFERENCES.get(dm, List.of()));
    }

    private static Map<String, AttributeValue> timeline(Timeline t) {
        Map<String, AttributeValue> tm = new HashMap<>();
        AT.put(tm, t.at());
        EVENTS.put(tm, t.events());
        FIRST_SEEN.put(tm, t.firstSeen());
        LAST_SEEN.put(tm, t.lastSeen());
        return tm;
    }

    private static Timeline timeline(Map<String, AttributeValue> tm) {
        return new Timeline(AT.get(tm), EVENTS.get(tm, 0L), FIRST_SEEN.get(tm), LAST_SEEN.get(tm));
    }

    private static Map<String, AttributeValue> previous(PreviousDecision p) {
        Map<String, AttributeValue> pm = new HashMap<>();
        STATUS.put(pm, p.status());
        DECIDED_BY.put(pm, p.decidedBy());
        DECIDED_AT.put(pm, p.decidedAt());
        COMMENT.put(pm, p.comment());
        return pm;
    }

    private static PreviousDecision previous(Map<String, AttributeValue> pm) {
        return new PreviousDecision(STATUS.get(pm), DECIDED_BY.get(pm), DECIDED_AT.get(pm), COMMENT.get(pm));
    }
}
