package dev.soctriage.servers;

/** A server this process started on 127.0.0.1, for as long as it is open. */
public interface LoopbackServer extends AutoCloseable {
    /** {@code http://127.0.0.1:port}. */
    String endpoint();

    /** Stops it; nothing to declare. */
    @Override
    void close();
}
