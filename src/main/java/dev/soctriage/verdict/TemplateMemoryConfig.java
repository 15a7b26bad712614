package dev.soctriage.verdict;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The memory of benign templates ({@code TRIAGE_MEMORY_TTL}, {@code TRIAGE_MEMORY_ENABLED}). */
@ConfigMapping(prefix = "triage.memory")
public interface TemplateMemoryConfig {
    /** How long a template the model judged benign is answered from memory (DynamoDB TTL attribute {@code expiresAt}). */
    @WithDefault("PT24H")
    Duration ttl();

    /** False: every group is asked about, as before the memory existed. */
    @WithDefault("true")
    boolean enabled();
}
