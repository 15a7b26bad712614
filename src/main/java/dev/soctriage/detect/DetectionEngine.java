package dev.soctriage.detect;

import java.nio.file.Path;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

/**
 * Produces the {@link Detections} of this process: loaded once, when ingest first needs them; each
 * refused rule is logged with its file and why (a rule file is data: its name and the reason, never
 * its text), and the function starts all the same.
 */
@ApplicationScoped
public class DetectionEngine {
    private static final Logger LOG = Logger.getLogger(DetectionEngine.class);

    @Produces
    @ApplicationScoped
    Detections detections(DetectionConfig config) {
        List<Path> folders = config.rules().orElse(List.of()).stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(Path::of).toList();
        long start = System.nanoTime();
        Detections d = Detections.load(folders, config.placeholders());
        Detections.Report r = d.report();
        LOG.infof("detections: %d rules and %d correlations run (built-in pack%s), %d documents refused, in %d ms",
                r.rules(), r.correlations(), folders.isEmpty() ? "" : " and " + folders.size() + " DETECTION_RULES folder(s)",
                r.refused().size(), (System.nanoTime() - start) / 1_000_000);
        for (String refused : r.refused()) {
            LOG.warnf("detection rule refused: %s", refused);
        }
        return d;
    }
}
