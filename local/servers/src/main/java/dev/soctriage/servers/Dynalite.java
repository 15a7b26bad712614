package dev.soctriage.servers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * dynalite, the DynamoDB API server from npm, started as a child process on 127.0.0.1 with an
 * in-memory store. Installed by {@code .ci/bootstrap} into {@code .ci/node}.
 */
public final class Dynalite implements LoopbackServer {
    private final Process process;
    private final int port;

    private Dynalite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Dynalite start() {
        Path cli = ProjectPaths.root().resolve(".ci/node/node_modules/dynalite/cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException(cli + " is missing: run .ci/bootstrap (make does) to install dynalite");
        }
        int port = Ports.free();
        try {
            Process p = new ProcessBuilder(List.of("node", cli.toString(), "--host", "127.0.0.1", "--port",
                    Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Ports.awaitListening(port, p, 15_000);
            return new Dynalite(p, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start dynalite (is node installed?)", e);
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
