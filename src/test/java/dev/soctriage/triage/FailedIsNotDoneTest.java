package dev.soctriage.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.soctriage.detect.Detections;
import dev.soctriage.group.EventGroup;
import dev.soctriage.group.Grouper;
import dev.soctriage.model.Action;
import dev.soctriage.model.LogEvent;
import dev.soctriage.parse.Parsers;

/**
 * Invariant 7 (docs/contract.md): a CloudTrail record with an errorCode never raises the finding of
 * the successful call, one denied call opens nothing, a burst of denied calls is its own finding. Run
 * on rules of this test (src/test/resources/detect/invariant7) and on every built-in CloudTrail rule:
 * each record of its match.log, failed, must not raise it.
 */
class FailedIsNotDoneTest {
    static final Path TEST_RULES = Path.of("src/test/resources/detect/invariant7");
    final Detections detections = Detections.load(List.of(TEST_RULES), Map.of());
    final RulesEngine rules = new RulesEngine(new SmallRyeConfigBuilder().withMapping(RulesConfig.class).build()
            .getConfigMapping(RulesConfig.class), detections);
    final DetectionClassifier classifier = new DetectionClassifier(new Signatures(), detections);
    final Parsers parsers = new Parsers(Clock.systemUTC());
    final Grouper grouper = new Grouper();

    static String record(String eventName, String error, int second) {
        return "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/eve\","
                + "\"accountId\":\"111122223333\",\"userName\":\"eve\"},\"eventTime\":\"2026-12-08T10:00:" + String.format("%02d", second)
                + "Z\",\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"" + eventName + "\",\"awsRegion\":\"eu-west-1\","
                + "\"sourceIPAddress\":\"203.0.113.70\",\"userAgent\":\"aws-cli/2.15.0\",\"requestParameters\":{\"name\":\"main\"}"
                + (error == null ? "" : ",\"errorCode\":\"" + error + "\",\"errorMessage\":\"not authorized\"") + "}";
    }

    List<Finding> findings(List<String> lines) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            events.add(new LogEvent("e" + i, 0, lines.get(i)));
        }
        List<Finding> out = new ArrayList<>();
        for (EventGroup g : grouper.group(parsers.parseAll(events), classifier)) {
            rules.judge(g).ifPresent(out::add);
        }
        return out;
    }

    @Test
    void theSuccessfulCall_isTheFinding() {
        List<Finding> f = findings(List.of(record("StopLogging", null, 0)));
        assertEquals(List.of("CloudTrail logging stopped"), f.stream().map(Finding::threatType).toList());
        assertEquals(Action.DISABLE_USER, f.get(0).action());
        assertEquals("eve", f.get(0).target());
    }

    @Test
    void oneDeniedCall_opensNothing() {
        assertEquals(List.of(), findings(List.of(record("StopLogging", "AccessDenied", 0))));
        assertEquals(List.of(), findings(List.of(record("DeleteTrail", "AccessDenied", 0))));
    }

    @Test
    void aBurstOfDeniedCalls_isPermissionProbing() {
        List<String> burst = new ArrayList<>();
        String[] calls = {"StopLogging", "DeleteTrail", "ListUsers", "GetSecretValue", "CreateUser"};
        for (int i = 0; i < 10; i++) {
            burst.add(record(calls[i % calls.length], "AccessDenied", i));
        }
        assertEquals(List.of(), detections.report().refused());
        List<LogEvent> evs = new ArrayList<>();
        for (int i = 0; i < burst.size(); i++) {
            evs.add(new LogEvent("b" + i, 0, burst.get(i)));
        }
        // the test's correlation holds (the built-in CloudTrail pack's own probing rule may hold beside it)
        assertEquals(1, detections.correlate(parsers.parseAll(evs)).stream()
                .filter(h -> h.rule().title().equals("Test rule - permission probing")).count(), "the correlation holds");
        List<Finding> f = findings(burst);
        assertFalse(f.isEmpty());
        assertTrue(f.stream().allMatch(x -> x.threatType().equals("Permission probing")), f.toString());
        assertTrue(f.get(0).detections().stream().anyMatch(d -> d.title().equals("Test rule - permission probing")));
        // nine denials are below the test rule's ten (the built-in pack's rule of five different calls may hold)
        assertTrue(findings(burst.subList(0, 9)).stream().flatMap(x -> x.detections().stream())
                .noneMatch(d -> d.title().equals("Test rule - permission probing")), "nine denials are below the rule's ten");
    }

    /**
     * Every built-in CloudTrail rule (none until the CloudTrail pack lands; the test rules above stand
     * for them meanwhile): each record of its match.log, given an errorCode, must not raise it, and
     * each such rule has a record to check.
     */
    @Test
    void everyBuiltInCloudTrailRule_isSilentOnTheFailedCall() throws IOException {
        Detections builtIn = Detections.load(List.of(), Map.of());
        for (Path folder : folders()) {
            JsonNode rule = new YAMLMapper().readTree(folder.resolve("rule.yml").toFile());
            boolean cloudTrail = "cloudtrail".equals(rule.path("logsource").path("service").asText());
            if (!cloudTrail || rule.has("correlation") || "informational".equals(rule.path("level").asText())) {
                continue;
            }
            String id = rule.path("id").asText();
            int checked = 0;
            for (String line : Files.readAllLines(folder.resolve("match.log"))) {
                if (line.isBlank() || line.startsWith("#") || line.contains("\"errorCode\"")) {
                    continue;
                }
                String failed = line.substring(0, line.lastIndexOf('}')) + ",\"errorCode\":\"AccessDenied\"}";
                for (int h : builtIn.match(parsers.parseAll(List.of(new LogEvent("x", 0, failed))).get(0))) {
                    assertFalse(builtIn.rule(h).id().equals(id), folder + ": the failed call raised " + id);
                }
                checked++;
            }
            assertTrue(checked > 0, folder + " has a successful call in match.log to fail");
        }
    }

    private static List<Path> folders() throws IOException {
        Path pack = Path.of("detections");
        try (Stream<Path> walk = Files.walk(pack)) {
            return walk.filter(p -> p.getFileName().toString().equals("rule.yml")).map(Path::getParent).toList();
        }
    }
}
