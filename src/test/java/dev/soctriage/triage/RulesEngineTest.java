package dev.soctriage.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import dev.soctriage.group.EventGroup;
import dev.soctriage.group.Grouper;
import dev.soctriage.model.Action;
import dev.soctriage.model.LogEvent;
import dev.soctriage.model.Severity;
import dev.soctriage.parse.Parsers;

/** Thresholds come from triage.rules.*: the defaults, and an override, at their boundaries. */
class RulesEngineTest {
    private final Parsers parsers = new Parsers(Clock.systemUTC());
    private final Grouper grouper = new Grouper();
    private final Signatures signatures = new Signatures();

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
    void judge_findsNoBruteForceBelowTheDefaultThreshold_andOneAtIt() {
        RulesEngine rules = new RulesEngine(config(Map.of()));

        assertEquals(Optional.empty(), rules.judge(only(TriageLines.sshFailures("203.0.113.7", 4))));
        Finding f = rules.judge(only(TriageLines.sshFailures("203.0.113.7", 5))).orElseThrow();
        assertEquals("SSH brute force", f.threatType());
        assertEquals(Severity.MEDIUM, f.severity());
        assertEquals(Action.BLOCK_IP, f.action());
        assertEquals("203.0.113.7", f.target());
        assertEquals(List.of("T1110.001"), f.mitre());
    }

    @Test
    void judge_followsConfiguredThresholds() {
        RulesEngine rules = new RulesEngine(config(Map.of("triage.rules.ssh-failures", "20",
                "triage.rules.ssh-failures-high", "30")));

        assertEquals(Optional.empty(), rules.judge(only(TriageLines.sshFailures("203.0.113.7", 19))));
        assertEquals(Severity.HIGH, rules.judge(only(TriageLines.sshFailures("203.0.113.7", 30))).orElseThrow()
                .severity());
    }
}
