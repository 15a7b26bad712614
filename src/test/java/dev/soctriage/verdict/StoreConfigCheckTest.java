package dev.soctriage.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

/** The store's ranges, checked at start in code (no Bean Validation while the configuration is read). */
class StoreConfigCheckTest {
    private static StoreConfig config(String property, String value) {
        SmallRyeConfigBuilder b = new SmallRyeConfigBuilder().withMapping(StoreConfig.class);
        if (property != null) {
            b.withDefaultValue(property, value);
        }
        return b.build().getConfigMapping(StoreConfig.class);
    }

    @Test
    void defaults_areAllowed() {
        assertEquals(Optional.empty(), StoreConfigCheck.problem(config(null, null)));
    }

    @Test
    void writeConcurrency_outsideItsRange_isNamed() {
        assertEquals(Optional.of("store.write-concurrency must be 1..64 (is 0)"),
                StoreConfigCheck.problem(config("store.write-concurrency", "0")));
        assertEquals(Optional.of("store.write-concurrency must be 1..64 (is 65)"),
                StoreConfigCheck.problem(config("store.write-concurrency", "65")));
        assertEquals(Optional.empty(), StoreConfigCheck.problem(config("store.write-concurrency", "64")));
    }
}
