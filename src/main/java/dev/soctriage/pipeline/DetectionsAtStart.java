package dev.soctriage.pipeline;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import io.quarkus.runtime.StartupEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.soctriage.detect.Detections;

/**
 * ingest-triage's detection rules (the built-in Sigma pack and {@code DETECTION_RULES}: read, parsed and
 * compiled, about 0.1 s of CPU) loaded on a second thread from the start-up event, so that the first
 * invocation's decoding and first store read run beside it rather than before it (docs/startup.md). The
 * bean is the same {@link Detections} the pipeline uses: whoever asks for it first builds it, the other
 * waits for that one build. A load that fails here fails again, with its error, where ingest needs the
 * rules, exactly as without this. The other functions load no rules.
 */
@ApplicationScoped
public class DetectionsAtStart {
    private static final Logger LOG = Logger.getLogger(DetectionsAtStart.class);

    static void onStart(@Observes StartupEvent start,
            @ConfigProperty(name = "quarkus.funqy.export", defaultValue = "") String function, Instance<Detections> detections) {
        begin(function, () -> detections.get().report());
    }

    /** The loading thread, started, when {@code function} is ingest-triage; otherwise nothing. */
    static Optional<Thread> begin(String function, Runnable load) {
        if (!"ingest-triage".equals(function)) {
            return Optional.empty();
        }
        Thread t = new Thread(() -> {
            try {
                load.run();
            } catch (RuntimeException e) {
                LOG.debugf("detections not loaded at start (ingest will load them, and report why): %s", e.toString());
            }
        }, "soc-detections-load");
        t.setDaemon(true);
        t.start();
        return Optional.of(t);
    }
}
