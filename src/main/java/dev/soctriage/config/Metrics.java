package dev.soctriage.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The functions' CloudWatch metrics as Embedded Metric Format: one JSON log line with an {@code _aws}
 * block per invocation's end, which CloudWatch Logs turns into metrics in the namespace
 * {@value #NAMESPACE} with the dimension {@code Function} (the alarms and the dashboard in infra/ read
 * them). Written on the logger {@value #CATEGORY}, whose handler prints the bare line.
 *
 * <p>ingest-triage: the pipeline reports groups as they are judged and verdicts as they are written,
 * then {@link #ingest} writes the line: {@code Events}, {@code Groups}, {@code Verdicts},
 * {@code Duplicates}, {@code FailedRecords}, {@code ModelCalls}, {@code ModelFallbacks} (the model was
 * asked, the rules' finding was used), {@code SuppressedEvents}, {@code EventToVerdict} (ms from a
 * verdict's newest event to its creation, one value per verdict). The API: {@link #decision} writes
 * {@code Decisions} by {@code Decision} ({@code APPROVED}, {@code DISPATCH_FAILED}, {@code REJECTED},
 * {@code REMEDIATED}, {@code REMEDIATION_FAILED}). Lambda runs one invocation at a time per instance,
 * so the per-invocation counters need no more than atomics.
 */
@ApplicationScoped
public class Metrics {
    public static final String NAMESPACE = "soc-triage";
    public static final String CATEGORY = "soc-triage.metrics";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private final Clock clock;
    private final ObjectMapper mapper;
    private final String function;
    private final AtomicLong modelCalls = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();
    private final List<Long> eventToVerdict = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Metrics(Clock clock, ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.funqy.export", defaultValue = "local") String function) {
        this.clock = clock;
        this.mapper = mapper;
        this.function = function;
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
        write(values, Map.of(), List.of(List.of("Function")));
    }

    /** One decision of the API (approve, reject, outcome) and how it ended. */
    public void decision(String route, String decision) {
        write(Map.of("Decisions", 1), Map.of("Decision", decision, "Route", route),
                List.of(List.of("Function"), List.of("Function", "Decision")));
    }

    private void write(Map<String, Object> values, Map<String, String> properties, List<List<String>> dimensions) {
        List<Map<String, String>> defs = values.keySet().stream()
                .map(name -> Map.of("Name", name, "Unit", name.equals("EventToVerdict") ? "Milliseconds" : "Count"))
                .toList();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics",
                List.of(Map.of("Namespace", NAMESPACE, "Dimensions", dimensions, "Metrics", defs))));
        line.put("Function", function);
        line.putAll(properties);
        line.putAll(values);
        try {
            LOG.info(mapper.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            LOG.warnf("metrics line not written: %s", e.getClass().getSimpleName());
        }
    }
}
