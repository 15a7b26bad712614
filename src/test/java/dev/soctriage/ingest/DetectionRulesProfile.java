package dev.soctriage.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * ingest-triage with DETECTION_RULES naming a folder of the operator's own rules ("site-rules"): one rule
 * that runs, one the engine refuses (the function must start all the same).
 */
public class DetectionRulesProfile implements QuarkusTestProfile {
    static final String RULE_ID = "5b1e0b8e-6a0d-4f55-9d7a-3c2f1e0a9b11";

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Path dir = Files.createTempDirectory("detections").resolve("site-rules");
            Files.createDirectories(dir.resolve("web"));
            Files.writeString(dir.resolve("web/phpinfo.yml"), """
                    title: phpinfo page requested
                    id: %s
                    description: Someone asked for the phpinfo page, which this site does not have.
                    references:
                        - https://www.php.net/manual/en/function.phpinfo.php
                    logsource:
                        category: webserver
                    detection:
                        selection:
                            cs-uri-stem|endswith: '/phpinfo.php'
                        condition: selection
                    level: high
                    soctriage:
                        action: block_ip
                        threat: phpinfo probe
                    """.formatted(RULE_ID));
            Files.writeString(dir.resolve("web/broken.yml"), "title: broken\nlogsource: {category: webserver}\n"
                    + "detection: {s: {cs-uri-stem|nonsense: x}, condition: s}\n");
            return Map.of("quarkus.funqy.export", "ingest-triage", "detection.rules", dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
