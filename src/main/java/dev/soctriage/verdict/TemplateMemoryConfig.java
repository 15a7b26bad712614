package dev.soctriage.verdict;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * What ingest-triage need not ask the model again: the memory of benign templates
 * ({@code TRIAGE_MEMORY_TTL}, {@code TRIAGE_MEMORY_ENABLED}) and repeat activity of an open verdict.
 */
@ConfigMapping(prefix = "triage.memory")
public interface TemplateMemoryConfig {
    /** How long a template the model judged benign is answered from memory (DynamoDB TTL attribute {@code expiresAt}). */
    @WithDefault("PT24H")
    Duration ttl();

    /** False: every group is asked about, as before the memory existed. */
    @WithDefault("true")
    boolean enabled();

    /**
     * True: a group whose rules finding names a plan with an open verdict of at least the same severity
     * joins that verdict without a model call (the model was asked when the verdict opened; a higher
     * severity asks again). False: every such group is asked about ({@code TRIAGE_MEMORY_OPEN_VERDICTS}).
     */
    @WithName("open-verdicts")
    @WithDefault("true")
    boolean openVerdicts();
}
