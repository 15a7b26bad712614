package dev.soctriage.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.soctriage.model.LogEvent;
import dev.soctriage.parse.ParsedEvent;

/**
 * The prefilter loses no match: with the built-in pack, the indexed, literal-gated match names exactly
 * the rules that running every rule on every event names ({@link PrefilterCheck}). make test-sigmahq
 * checks the same with SigmaHQ's folders loaded.
 */
class PrefilterTest {
    @Test
    void builtInPack_indexedMatch_equalsEveryRuleRun() throws IOException {
        Detections d = Detections.load(List.of(), Map.of());
        List<String> lines = new ArrayList<>(PrefilterCheck.corpus(20_000));
        lines.addAll(packCaseLines());
        lines.addAll(PrefilterCheck.aroundLiterals(d, Integer.MAX_VALUE));
        List<ParsedEvent> events = parse(lines);
        assertEquals(List.of(), PrefilterCheck.differences(d, events));
        assertTrue(events.stream().anyMatch(e -> d.match(e).length > 0), "some line matches some rule");
    }

    static List<String> packCaseLines() throws IOException {
        try (Stream<Path> walk = Files.walk(DetectionPackTest.PACK)) {
            List<String> out = new ArrayList<>();
            for (Path p : walk.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                PackCases.read(p).cases().forEach(c -> out.addAll(c.lines()));
            }
            return out;
        }
    }

    static List<ParsedEvent> parse(List<String> lines) {
        List<LogEvent> events = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            events.add(new LogEvent("p" + i, 0, lines.get(i)));
        }
        return TestRules.PARSERS.parseAll(events);
    }
}
