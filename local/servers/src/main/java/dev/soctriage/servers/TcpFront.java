package dev.soctriage.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * The network in front of a loopback HTTP server: a listener on its own port that passes every
 * connection's bytes both ways, unchanged, and can fail as a network does — refuse connections (its
 * port closed, then opened again on the same port) or reset one connection (an RST, not a close).
 * The JDK's HTTP server offers neither, and a caller cannot tell the two layers apart.
 */
final class TcpFront implements AutoCloseable {
    private static final int BACKLOG = 64;

    private final InetSocketAddress backend;
    private final ExecutorService threads;
    private final int port;
    /** the caller's socket, by the local port of the connection it was passed on to the backend */
    private final Map<Integer, Socket> callers = new ConcurrentHashMap<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;
    private Thread accepting;

    TcpFront(InetSocketAddress backend, ExecutorService threads) {
        this.backend = backend;
        this.threads = threads;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        this.accepting = startAccepting(listener);
    }

    int port() {
        return port;
    }

    /** Callers' connections passed on now. */
    int openConnections() {
        return callers.size();
    }

    /** From now on a connect is refused (the port is closed), and every open connection is closed. */
    void refuse() {
        ServerSocket closing;
        Thread acceptor;
        synchronized (this) {
            if (listener == null) {
                return;
            }
            closing = listener;
            acceptor = accepting;
            listener = null;
        }
        closeQuietly(closing);
        // the JDK finishes closing a listener that a thread is blocked on only once that thread has left
        // accept(): until then the kernel still completes connects
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        open.forEach(TcpFront::closeQuietly);
    }

    /** Listens again, on the same port, after {@link #refuse()}. */
    synchronized void accept() {
        if (listener == null) {
            listener = listen(port);
            accepting = startAccepting(listener);
        }
    }

    /**
     * Resets the caller's connection that reaches the backend from {@code backendSidePort} (what the
     * backend sees as the remote port): the caller gets an RST, whatever it sent or awaits.
     */
    boolean reset(int backendSidePort) {
        Socket caller = callers.remove(backendSidePort);
        if (caller == null) {
            return false;
        }
        try {
            caller.setSoLinger(true, 0);
        } catch (IOException alreadyGone) {
            // closed meanwhile: nothing left to reset
        }
        closeQuietly(caller);
        return true;
    }

    @Override
    public void close() {
        refuse();
    }

    private ServerSocket listen(int on) {
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true); // the port is opened again while its closed connections wait in TIME_WAIT
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), on), BACKLOG);
            return s;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on loopback port " + on, e);
        }
    }

    private Thread startAccepting(ServerSocket from) {
        Thread t = new Thread(() -> {
            while (!from.isClosed()) {
                try {
                    pass(from, from.accept());
                } catch (IOException closedOrFailed) {
                    // refused or closed: the loop ends with the listener
                }
            }
        }, "kestra-fake-accept");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void pass(ServerSocket from, Socket caller) throws IOException {
        Socket server = new Socket();
        try {
            server.connect(backend);
            caller.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
        } catch (IOException e) {
            closeQuietly(caller);
            closeQuietly(server);
            throw e;
        }
        int key = server.getLocalPort();
        synchronized (this) {
            if (listener != from) {
                // accepted just before a refusal: closed with the others
                closeQuietly(caller);
                closeQuietly(server);
                return;
            }
            callers.put(key, caller);
            open.add(caller);
            open.add(server);
        }
        Runnable done = () -> {
            callers.remove(key, caller);
            open.remove(caller);
            open.remove(server);
            closeQuietly(caller);
            closeQuietly(server);
        };
        threads.execute(() -> pipe(caller, server, done));
        threads.execute(() -> pipe(server, caller, done));
    }

    /** Copies until either side ends, then closes both: HTTP callers never half-close. */
    private static void pipe(Socket from, Socket to, Runnable done) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ended) {
            // one side closed or was reset: the other is closed below
        } finally {
            done.run();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is all that is left to do
        }
    }
}
