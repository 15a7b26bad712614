package dev.soctriage.ingest;

import java.util.List;
import java.util.function.Consumer;

import dev.soctriage.model.LogEvent;

/**
 * A batch's events read as they are needed, chunk by chunk, so that a large object never sits in
 * memory whole. Read once; {@link #close()} releases what is still open whether it was read or not.
 */
public interface EventStream extends AutoCloseable {
    /**
     * Reads the events and hands them on in consecutive chunks of at most {@code chunk} events;
     * records that cannot be decoded are added to {@code failures}.
     *
     * @return events read
     * @throws SourceUnavailableException  the source failed while being read (transient: retried)
     * @throws MalformedEventException     the data passed a configured limit
     */
    long read(int chunk, Consumer<List<LogEvent>> sink, List<String> failures);

    @Override
    void close();
}
