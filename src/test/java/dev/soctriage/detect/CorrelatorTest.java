package dev.soctriage.detect;

import static dev.soctriage.detect.SigmaEngineTest.trail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Correlation rules over one delivery: counts per group-by key within the timespan. */
class CorrelatorTest {
    static final String BASES = """
            title: Key created
            name: key_created
            logsource:
                product: aws
                service: cloudtrail
            detection:
                s:
                    eventName: CreateAccessKey
                condition: s
            level: informational
            ---
            title: Logging stopped
            name: logging_stopped
            logsource:
                product: aws
                service: cloudtrail
            detection:
                s:
                    eventName: StopLogging
                condition: s
            level: informational
            """;

    static String correlation(String type, String extra) {
        return "title: Corr\nid: 6c2980c0-af60-481b-812e-394959338dce\ncorrelation:\n    type: " + type
                + "\n    rules:\n        - key_created\n        - logging_stopped\n    group-by:\n        - userIdentity.userName\n"
                + "    timespan: 10m\n" + extra + "level: high\n---\n" + BASES;
    }

    static String at(String event, String user, int minute) {
        return trail(event, "").replace("2026-12-08T10:00:00Z", String.format("2026-12-08T10:%02d:00Z", minute))
                .replace("\"userName\":\"mallory\"", "\"userName\":\"" + user + "\"");
    }

    static List<CorrelationHit> run(Detections d, String... lines) {
        return d.correlate(TestRules.parseAll(lines));
    }

    @Test
    void eventCount_countsPerKey_withinTheTimespan_andGtIsStrict() {
        Detections d = TestRules.load(correlation("event_count", "    condition:\n        gt: 2\n"));
        assertEquals(List.of(), d.report().refused());
        assertTrue(run(d, at("CreateAccessKey", "a", 0), at("StopLogging", "a", 1), at("CreateAccessKey", "b", 2)).isEmpty(),
                "two for a is not more than two");
        List<CorrelationHit> hits = run(d, at("CreateAccessKey", "a", 0), at("StopLogging", "a", 1), at("CreateAccessKey", "a", 9));
        assertEquals(1, hits.size());
        assertEquals(Map.of("userIdentity.userName", "a"), hits.get(0).key());
        assertEquals(3, hits.get(0).members());
        assertTrue(run(d, at("CreateAccessKey", "a", 0), at("StopLogging", "a", 6), at("CreateAccessKey", "a", 12)).isEmpty(),
                "never three within ten minutes");
    }

    @Test
    void temporal_needsEveryRule_inAnyOrder_temporalOrdered_inTheirOrder() {
        Detections any = TestRules.load(correlation("temporal", ""));
        Detections ordered = TestRules.load(correlation("temporal_ordered", ""));
        String[] forward = {at("CreateAccessKey", "a", 0), at("StopLogging", "a", 3)};
        String[] backward = {at("StopLogging", "a", 0), at("CreateAccessKey", "a", 3)};
        assertEquals(1, run(any, forward).size());
        assertEquals(1, run(any, backward).size());
        assertEquals(1, run(ordered, forward).size());
        assertEquals(0, run(ordered, backward).size());
        assertEquals(0, run(any, at("CreateAccessKey", "a", 0), at("CreateAccessKey", "a", 1)).size(), "one rule twice");
        assertEquals(0, run(any, at("CreateAccessKey", "a", 0), at("StopLogging", "b", 1)).size(), "two users");
        assertEquals(0, run(any, at("CreateAccessKey", "a", 0), at("StopLogging", "a", 30)).size(), "too far apart");
    }

    @Test
    void anEventWithoutTheGroupByField_isNotCounted() {
        Detections d = TestRules.load(correlation("event_count", "    condition:\n        gte: 2\n"));
        String noUser = trail("CreateAccessKey", "").replace(",\"userName\":\"mallory\"", "");
        assertEquals(0, run(d, noUser, noUser, noUser).size());
    }

    @Test
    void baseRulesOfACorrelation_areNotFindingsOfTheirOwn_unlessGenerateSaysSo() {
        Detections d = TestRules.load(correlation("temporal", ""));
        List<Boolean> standalone = new ArrayList<>();
        for (int i = 0; i < d.ruleCount(); i++) {
            standalone.add(d.standalone(i));
        }
        assertEquals(List.of(false, false), standalone);
        Detections g = TestRules.load(correlation("temporal", "    generate: true\n"));
        assertEquals(List.of(), g.report().refused());
        assertTrue(g.standalone(0) && g.standalone(1), "generate: true keeps the base rules' own findings");
    }

    @Test
    void unsupportedCorrelations_areRefusedWithWhy() {
        Detections d = TestRules.load(correlation("value_sum", "    condition:\n        field: x\n        gt: 1\n"),
                correlation("event_count", "    condition:\n        lt: 3\n").replace("6c2980c0", "7c2980c0")
                        .replace("key_created", "key_created2").replace("logging_stopped", "logging_stopped2"));
        String all = String.join("\n", d.report().refused());
        assertTrue(all.contains("value_sum is not supported"), all);
        assertTrue(all.contains("lt, lte, eq and neq are not supported"), all);
        assertFalse(all.isEmpty());
    }
}
