package dev.soctriage.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
