package dev.soctriage.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.soctriage.model.LogEvent;

/**
 * What one invocation delivered, decoded — or, for an S3 object, opened and read as it is processed
 * ({@link #stream()}), so that memory is bounded by what is kept of the events, not by the object.
 *
 * @param source     the verdicts' {@code source}: the direct event's source, the CloudWatch log group,
 *                   or {@code s3://bucket/key}
 * @param deliveryId a digest of the input that is the same when the same input is delivered again
 * @param events     the decoded lines, in delivery order (empty for a streamed batch: see {@link #forEachChunk})
 * @param failures   records inside an otherwise good input that could not be decoded, each with its
 *                   reason (counted as {@code failed}; never contains log text); a streamed batch's
 *                   are known once it was read
 * @param control    true for a CloudWatch control message: acknowledged, nothing to triage
 * @param stream     the events still to be read, or null when {@code events} holds them all
 */
public record LogBatch(String source, String deliveryId, List<LogEvent> events, List<String> failures,
        boolean control, EventStream stream) implements AutoCloseable {

    public LogBatch(String source, String deliveryId, List<LogEvent> events, List<String> failures, boolean control) {
        this(source, deliveryId, events, failures, control, null);
    }

    public static LogBatch control(String source) {
        return new LogBatch(source, "control", List.of(), List.of(), true);
    }

    /** A batch read from {@code stream} as it is processed; its failures are collected while it is read. */
    public static LogBatch streamed(String source, String deliveryId, EventStream stream) {
        return new LogBatch(source, deliveryId, List.of(), new ArrayList<>(), false, stream);
    }

    /**
     * Hands the events on in consecutive chunks of at most {@code chunk}, in delivery order; a streamed
     * batch is read here, once.
     *
     * @return the number of events
     */
    public long forEachChunk(int chunk, Consumer<List<LogEvent>> sink) {
        if (stream != null) {
            return stream.read(chunk, sink, failures);
        }
        for (int from = 0; from < events.size(); from += chunk) {
            sink.accept(events.subList(from, Math.min(events.size(), from + chunk)));
        }
        return events.size();
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
    }
}
