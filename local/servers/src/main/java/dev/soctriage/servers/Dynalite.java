package dev.soctriage.servers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * dynalite, the DynamoDB API server from npm, started as a child process on 127.0.0.1 with an
 * in-memory store. Installed by {@code .ci/bootstrap} into {@code .ci/node}.
 */
public final class Dynalite {
    private Dynalite() {
    }

    /** On a free port; tables are ACTIVE as soon as they are created. */
    public static LoopbackServer start() {
        Path cli = ProjectPaths.root().resolve(".ci/node/node_modules/dynalite/cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException(cli + " is missing: run .ci/bootstrap (make does) to install dynalite");
        }
        int port = Ports.free();
        return ChildServer.start("dynalite (is node installed?)", List.of("node", cli.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"),
                port, 15_000);
    }
}
