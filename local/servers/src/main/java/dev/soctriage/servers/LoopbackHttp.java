package dev.soctriage.servers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;

/**
 * The one place the local harness opens a JDK {@link HttpServer} (the Runtime API emulator, the gateway, the
 * model stub, the Kestra fake), on 127.0.0.1, with {@code TCP_NODELAY} on its connections.
 *
 * <p>The JDK's server writes a response's headers and its body in two writes and, unless
 * {@code sun.net.httpserver.nodelay} is true, leaves Nagle's algorithm on: the body then waits for the
 * client's delayed ACK, about 40 ms on Linux loopback, in every exchange. Measured on the warm path that was
 * about 95 ms of an event's 464 ms to the listing (docs/benchmarks.md). Lambda's own Runtime API, API Gateway
 * and Groq answer without that wait, so a harness that kept it would measure itself, not this project.
 *
 * <p>The JDK reads the property once, when its first server is made; this class sets it before that, so every
 * server of a harness process is opened here.
 */
public final class LoopbackHttp {
    /** The JDK server's switch for {@code TCP_NODELAY} on accepted connections. */
    public static final String NODELAY = "sun.net.httpserver.nodelay";

    static {
        System.setProperty(NODELAY, "true");
    }

    private LoopbackHttp() {
    }

    /**
     * A server bound to 127.0.0.1, not yet started.
     *
     * @param port    0 for any free port
     * @param backlog the accept queue; 0 for the JDK's default
     */
    public static HttpServer open(int port, int backlog) throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
    }
}
