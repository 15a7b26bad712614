package dev.soctriage.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * SigmaHQ's rule folders loaded as DETECTION_RULES loads them (make test-sigmahq, which finds the
 * folder and passes it as {@code -Dsigma.rules}; not part of the ordinary run, whose machines may not
 * have it): every file parses, every document is either run or refused with a reason, nothing throws.
 * Writes the counts and each refusal to target/sigmahq-rules.md (docs/detections.md quotes them).
 */
class SigmaHqRulesCheck {
    @Test
    void sigmaHqFolders_loadUnchanged_everyRuleRunOrRefusedWithWhy() throws IOException {
        String folder = System.getProperty("sigma.rules");
        assertTrue(folder != null && Files.isDirectory(Path.of(folder)), "-Dsigma.rules names SigmaHQ's rules folder: " + folder);
        Path root = Path.of(folder);
        long files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".yml")).count();
        }
        Detections d = Detections.loadFolders(List.of(root), Map.of());
        Detections.Report r = d.report();
        List<String> unparsed = r.refused().stream().filter(x -> x.contains("not valid YAML") || x.contains("could not be read"))
                .toList();
        assertEquals(List.of(), unparsed, "every rule file parses");
        assertEquals(files, r.documents(), "one document per SigmaHQ rule file");
        assertEquals(r.documents(), r.rules() + r.correlations() + r.refused().size(), "each document runs or is refused");

        Map<String, Integer> bySource = new TreeMap<>();
        for (int i = 0; i < d.ruleCount(); i++) {
            String f = d.rule(i).file();
            bySource.merge(f.substring(0, f.indexOf('/', f.indexOf('/') + 1) < 0 ? f.indexOf('/') : f.indexOf('/', f.indexOf('/') + 1)),
                    1, Integer::sum);
        }
        StringBuilder md = new StringBuilder("# SigmaHQ rules loaded (" + root + ")\n\n");
        md.append("| files | documents | run | correlations | refused |\n|---|---|---|---|---|\n");
        md.append("| ").append(files).append(" | ").append(r.documents()).append(" | ").append(r.rules()).append(" | ")
                .append(r.correlations()).append(" | ").append(r.refused().size()).append(" |\n\nRun, per folder: ")
                .append(bySource).append("\n\nRefused:\n\n");
        r.refused().forEach(x -> md.append("- ").append(x).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/sigmahq-rules.md"), md.toString());
        System.out.println(md);
        assertTrue(r.rules() > 0, "SigmaHQ rules run");
    }
}
