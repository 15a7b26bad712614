package dev.soctriage.approval;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Analyst feedback: a rejection as false positive silences the verdict's group for a while. */
@ConfigMapping(prefix = "feedback")
public interface FeedbackConfig {
    /** How long events of a group rejected as {@code false_positive} are suppressed. */
    @WithDefault("P7D")
    Duration suppressFor();
}
