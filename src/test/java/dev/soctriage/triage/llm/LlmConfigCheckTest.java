package dev.soctriage.triage.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

/** The model settings' ranges, checked at start in code (no Bean Validation while the configuration is read). */
class LlmConfigCheckTest {
    private static LlmConfig config(String property, String value) {
        SmallRyeConfigBuilder b = new SmallRyeConfigBuilder().withMapping(LlmConfig.class)
                .withDefaultValue("triage.llm.base-url", "http://127.0.0.1:9/openai/v1");
        if (property != null) {
            b.withDefaultValue(property, value);
        }
        return b.build().getConfigMapping(LlmConfig.class);
    }

    @Test
    void defaults_areAllowed() {
        assertEquals(Optional.empty(), LlmConfigCheck.problem(config(null, null)));
    }

    @Test
    void valueOutOfRange_isNamedWithItsRange() {
        assertEquals(Optional.of("triage.llm.concurrency must be 1..64 (is 0)"),
                LlmConfigCheck.problem(config("triage.llm.concurrency", "0")));
        assertEquals(Optional.of("triage.llm.max-attempts must be 1..10 (is 11)"),
                LlmConfigCheck.problem(config("triage.llm.max-attempts", "11")));
        assertEquals(Optional.of("triage.llm.prompt-token-budget must be at least 1000 (is 999)"),
                LlmConfigCheck.problem(config("triage.llm.prompt-token-budget", "999")));
    }

    @Test
    void reasoningEffort_outsideTheThree_isRefused() {
        assertEquals(Optional.of("triage.llm.reasoning-effort must be low, medium or high (is max)"),
                LlmConfigCheck.problem(config("triage.llm.reasoning-effort", "max")));
        assertEquals(Optional.empty(), LlmConfigCheck.problem(config("triage.llm.reasoning-effort", "high")));
    }
}
