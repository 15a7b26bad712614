package dev.soctriage.group;


import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What one batch may hold while it is grouped ({@code GROUP_MAX_GROUPS}, {@code GROUP_MAX_SAMPLE_CHARS}). */
@ConfigMapping(prefix = "group")
public interface GroupConfig {
    /** Groups in one delivery at most; a delivery with more is refused before anything is written. */
    @WithDefault("50000")
    int maxGroups();

    /**
     * Characters of log lines kept as samples per delivery (about two bytes each); beyond, each group
     * and each actor of a cross-actor group keeps only its first line.
     */
    @WithDefault("24000000")
    long maxSampleChars();
}
