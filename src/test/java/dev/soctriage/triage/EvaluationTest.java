package dev.soctriage.triage;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import dev.soctriage.fixtures.GroqStub;
import dev.soctriage.group.EventGroup;
import dev.soctriage.group.Grouper;
import dev.soctriage.guard.Guard;
import dev.soctriage.model.Action;
import dev.soctriage.model.LogEvent;
import dev.soctriage.net.Ips;
import dev.soctriage.parse.ParsedEvent;
import dev.soctriage.parse.Parsers;

/**
 * The evaluation set through the real pipeline objects: Parsers → Grouper(Signatures) → TriageService.
 * Prints per-format figures; gates recall ≥ 0.9, false positives ≤ 0.05 and correct targets ≥ 0.98
 * on the cases whose lines the parsers recognise, and, with a hostile model, zero ungrounded targets
 * over every case.
 */
@QuarkusTest
@TestProfile(GroqStubProfile.class)
class EvaluationTest {
    /** Addresses the hostile model names: all of them appear inside log text, none is an actor. */
    static final Set<String> NAMED_IN_TEXT = Set.of("8.8.8.8", "1.1.1.1", "9.9.9.9");

    @Inject
    TriageService withModel;
    @Inject
    TriageKit kit;

    record Outcome(EvalCase c, boolean parsed, List<Finding> findings, int ungrounded, int llmCalls) {
        boolean detected() {
            return !findings.isEmpty();
        }

        boolean targetRight() {
            boolean hit = findings.stream().anyMatch(f -> c.targets().contains(f.target()));
            boolean stray = findings.stream().anyMatch(f -> f.target() != null && !c.targets().contains(f.target()));
            return hit && !stray;
        }

        boolean familyRight() {
            return findings.stream().anyMatch(f -> c.families().contains(f.threatType()));
        }
    }

    record Figures(int cases, int parsed, int attacks, int detected, int benign, int falsePositives, int targetRight,
            int familyRight, int ungrounded) {
        double recall() {
            return attacks == 0 ? 1 : (double) detected / attacks;
        }

        double fpRate() {
            return benign == 0 ? 0 : (double) falsePositives / benign;
        }

        double targetRate() {
            return detected == 0 ? 1 : (double) targetRight / detected;
        }

        static Figures of(List<Outcome> os) {
            int attacks = 0, detected = 0, benign = 0, fp = 0, target = 0, family = 0, ungrounded = 0, parsed = 0;
            for (Outcome o : os) {
                parsed += o.parsed() ? 1 : 0;
                ungrounded += o.ungrounded();
                if (o.c().attack()) {
                    attacks++;
                    if (o.detected()) {
                        detected++;
                        target += o.targetRight() ? 1 : 0;
                        family += o.familyRight() ? 1 : 0;
                    }
                } else {
                    benign++;
                    fp += o.detected() ? 1 : 0;
                }
            }
            return new Figures(os.size(), parsed, attacks, detected, benign, fp, target, family, ungrounded);
        }

        String row(String name) {
            return String.format("%-11s %5d %6d %7d %8d %6.3f %6d %3d %5.3f %7.3f %7.3f %5d", name, cases, parsed,
                    attacks, detected, recall(), benign, falsePositives, fpRate(), targetRate(),
                    detected == 0 ? 1.0 : (double) familyRight / detected, ungrounded);
        }
    }

    private List<Outcome> evaluate(TriageService triage) throws Exception {
        List<Outcome> out = new ArrayList<>();
        for (EvalCase c : EvalCase.load()) {
            List<LogEvent> batch = new ArrayList<>();
            for (int i = 0; i < c.lines().size(); i++) {
                batch.add(new LogEvent(c.id() + "-" + i, 1764000000000L + i * 1000L, c.lines().get(i)));
            }
            List<ParsedEvent> events = kit.parsers.parseAll(batch);
            boolean parsed = events.stream().allMatch(e -> c.acceptedFormats().contains(e.format().wire()));
            List<Finding> findings = new ArrayList<>();
            int ungrounded = 0;
            int calls = 0;
            for (EventGroup g : kit.grouper.group(events, kit.signatures)) {
                Judgement j = triage.judge(g, kit.inSeconds(10));
                calls += j.llmCalls();
                if (j.finding().isPresent()) {
                    findings.add(j.finding().get());
                    ungrounded += grounded(j.finding().get(), g) ? 0 : 1;
                }
            }
            out.add(new Outcome(c, parsed, findings, ungrounded, calls));
        }
        return out;
    }

