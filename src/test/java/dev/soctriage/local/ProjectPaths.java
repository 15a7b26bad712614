package dev.soctriage.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project root (the folder holding pom.xml) from the working directory. */
public final class ProjectPaths {
    private ProjectPaths() {
    }

    public static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("pom.xml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("not inside the soc-triage project (no pom.xml above " + Path.of("").toAbsolutePath() + ")");
        }
        return p;
    }
}
