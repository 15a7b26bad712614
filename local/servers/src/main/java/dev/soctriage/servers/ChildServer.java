package dev.soctriage.servers;

import java.io.IOException;
import java.util.List;

/** A server run as a child process of this JVM, listening on a loopback port; its output is discarded. */
final class ChildServer implements LoopbackServer {
    private final Process process;
    private final int port;

    private ChildServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code command}, which must listen on 127.0.0.1:{@code port}, and returns once it accepts
     * connections; stops it again and throws when it exits first or does not listen in time.
     */
    static ChildServer start(String name, List<String> command, int port, long timeoutMillis) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
        try {
            Ports.awaitListening(port, p, timeoutMillis);
        } catch (IllegalStateException e) {
            p.destroy();
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
        return new ChildServer(p, port);
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
