package dev.soctriage.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import dev.soctriage.detect.Detections;
import dev.soctriage.group.EventGroup;
import dev.soctriage.group.Grouper;
import dev.soctriage.model.Action;
import dev.soctriage.model.LogEvent;
import dev.soctriage.model.Severity;
import dev.soctriage.parse.Parsers;

/**
 * Thresholds at their boundaries. The SSH ones are the built-in pack's correlation rules now
 * (detections/linux/ssh-brute-force*): triage.rules.ssh-* no longer decide what the rules cover.
 */
class RulesEngineTest {
    private final Parsers parsers = new Parsers(Clock.systemUTC());
    private final Grouper grouper = new Grouper();
    private final Detections detections = Detections.load(List.of(), Map.of());
    private final DetectionClassifier signatures = new DetectionClassifier(new Signatures(), detections);

    private static RulesConfig config(Map<String, String> overrides) {
        SmallRyeConfigBuilder b = new SmallRyeConfigBuilder().withMapping(RulesConfig.class);
        overrides.forEach(b::withDefaultValue);
        return b.build().getConfigMapping(RulesConfig.class);
    }

    private EventGroup only(List<String> lines) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            events.add(new LogEvent("e" + i, 1764000000000L + i, lines.get(i)));
        }
        List<EventGroup> groups = grouper.group(parsers.parseAll(events), signatures);
        assertEquals(1, groups.size());
        return groups.get(0);
    }

    @Test
    void judge_findsNoBruteForceBelowTheRulesThreshold_andOneAtIt_highWhenSustained() {
        RulesEngine rules = new RulesEngine(config(Map.of()), detections);

        assertEquals(Optional.empty(), rules.judge(only(TriageLines.sshFailures("203.0.113.7", 4))));
        Finding f = rules.judge(only(TriageLines.sshFailures("203.0.113.7", 5))).orElseThrow();
        assertEquals("SSH brute force", f.threatType());
        assertEquals(Severity.MEDIUM, f.severity());
        assertEquals(Action.BLOCK_IP, f.action());
        assertEquals("203.0.113.7", f.target());
        assertEquals(List.of("T1110.001"), f.mitre());
        assertEquals(Severity.HIGH, rules.judge(only(TriageLines.sshFailures("203.0.113.7", 50))).orElseThrow()
                .severity());
    }

    @Test
    void judge_legacyThresholds_noLongerDecideWhatTheBuiltInRulesCover() {
        RulesEngine rules = new RulesEngine(config(Map.of("triage.rules.ssh-failures", "2")), detections);

        assertEquals(Optional.empty(), rules.judge(only(TriageLines.sshFailures("203.0.113.7", 3))));
    }

    /** detections/web/sql-injection and path-traversal */
    private static final String SQL_INJECTION = "868d7190-99d1-4696-b338-904ce401e56e";
    private static final String PATH_TRAVERSAL = "83f482b1-ab61-4118-b3eb-fdfb88f7a2eb";

    @Test
    void judge_anInjectionInACloudFrontOrApiGatewayLog_blocksItsClient_asInAnAccessLog() {
        RulesEngine rules = new RulesEngine(config(Map.of()), detections);
        String cloudFront = "2026-12-08\t09:01:00\tFRA56-P1\t392\t203.0.113.12\tGET\td1.cloudfront.net\t/catalog\t200\t-\t"
                + "Mozilla/5.0\titem=7%2520UNION%2520SELECT%2520login,pwd%2520FROM%2520accounts--\t-\tMiss\tid==\tshop.example.com\thttps\t23";
        String apiGateway = "{\"requestId\":\"r-1\",\"ip\":\"198.51.100.23\",\"requestTime\":\"08/Dec/2026:09:01:01 +0000\","
                + "\"httpMethod\":\"GET\",\"path\":\"/prod/files/..%2f..%2f..%2fetc%2fpasswd\",\"status\":\"400\"}";
        EventGroup sqli = only(List.of(cloudFront));
        assertTrue(sqli.detections().contains(SQL_INJECTION), "the web rules read CloudFront: " + sqli.detections());
        Finding f = rules.judge(sqli).orElseThrow();
        assertEquals(Action.BLOCK_IP, f.action());
        assertEquals("203.0.113.12", f.target());
        EventGroup traversal = only(List.of(apiGateway));
        assertTrue(traversal.detections().contains(PATH_TRAVERSAL), "the web rules read API Gateway: " + traversal.detections());
        Finding g = rules.judge(traversal).orElseThrow();
        assertEquals(Action.BLOCK_IP, g.action());
        assertEquals("198.51.100.23", g.target());
    }
}