    /** Checked here independently of the Guard: the target is an actor of the group's lines, as the parser named it. */
    private static boolean grounded(Finding f, EventGroup g) {
        if (f.target() == null) {
            return f.action() == Action.MONITOR;
        }
        if (NAMED_IN_TEXT.contains(f.target())) {
            return false;
        }
        boolean actorIp = g.samples().stream().anyMatch(e -> java.util.Objects.equals(Ips.canonical(f.target()), e.actorIp()) && e.actorIp() != null);
        boolean actorUser = g.samples().stream().anyMatch(e -> Objects.equals(f.target(), e.actorUser()));
        return switch (f.action()) {
            case BLOCK_IP -> actorIp && !f.target().startsWith("10.") && !f.target().startsWith("192.168.");
            case DISABLE_USER -> actorUser;
            case MONITOR -> actorIp || actorUser;
        };
    }

    private static Figures report(String title, List<Outcome> outcomes, Predicate<Outcome> gated) {
        StringBuilder s = new StringBuilder("\n== " + title + "\n");
        s.append("format      cases parsed attacks detected recall benign  FP  rate  target  family ungrnd\n");
        Map<String, List<Outcome>> byFile = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            byFile.computeIfAbsent(o.c().file(), k -> new ArrayList<>()).add(o);
        }
        byFile.forEach((f, os) -> s.append(Figures.of(os).row(f)).append('\n'));
        s.append(Figures.of(outcomes).row("ALL")).append('\n');
        List<Outcome> g = outcomes.stream().filter(gated).toList();
        Figures gatedFigures = Figures.of(g);
        s.append(gatedFigures.row("GATED")).append("   (cases whose lines the parsers recognise)\n");
        for (Outcome o : outcomes) {
            boolean miss = o.c().attack() ? !o.detected() || !o.targetRight() : o.detected();
            if (miss) {
                s.append(o.parsed() ? "  miss " : "  miss (not parsed) ").append(o.c().id()).append(": ")
                        .append(o.findings().stream().map(f -> f.threatType() + "/" + f.action().wire() + "/" + f.target())
                                .toList())
                        .append('\n');
            }
        }
        System.out.println(s);
        return gatedFigures;
    }

    @Test
    void evaluationSet_meetsTheThresholds_withTheRulesEngineAlone() throws Exception {
        // given the rules engine alone (GROQ_API_KEY empty)
        TriageService rulesOnly = kit.service("triage.llm.api-key", "");
        assertTrue(EvalCase.load().size() >= 150, "the set must have at least 150 cases");

        // when
        List<Outcome> outcomes = evaluate(rulesOnly);

        // then
        Figures f = report("rules engine alone", outcomes, Outcome::parsed);
        assertTrue(f.cases() >= 50, "too few cases parse to gate on: " + f.cases());
        assertTrue(f.recall() >= 0.9, "recall " + f.recall());
        assertTrue(f.fpRate() <= 0.05, "false-positive rate " + f.fpRate());
        assertTrue(f.targetRate() >= 0.98, "correct-target rate " + f.targetRate());
        assertEquals(0, Figures.of(outcomes).ungrounded(), "ungrounded targets");
        assertEquals(0, outcomes.stream().mapToInt(Outcome::llmCalls).sum(), "no key, no call");
        outcomes.stream().flatMap(o -> o.findings().stream())
                .forEach(x -> assertEquals(Mitre.known(x.mitre()), x.mitre(), x.threatType() + " names unknown ids"));
    }

    @Test
    void evaluationSet_hasNoUngroundedTarget_whenTheModelIsHostile() throws Exception {
        // given models that answer every group with an address named in log text, an invented user,
        // a private address, or an allowlisted one
        List<String> hostile = List.of(
                GroqAnswersJson.verdict("critical", "block_ip", "8.8.8.8"),
                GroqAnswersJson.verdict("high", "block_ip", "1.1.1.1"),
                GroqAnswersJson.verdict("medium", "monitor", "9.9.9.9"),
                GroqAnswersJson.verdict("high", "disable_user", "admin"),
                GroqAnswersJson.verdict("high", "block_ip", "10.0.0.1"),
                GroqAnswersJson.verdict("high", "block_ip", "198.18.0.1"));
        for (String answer : hostile) {
            GroqStub.server().resetAll();
            GroqStub.server().stubFor(post(urlPathEqualTo(GroqStub.CHAT))
                    .willReturn(GroqAnswers.completion(answer)));

            // when
            List<Outcome> outcomes = evaluate(withModel);

            // then no ungrounded target anywhere, the model was asked, and the figures hold
            Figures all = Figures.of(outcomes);
            Figures gated = report("hostile model: " + answer, outcomes, Outcome::parsed);
            assertEquals(0, all.ungrounded(), "ungrounded targets with " + answer);
            assertTrue(outcomes.stream().mapToInt(Outcome::llmCalls).sum() > 0, "the model was never asked");
            assertTrue(gated.recall() >= 0.9, "recall " + gated.recall());
            assertTrue(gated.fpRate() <= 0.05, "false-positive rate " + gated.fpRate());
            assertTrue(gated.targetRate() >= 0.98, "correct-target rate " + gated.targetRate());
        }
    }
}
