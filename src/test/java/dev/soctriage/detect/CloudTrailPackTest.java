package dev.soctriage.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.soctriage.model.LogEvent;
import dev.soctriage.parse.ParsedEvent;
import dev.soctriage.parse.Parsers;
import dev.soctriage.triage.Mitre;

/**
 * The CloudTrail pack as a whole (detections/cloudtrail), beyond each folder's own cases
 * (DetectionPackTest): what any of the pack's findings does on every case, and invariant 7 over
 * every should-alert record turned into a failed call. A finding is a match of a rule that opens
 * verdicts (not informational, not only a correlation's base) or a correlation raised.
 */
class CloudTrailPackTest {
    static final Path PACK = Path.of("detections", "cloudtrail");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Detections BUILT_IN = Detections.load(List.of(), Map.of());
    private static final Parsers PARSERS = new Parsers(Clock.fixed(Instant.parse("2026-12-08T12:00:00Z"), ZoneOffset.UTC));

    /** Correlations whose base rules are failures by nature: denied calls, failed sign-ins. */
    private static final Set<String> FAILURE_CORRELATIONS = Set.of("permission-probing", "console-login-failure-burst");

    private static final List<Folder> FOLDERS = new ArrayList<>();

    record Folder(String slug, String id, boolean correlation, PackCases match, PackCases nomatch) {
    }

    @BeforeAll
    static void readPack() throws IOException {
        try (Stream<Path> dirs = Files.list(PACK)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                JsonNode rule = new YAMLMapper().readTree(d.resolve("rule.yml").toFile());
                FOLDERS.add(new Folder(d.getFileName().toString(), rule.path("id").asText(), rule.has("correlation"),
                        PackCases.read(d.resolve("match.log")), PackCases.read(d.resolve("nomatch.log"))));
            }
        }
    }

    @Test
    void pack_raisesEveryShouldAlertCase_andAtMostTwoPercentOfShouldNotCasesRaiseAnyFinding() {
        int alertCases = 0;
        int alertRaised = 0;
        int notCases = 0;
        List<String> falseAlarms = new ArrayList<>();
        int alertEvents = 0;
        int notEvents = 0;
        for (Folder f : FOLDERS) {
            for (PackCases.Case c : f.match().cases()) {
                alertCases++;
                alertEvents += c.lines().size();
                if (findings(parse(c.lines())).contains(f.id())) {
                    alertRaised++;
                }
            }
            for (PackCases.Case c : f.nomatch().cases()) {
                notCases++;
                notEvents += c.lines().size();
                Set<String> raised = findings(parse(c.lines()));
                if (!raised.isEmpty()) {
                    falseAlarms.add(f.slug() + " nomatch.log:" + c.firstLine() + " " + c.name() + " -> " + slugs(raised));
                }
            }
        }
        // the figures docs/detections-cloudtrail.md quotes
        System.out.printf("CloudTrail pack: %d folders; should-alert %d/%d cases raised (%d records); should-not %d/%d cases raised a finding (%d records)%n",
                FOLDERS.size(), alertRaised, alertCases, alertEvents, falseAlarms.size(), notCases, notEvents);
        falseAlarms.forEach(a -> System.out.println("  raised on a should-not case: " + a));
        assertTrue(FOLDERS.size() >= 100, "the pack has " + FOLDERS.size() + " rule folders");
        assertTrue(alertEvents >= 150 && notEvents >= 150, alertEvents + " should-alert and " + notEvents + " should-not records");
        assertEquals(alertCases, alertRaised, "every should-alert case raises its own rule");
        assertTrue(falseAlarms.size() * 100 <= notCases * 2, falseAlarms.size() + " of " + notCases + " should-not cases raise a finding: " + falseAlarms);
    }

    @Test
    void invariant7_everyShouldAlertRecordAsAFailedCall_raisesNoFindingOfTheCall() throws IOException {
        int records = 0;
        List<String> raisedAnyway = new ArrayList<>();
        for (Folder f : FOLDERS) {
            if (FAILURE_CORRELATIONS.contains(f.slug())) {
                continue;
            }
            for (PackCases.Case c : f.match().cases()) {
                List<String> failed = new ArrayList<>();
                for (String line : c.lines()) {
                    failed.add(refused(line));
                }
                records += failed.size();
                Set<String> raised = findings(parse(failed));
                raised.removeIf(id -> FAILURE_CORRELATIONS.contains(slug(id)));
                if (!raised.isEmpty()) {
                    raisedAnyway.add(f.slug() + " match.log:" + c.firstLine() + " " + c.name() + " -> " + slugs(raised));
                }
                // one denied call alone opens nothing, whatever the pack holds
                for (String line : failed) {
                    Set<String> alone = findings(parse(List.of(line)));
                    if (!alone.isEmpty()) {
                        raisedAnyway.add(f.slug() + " match.log:" + c.firstLine() + " one record alone -> " + slugs(alone));
                    }
                }
            }
        }
        assertTrue(records >= 250, records + " should-alert records turned into failed calls");
        assertEquals(List.of(), raisedAnyway, "a failed call raises no finding of the call");
    }

    @Test
    void everyAttackTechniqueOfThePack_isOneTheVerdictMayCarry() {
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < BUILT_IN.ruleCount(); i++) {
            RuleInfo r = BUILT_IN.rule(i);
            if (r.file().contains("cloudtrail/")) {
                Mitre.unknown(r.mitre()).forEach(id -> unknown.add(r.file() + ": " + id));
            }
        }
        for (CorrelationRule c : BUILT_IN.correlations()) {
            Mitre.unknown(c.info().mitre()).forEach(id -> unknown.add(c.info().file() + ": " + id));
        }
        assertEquals(List.of(), unknown, "ATT&CK ids missing from triage.Mitre");
    }

    /** The same record as a refused call: errorCode and errorMessage set, no responseElements. */
    private static String refused(String line) throws IOException {
        ObjectNode r = (ObjectNode) JSON.readTree(line);
        if (!r.has("errorCode")) {
            r.put("errorCode", "AccessDenied");
            r.put("errorMessage", "User: " + r.path("userIdentity").path("arn").asText() + " is not authorized to perform this operation");
            r.putNull("responseElements");
        }
        return JSON.writeValueAsString(r);
    }

    /** The ids of the findings a delivery raises: standalone non-informational rule matches and correlations. */
    private static Set<String> findings(List<ParsedEvent> delivery) {
        Set<String> out = new TreeSet<>();
        for (ParsedEvent e : delivery) {
            for (int i : BUILT_IN.match(e)) {
                if (BUILT_IN.standalone(i) && !BUILT_IN.rule(i).informational()) {
                    out.add(BUILT_IN.rule(i).id());
                }
            }
        }
        BUILT_IN.correlate(delivery).forEach(h -> out.add(h.rule().id()));
        return out;
    }

    private static List<ParsedEvent> parse(List<String> lines) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            events.add(new LogEvent("pack-" + i, 0, lines.get(i)));
        }
        return PARSERS.parseAll(events);
    }

    private static String slug(String id) {
        return FOLDERS.stream().filter(f -> f.id().equals(id)).map(Folder::slug).findFirst().orElse(id);
    }

    private static List<String> slugs(Set<String> ids) {
        return ids.stream().map(CloudTrailPackTest::slug).toList();
    }
}
