package dev.soctriage.verdict;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * What ingest-triage need not ask the model again: the memory of benign templates
 * ({@code TRIAGE_MEMORY_TTL}, {@code TRIAGE_MEMORY_ENABLED}), repeat activity of an open verdict, and
 * the memory of confirmed threats.
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

    /**
     * True: a signal group whose pattern (format, template, signal) the model confirmed as a threat within
     * {@link #threatTtl()}, and no analyst rejected, is written from that judgement without a model call
     * ({@code TRIAGE_MEMORY_THREATS}).
     */
    @WithName("threats")
    @WithDefault("true")
    boolean threats();

    /** How long a confirmed threat is remembered ({@code TRIAGE_MEMORY_THREAT_TTL}). */
    @WithName("threat-ttl")
    @WithDefault("PT24H")
    Duration threatTtl();
}
