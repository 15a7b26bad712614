package dev.soctriage.group;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;

import dev.soctriage.text.Ranges;

/**
 * Refuses, at start, grouping limits outside their ranges; in code rather than as Bean Validation
 * constraints on {@link GroupConfig}, for the reason {@code LlmConfigCheck} gives (docs/startup.md).
 */
@Singleton
public class GroupConfigCheck {
    static void onStart(@Observes StartupEvent start, GroupConfig config) {
        Ranges.first(Ranges.within("group.max-groups", config.maxGroups(), 1, Integer.MAX_VALUE),
                Ranges.within("group.max-sample-chars", config.maxSampleChars(), 0, Long.MAX_VALUE))
                .ifPresent(p -> {
                    throw new IllegalStateException(p);
                });
    }
}
