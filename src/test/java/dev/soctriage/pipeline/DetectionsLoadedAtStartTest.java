package dev.soctriage.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import dev.soctriage.detect.Detections;

/**
 * ingest-triage builds its detection rules from the start-up event, before any invocation: in an
 * application of its own (nothing else here invokes ingest), the {@link Detections} bean exists without
 * anyone having asked for it.
 */
@QuarkusTest
@TestProfile(DetectionsLoadedAtStartTest.IngestAlone.class)
class DetectionsLoadedAtStartTest {
    /** ingest-triage as {@link ManyAttackersProfile} has it, in an application no other test shares. */
    public static class IngestAlone extends ManyAttackersProfile {
    }

    @Test
    void theRules_areBuiltBeforeAnyInvocation() throws InterruptedException {
        InjectableContext context = Arc.container().getActiveContext(ApplicationScoped.class);
        long until = System.nanoTime() + 30_000_000_000L; // the loading thread may still be at it
        while (!built(context) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertTrue(built(context), "no Detections bean was built at start");
    }

    private static boolean built(InjectableContext context) {
        return context.getState().getContextualInstances().keySet().stream()
                .anyMatch(bean -> bean.getTypes().contains(Detections.class));
    }
}
