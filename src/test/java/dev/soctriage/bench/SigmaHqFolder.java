package dev.soctriage.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where SigmaHQ's rule folders are, when this machine has them: $SIGMA_RULES, ../shared/sigma/rules, /work/shared/sigma/rules. */
final class SigmaHqFolder {
    private SigmaHqFolder() {
    }

    /** The folder, or null when absent or when {@code -Dbench.sigmahq=false} says to measure the built-in pack alone. */
    static Path find() {
        if ("false".equals(System.getProperty("bench.sigmahq"))) {
            return null;
        }
        String env = System.getenv("SIGMA_RULES");
        for (String c : new String[] {env, "../shared/sigma/rules", "/work/shared/sigma/rules"}) {
            if (c != null && !c.isBlank() && Files.isDirectory(Path.of(c))) {
                return Path.of(c).toAbsolutePath().normalize();
            }
        }
        return null;
    }
}
