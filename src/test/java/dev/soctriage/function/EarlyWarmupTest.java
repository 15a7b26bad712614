package dev.soctriage.function;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The early warm-up's steps all run on this JDK and SDK: a step that began to throw (an SDK upgrade that
 * renamed a service, a JDK without the default trust store) would be logged at debug only and silently
 * hand its cost back to the main thread's start.
 */
class EarlyWarmupTest {
    @Test
    void everyStep_runs() {
        assertTrue(EarlyWarmup.run());
    }
}
