package dev.soctriage.verdict;

import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;

import dev.soctriage.text.Ranges;

/**
 * Refuses, at start, store settings outside their ranges. In code rather than as Bean Validation
 * constraints on {@link StoreConfig}: a constraint on any config mapping makes Quarkus build a second
 * validator factory while it reads the configuration, in every function's cold start (docs/startup.md).
 */
@Singleton
public class StoreConfigCheck {
    static void onStart(@Observes StartupEvent start, StoreConfig config) {
        problem(config).ifPresent(p -> {
            throw new IllegalStateException(p);
        });
    }

    /** What is out of range, naming the property; empty when every value is allowed. */
    static Optional<String> problem(StoreConfig c) {
        return Ranges.within("store.write-concurrency", c.writeConcurrency(), 1, 64);
    }
}
