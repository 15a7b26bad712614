package dev.soctriage.triage.llm;

import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;

import dev.soctriage.text.Ranges;

/**
 * Refuses, at start, model settings outside their ranges (docs/triage.md). Checked here rather than with
 * Bean Validation constraints on {@link LlmConfig}: constraints on any config mapping make Quarkus build
 * a second validator factory while it reads the configuration, in every function's cold start
 * (docs/startup.md, about 0.1–0.3 s), for a handful of integer ranges.
 */
@Singleton
public class LlmConfigCheck {
    static void onStart(@Observes StartupEvent start, LlmConfig config) {
        problem(config).ifPresent(p -> {
            throw new IllegalStateException(p);
        });
    }

    /** What is out of range, naming the property; empty when every value is allowed. */
    static Optional<String> problem(LlmConfig c) {
        return Ranges.first(
                Ranges.within("triage.llm.max-attempts", c.maxAttempts(), 1, 10),
                Ranges.within("triage.llm.prompt-token-budget", c.promptTokenBudget(), 1000, Integer.MAX_VALUE),
                Ranges.within("triage.llm.max-line-chars", c.maxLineChars(), 80, Integer.MAX_VALUE),
                Ranges.within("triage.llm.concurrency", c.concurrency(), 1, 64),
                Ranges.within("triage.llm.breaker-failures", c.breakerFailures(), 1, Integer.MAX_VALUE),
                c.reasoningEffort().filter(v -> !v.matches("low|medium|high"))
                        .map(v -> "triage.llm.reasoning-effort must be low, medium or high (is " + v + ")"));
    }
}
