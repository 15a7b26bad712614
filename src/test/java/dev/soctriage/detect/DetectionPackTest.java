package dev.soctriage.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.soctriage.model.LogEvent;
import dev.soctriage.parse.ParsedEvent;
import dev.soctriage.parse.Parsers;

/**
 * The built-in pack, rule folder by rule folder (detections/&lt;area&gt;/&lt;slug&gt;/): the rule loads as
 * the jar ships it, every event line of match.log raises it and none of nomatch.log does; for a
 * correlation, each case delivered as one delivery raises it (match.log) or not (nomatch.log). The
 * events go through the real parser first, as ingest reads them.
 */
class DetectionPackTest {
    static final Path PACK = Path.of("detections");
    private static final Detections BUILT_IN = Detections.load(List.of(), Map.of());
    private static final Parsers PARSERS = new Parsers(Clock.fixed(Instant.parse("2026-12-08T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void builtInPack_loadsWithoutRefusals_andShipsEveryRuleFolder() throws IOException {
        assertEquals(List.of(), BUILT_IN.report().refused(), "every built-in rule loads");
        List<Path> folders = ruleFolders();
        assertFalse(folders.isEmpty(), "the pack has rule folders");
        int shipped = BUILT_IN.ruleCount() + BUILT_IN.correlations().size();
        assertTrue(shipped >= folders.size(), shipped + " rules for " + folders.size() + " folders");
    }

    @TestFactory
    Stream<DynamicNode> everyRuleFolder_matchesItsCases() throws IOException {
        return ruleFolders().stream().map(folder -> DynamicContainer.dynamicContainer(PACK.relativize(folder).toString(),
                cases(folder)));
    }

    static List<Path> ruleFolders() throws IOException {
        try (Stream<Path> walk = Files.walk(PACK)) {
            return walk.filter(p -> p.getFileName().toString().equals("rule.yml")).map(Path::getParent).sorted().toList();
        }
    }

    private static Stream<DynamicNode> cases(Path folder) {
        List<DynamicNode> out = new ArrayList<>();
        try {
            JsonNode rule = new YAMLMapper().readTree(folder.resolve("rule.yml").toFile());
            String id = rule.path("id").asText();
            assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
                    folder + ": the id is a UUIDv4: " + id);
            boolean correlation = rule.has("correlation");
            for (boolean shouldMatch : new boolean[] {true, false}) {
                Path file = folder.resolve(shouldMatch ? "match.log" : "nomatch.log");
                assertTrue(Files.isRegularFile(file), folder + " has " + file.getFileName());
                PackCases cases = PackCases.read(file);
                assertFalse(cases.cases().isEmpty(), file + " has at least one case");
                for (PackCases.Case c : cases.cases()) {
                    String name = file.getFileName() + ":" + c.firstLine() + " " + c.name();
                    out.add(DynamicTest.dynamicTest(name, () -> check(id, correlation, shouldMatch, c)));
                }
            }
        } catch (IOException e) {
            out.add(DynamicTest.dynamicTest("readable", () -> fail(folder + ": " + e)));
        }
        return out.stream();
    }

    private static void check(String id, boolean correlation, boolean shouldMatch, PackCases.Case c) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < c.lines().size(); i++) {
            events.add(new LogEvent("case-" + c.firstLine() + "-" + i, 0, c.lines().get(i)));
        }
        List<ParsedEvent> parsed = PARSERS.parseAll(events);
        if (correlation) {
            boolean raised = BUILT_IN.correlate(parsed).stream().anyMatch(h -> h.rule().id().equals(id));
            assertEquals(shouldMatch, raised, (shouldMatch ? "must raise " : "must not raise ") + id);
            return;
        }
        int index = index(id);
        for (int i = 0; i < parsed.size(); i++) {
            int[] hits = BUILT_IN.match(parsed.get(i));
            boolean raised = java.util.Arrays.stream(hits).anyMatch(h -> h == index);
            assertEquals(shouldMatch, raised, "line " + (c.firstLine() + i) + " (" + parsed.get(i).format().wire()
                    + ") " + (shouldMatch ? "must raise " : "must not raise ") + id);
        }
    }

    private static int index(String id) {
        for (int i = 0; i < BUILT_IN.ruleCount(); i++) {
            if (BUILT_IN.rule(i).id().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("rule " + id + " is not loaded from the jar");
    }
}
