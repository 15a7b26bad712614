package dev.soctriage.detect;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The Sigma engine's configuration: which rule folders load beside the built-in pack. */
@ConfigMapping(prefix = "detection")
public interface DetectionConfig {
    /** DETECTION_RULES: comma-separated folders of Sigma rules (.yml/.yaml, recursively); empty for none. */
    Optional<List<String>> rules();

    /**
     * What {@code |expand} replaces a placeholder with: {@code detection.placeholders.Administrators=root,admin}.
     * A rule with a placeholder that has no values here is refused.
     */
    Map<String, List<String>> placeholders();
}
