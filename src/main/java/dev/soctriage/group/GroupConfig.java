package dev.soctriage.group;


import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What one batch may hold while it is grouped ({@code GROUP_MAX_GROUPS}, {@code GROUP_MAX_SAMPLE_CHARS}). */
@ConfigMapping(prefix = "group")
public interface GroupConfig {
    /**
     * Groups in one delivery judged one by one at most; the lines past them are aggregated, one overflow
     * group per format and signal across actors (never refused).
     */
    @WithDefault("50000")
    int maxGroups();

    /**
     * Characters of log lines kept as samples per delivery (about two bytes each); beyond, each group
     * and each actor of a cross-actor group keeps only its first line.
     */
    @WithDefault("24000000")
    long maxSampleChars();
}
