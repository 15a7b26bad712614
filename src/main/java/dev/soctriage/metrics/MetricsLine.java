package dev.soctriage.metrics;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The functions' CloudWatch metrics as Embedded Metric Format: one JSON log line with an {@code _aws}
 * block, which CloudWatch Logs turns into metrics in the namespace {@value #NAMESPACE} with the
 * dimension {@code Function} (the alarms and the dashboard in infra/ read them). Written on the logger
 * {@value #CATEGORY}, whose handler prints the bare line. What each function counts is its own:
 * {@code pipeline.IngestMetrics} (ingest-triage), {@code approval.DecisionLog} (the decisions).
 */
@ApplicationScoped
public class MetricsLine {
    public static final String NAMESPACE = "soc-triage";
    public static final String CATEGORY = "soc-triage.metrics";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    /** The one metric measured in time; every other is a count. */
    private static final String MILLISECONDS = "EventToVerdict";

    private final Clock clock;
    private final ObjectMapper mapper;
    private final String function;

    public MetricsLine(Clock clock, ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.funqy.export", defaultValue = "local") String function) {
        this.clock = clock;
        this.mapper = mapper;
        this.function = function;
    }

    /**
     * Writes one line: {@code values} by metric name (a number, or a list of them), {@code properties}
     * beside them (dimension values), the {@code dimensions} sets each metric is published under.
     */
    public void write(Map<String, Object> values, Map<String, String> properties, List<List<String>> dimensions) {
        List<Map<String, String>> defs = values.keySet().stream()
                .map(name -> Map.of("Name", name, "Unit", name.equals(MILLISECONDS) ? "Milliseconds" : "Count"))
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
