package dev.soctriage.local;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.soctriage.servers.ProjectPaths;

/**
 * Where the deployed start lives: {@code target/lambda/} (docs/startup.md), assembled and trained by
 * {@code make build}: {@code bootstrap}, the application in {@code app/}, the runtime client in
 * {@code ric/}, the start-up caches in {@code aot/}.
 */
public final class Bootstrap {
    /** The functions of the artifact, in the order the caches are trained. */
    static final java.util.List<String> FUNCTIONS = java.util.List.of(LocalStack.INGEST, LocalStack.LIST,
            LocalStack.APPROVE);

    private Bootstrap() {
    }

    /**
     * {@code target/lambda/}, or the folder the {@code soc.lambda.dir} system property names (the
     * container image's build trains in {@code /var/task}).
     */
    public static Path dir() {
        String given = System.getProperty("soc.lambda.dir");
        return given != null && !given.isBlank() ? Path.of(given) : ProjectPaths.root().resolve("target/lambda");
    }

    /**
     * {@code target/lambda/bootstrap}, or the executable {@code SOC_BOOTSTRAP} names (the native
     * workflow runs the end-to-end tests against the native binary, which polls the Runtime API itself);
     * fails with what to do when {@code make build} has not made it.
     */
    public static Path path() {
        String given = System.getenv("SOC_BOOTSTRAP");
        Path p = given != null && !given.isBlank() ? Path.of(given).toAbsolutePath() : dir().resolve("bootstrap");
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException(p + " is missing: make build assembles it (docs/startup.md)");
        }
        return p;
    }

    /** The function's start-up cache, {@code aot/<function>.aot}. */
    public static Path cache(String function) {
        return dir().resolve("aot").resolve(function + ".aot");
    }

    /** The identity of the JVM, flags and jars the cache was trained for, beside it. */
    public static Path identity(String function) {
        return dir().resolve("aot").resolve(function + ".aot.id");
    }
}
