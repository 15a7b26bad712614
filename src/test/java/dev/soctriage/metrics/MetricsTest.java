package dev.soctriage.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.soctriage.approval.DecisionLog;
import dev.soctriage.pipeline.IngestMetrics;

/** The Embedded Metric Format lines CloudWatch Logs turns into the metrics the alarms and dashboard read. */
class MetricsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final List<String> lines = new ArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            lines.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    final MetricsLine emf = new MetricsLine(Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC), JSON,
            "ingest-triage");
    final IngestMetrics metrics = new IngestMetrics(emf);

    @BeforeEach
    void listen() {
        Logger.getLogger(MetricsLine.CATEGORY).addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger(MetricsLine.CATEGORY).removeHandler(capture);
    }

    @Test
    void ingest_writesOneEmfLine_withTheInvocationsCounts_andStartsTheNextFromZero() throws Exception {
        metrics.judged(2, "rules");
        metrics.judged(1, "llm");
        metrics.judged(0, "rules");
        metrics.suppressed(7);
        metrics.verdict("2026-11-24T10:00:39Z", "2026-11-24T10:00:41.500Z");

        metrics.ingest(41, 3, 1, 0, 2);

        assertEquals(1, lines.size());
        JsonNode line = JSON.readTree(lines.get(0));
        JsonNode aws = line.get("_aws");
        assertEquals(Instant.parse("2026-12-06T10:00:00Z").toEpochMilli(), aws.get("Timestamp").asLong());
        JsonNode directive = aws.get("CloudWatchMetrics").get(0);
        assertEquals("soc-triage", directive.get("Namespace").asText());
        assertEquals("[[\"Function\"]]", directive.get("Dimensions").toString());
        List<String> names = new ArrayList<>();
        directive.get("Metrics").forEach(m -> names.add(m.get("Name").asText()));
        assertEquals(List.of("Events", "Groups", "Verdicts", "Duplicates", "FailedRecords", "ModelCalls", "ModelFallbacks",
                "SuppressedEvents", "EventToVerdict"), names);
        assertEquals("ingest-triage", line.get("Function").asText());
        assertEquals(41, line.get("Events").asInt());
        assertEquals(3, line.get("ModelCalls").asInt());
        assertEquals(1, line.get("ModelFallbacks").asInt(), "asked, then the rules' finding was used");
        assertEquals(7, line.get("SuppressedEvents").asInt());
        assertEquals("[2500]", line.get("EventToVerdict").toString());

        metrics.ingest(0, 0, 0, 0, 0);
        JsonNode next = JSON.readTree(lines.get(1));
        assertEquals(0, next.get("ModelCalls").asInt());
        assertEquals(0, next.get("SuppressedEvents").asInt());
        assertFalse(next.has("EventToVerdict"), "no verdict, no value");
    }

    @Test
    void decision_isCountedByItsOutcome_forTheDispatchFailedAlarm() throws Exception {
        new DecisionLog(JSON, emf).record("v-1", "approve", "block_ip", "DISPATCH_FAILED", "alice", null, "ok",
                "KestraUnavailableException");

        JsonNode line = JSON.readTree(lines.get(0));
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals("[[\"Function\"],[\"Function\",\"Decision\"]]", directive.get("Dimensions").toString());
        assertEquals("Decisions", directive.get("Metrics").get(0).get("Name").asText());
        assertEquals(1, line.get("Decisions").asInt());
        assertEquals("DISPATCH_FAILED", line.get("Decision").asText());
        assertEquals("approve", line.get("Route").asText());
        assertEquals(1, lines.size(), "the decision's own audit line is on its own logger, not a metric");
        assertTrue(lines.get(0).startsWith("{"), "a bare JSON line");
    }
}
