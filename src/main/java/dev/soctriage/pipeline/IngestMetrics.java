package dev.soctriage.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.soctriage.metrics.MetricsLine;

/**
 * ingest-triage's metrics: the pipeline reports groups as they are judged and verdicts as they are
 * written, then {@link #ingest} writes the invocation's line: {@code Events}, {@code Groups},
 * {@code Verdicts}, {@code Duplicates}, {@code FailedRecords}, {@code ModelCalls}, {@code ModelFallbacks}
 * (the model was asked, the rules' finding was used), {@code SuppressedEvents}, {@code EventToVerdict}
 * (ms from a verdict's newest event to its creation, one value per verdict). Lambda runs one invocation
 * at a time per instance, so the per-invocation counters need no more than atomics.
 */
@ApplicationScoped
public class IngestMetrics {
    private static final Logger LOG = Logger.getLogger(IngestMetrics.class);

    private final MetricsLine line;
    private final AtomicLong modelCalls = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();
    private final List<Long> eventToVerdict = new CopyOnWriteArrayList<>();

    public IngestMetrics(MetricsLine line) {
        this.line = line;
    }

    /** One group judged: how often the model was called, and which engine's finding (null: benign). */
    public void judged(int llmCalls, String engine) {
        modelCalls.addAndGet(llmCalls);
        if (llmCalls > 0 && "rules".equals(engine)) {
            fallbacks.incrementAndGet();
        }
    }

    /** Events an analyst's false-positive feedback kept out of the queue. */
    public void suppressed(long events) {
        suppressed.addAndGet(events);
    }

    /** A verdict written: its newest event's time and its creation (ISO-8601; unparsable times are skipped). */
    public void verdict(String lastSeen, String createdAt) {
        try {
            if (lastSeen != null && createdAt != null) {
                eventToVerdict.add(Math.max(0, Duration.between(Instant.parse(lastSeen), Instant.parse(createdAt)).toMillis()));
            }
        } catch (DateTimeParseException e) {
            LOG.debug("verdict time not ISO-8601; no EventToVerdict value");
        }
    }

    /** The end of one ingest-triage invocation: writes its line and starts the next from zero. */
    public void ingest(long events, long groups, long verdicts, long duplicates, long failedRecords) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Events", events);
        values.put("Groups", groups);
        values.put("Verdicts", verdicts);
        values.put("Duplicates", duplicates);
        values.put("FailedRecords", failedRecords);
        values.put("ModelCalls", modelCalls.getAndSet(0));
        values.put("ModelFallbacks", fallbacks.getAndSet(0));
        values.put("SuppressedEvents", suppressed.getAndSet(0));
        List<Long> times = List.copyOf(eventToVerdict);
        eventToVerdict.clear();
        if (!times.isEmpty()) {
            values.put("EventToVerdict", times);
        }
        line.write(values, Map.of(), List.of(List.of("Function")));
    }
}
