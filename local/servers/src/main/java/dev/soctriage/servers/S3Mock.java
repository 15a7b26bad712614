package dev.soctriage.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Adobe S3Mock, an S3 API server, as a child process on 127.0.0.1 (path-style access, in-memory
 * buckets). The Maven build copies its executable jar to {@code target/servers/s3mock-exec.jar}.
 */
public final class S3Mock implements LoopbackServer {
    private final Process process;
    private final int port;

    private S3Mock(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static S3Mock start() {
        Path jar = ProjectPaths.root().resolve("target/servers/s3mock-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the application's build copies it there"
                    + " (mvn generate-test-resources, part of mvn test)");
        }
        int port = Ports.free();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Process p = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-jar", jar.toString(), "--server.port=0", "--server.address=127.0.0.1",
                    "--com.adobe.testing.s3mock.httpPort=" + port, "--logging.level.root=WARN",
                    "--spring.main.banner-mode=off"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Ports.awaitListening(port, p, 60_000);
            return new S3Mock(p, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start S3Mock", e);
        }
    }

    @Override
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
