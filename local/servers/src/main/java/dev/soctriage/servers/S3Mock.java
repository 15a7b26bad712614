package dev.soctriage.servers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Adobe S3Mock, an S3 API server, as a child process on 127.0.0.1 (path-style access, in-memory
 * buckets). The Maven build copies its executable jar to {@code target/servers/s3mock-exec.jar}.
 */
public final class S3Mock {
    private S3Mock() {
    }

    /** On a free port. */
    public static LoopbackServer start() {
        Path jar = ProjectPaths.root().resolve("target/servers/s3mock-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the application's build copies it there"
                    + " (mvn generate-test-resources, part of mvn test)");
        }
        int port = Ports.free();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return ChildServer.start("S3Mock", List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", jar.toString(), "--server.port=0", "--server.address=127.0.0.1",
                "--com.adobe.testing.s3mock.httpPort=" + port, "--logging.level.root=WARN",
                "--spring.main.banner-mode=off"), port, 60_000);
    }
}
