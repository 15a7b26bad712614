package dev.soctriage.triage;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Singleton;

import io.smallrye.config.SmallRyeConfigBuilder;

import dev.soctriage.fixtures.GroqStub;
import dev.soctriage.group.EventGroup;
import dev.soctriage.group.Grouper;
import dev.soctriage.guard.Guard;
import dev.soctriage.parse.Parsers;
import dev.soctriage.secrets.Secrets;
import dev.soctriage.triage.llm.LlmConfig;
import dev.soctriage.triage.llm.ModelAnswers;
import dev.soctriage.triage.llm.ModelCalls;
import dev.soctriage.triage.llm.ModelKey;

/**
 * What the tests of triage against the Groq stub share (a bean of the test application): real lines
 * through the container's parser, classifier and grouper, and triage services with a model client of
 * their own — their own configuration, rate-limit state and breaker, not the container's.
 */
@Singleton
public class TriageKit {
    final Parsers parsers;
    final Grouper grouper;
    final DetectionClassifier signatures;
    final Clock clock;
    private final RulesEngine rules;
    private final Guard guard;
    private final ModelAnswers answers;
    private final Secrets secrets;

    TriageKit(Parsers parsers, Grouper grouper, DetectionClassifier signatures, RulesEngine rules, Guard guard, Clock clock,
            ModelAnswers answers, Secrets secrets) {
        this.parsers = parsers;
        this.grouper = grouper;
        this.signatures = signatures;
        this.rules = rules;
        this.guard = guard;
        this.clock = clock;
        this.answers = answers;
        this.secrets = secrets;
    }

    /** The one group the lines make (fails when they make several). */
    EventGroup group(List<String> lines) {
        return TriageLines.group(parsers, grouper, signatures, lines);
    }

    List<EventGroup> groups(List<String> lines) {
        return TriageLines.groups(parsers, grouper, signatures, lines);
    }

    Instant inSeconds(int s) {
        return clock.instant().plusSeconds(s);
    }

    /**
     * A service whose model calls go to the Groq stub with the stub's key, and {@code settings}
     * (pairs of {@code triage.llm.*} name and value) over the defaults; an empty {@code api-key} leaves
     * the rules alone. Its calls are built as the container's are, with a breaker of their own name.
     */
    TriageService service(String... settings) {
        SmallRyeConfigBuilder b = new SmallRyeConfigBuilder().withMapping(LlmConfig.class)
                .withDefaultValue("triage.llm.api-key", GroqStub.API_KEY)
                .withDefaultValue("triage.llm.base-url", GroqStub.baseUrl())
                .withDefaultValue("triage.llm.breaker-name", "triage-kit-" + UUID.randomUUID());
        for (int i = 0; i + 1 < settings.length; i += 2) {
            b.withDefaultValue(settings[i], settings[i + 1]);
        }
        LlmConfig cfg = b.build().getConfigMapping(LlmConfig.class);
        return new TriageService(rules, guard, new ModelCalls(cfg, clock, new ModelKey(cfg, secrets), answers));
    }
}
