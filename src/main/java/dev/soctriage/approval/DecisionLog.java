package dev.soctriage.approval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import dev.soctriage.metrics.MetricsLine;

/**
 * One JSON log line per decision (audit trail beside the verdict's own fields). Values are written by
 * Jackson, so a caller-controlled name cannot forge a line; comments and reasons are never logged,
 * only their length.
 */
@ApplicationScoped
public class DecisionLog {
    private static final Logger LOG = Logger.getLogger("dev.soctriage.decision");

    private final ObjectMapper mapper;
    private final MetricsLine metrics;

    public DecisionLog(ObjectMapper mapper, MetricsLine metrics) {
        this.mapper = mapper;
        this.metrics = metrics;
    }

    public void record(String verdictId, String route, String action, String decision, String by,
            String executionId, String text, String error) {
        Map<String, Object> line = new LinkedHashMap<>();
        metrics.write(Map.of("Decisions", 1), Map.of("Decision", decision, "Route", route),
                List.of(List.of("Function"), List.of("Function", "Decision")));
        line.put("event", "decision");
        line.put("verdictId", verdictId);
        line.put("route", route);
        line.put("action", action);
        line.put("decision", decision);
        line.put("by", by);
        line.put("executionId", executionId);
        line.put("textLength", text == null ? 0 : text.length());
        if (error != null) {
            line.put("error", error);
        }
        try {
            LOG.info(mapper.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            LOG.warnf("decision on %s could not be logged as JSON: %s", verdictId, e.getClass().getSimpleName());
        }
    }
}
