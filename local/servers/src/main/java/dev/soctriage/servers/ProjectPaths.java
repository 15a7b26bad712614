package dev.soctriage.servers;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository root, where the application's {@code pom.xml}, {@code target/} and
 * {@code .ci/} are, from any folder inside it: the root itself (the application's tests, {@code make}),
 * {@code local/} or {@code local/servers/} (their own Maven builds). The {@code soc.root} system
 * property overrides it.
 */
public final class ProjectPaths {
    /** What only the root has: the nested projects have a pom.xml too, but no .ci/bootstrap. */
    private static final String MARKER = ".ci/bootstrap";

    private ProjectPaths() {
    }

    public static Path root() {
        String given = System.getProperty("soc.root");
        if (given != null && !given.isBlank()) {
            return Path.of(given).toAbsolutePath().normalize();
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.isRegularFile(p.resolve("pom.xml")) && Files.isRegularFile(p.resolve(MARKER)))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("not inside the soc-triage repository (no pom.xml beside " + MARKER
                    + " above " + Path.of("").toAbsolutePath() + "; -Dsoc.root=... names it)");
        }
        return p;
    }
}
