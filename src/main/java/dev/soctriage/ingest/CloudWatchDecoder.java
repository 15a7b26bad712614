package dev.soctriage.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.soctriage.model.LogEvent;
import dev.soctriage.text.Digests;
import dev.soctriage.text.UntrustedText;

/**
 * CloudWatch Logs subscription: {@code {"awslogs":{"data":"<base64 of gzip of JSON>"}}}. A control
 * message is acknowledged and yields nothing; a log event without a string message is a failed record.
 */
@ApplicationScoped
public class CloudWatchDecoder {
    private final ObjectMapper json;
    private final IngestConfig config;

    public CloudWatchDecoder(ObjectMapper json, IngestConfig config) {
        this.json = json;
        this.config = config;
    }

    public LogBatch decode(JsonNode awslogs) {
        JsonNode data = awslogs.get("data");
        if (data == null || !data.isTextual()) {
            throw new MalformedEventException("CloudWatch Logs event: awslogs.data must be a base64 string");
        }
        byte[] gz;
        try {
            gz = Base64.getMimeDecoder().decode(data.asText());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("CloudWatch Logs event: awslogs.data is not valid base64");
        }
        JsonNode payload = parse(gunzip(gz));
        String type = text(payload, "messageType");
        String logGroup = text(payload, "logGroup");
        if ("CONTROL_MESSAGE".equals(type)) {
            return LogBatch.control(logGroup == null ? "cloudwatch" : logGroup);
        }
        if (!"DATA_MESSAGE".equals(type)) {
            throw new MalformedEventException("CloudWatch Logs event: messageType must be DATA_MESSAGE or CONTROL_MESSAGE");
        }
        if (logGroup == null || logGroup.isBlank()) {
            throw new MalformedEventException("CloudWatch Logs event: logGroup is missing");
        }
        JsonNode logEvents = payload.get("logEvents");
        if (logEvents == null || !logEvents.isArray()) {
            throw new MalformedEventException("CloudWatch Logs event: logEvents must be an array");
        }
        List<LogEvent> events = new ArrayList<>(logEvents.size());
        List<String> failures = new ArrayList<>();
        StringBuilder ids = new StringBuilder();
        int index = 0;
        for (JsonNode e : logEvents) {
            JsonNode message = e.get("message");
            if (message == null || !message.isTextual()) {
                failures.add("logEvents[" + index + "]: message is missing or not a string");
            } else {
                String id = e.hasNonNull("id") ? e.get("id").asText() : Integer.toString(index);
                long ts = e.path("timestamp").canConvertToLong() ? e.path("timestamp").asLong() : 0L;
                events.add(new LogEvent(id, ts, UntrustedText.capLine(message.asText())));
                ids.append(id).append(',');
            }
            index++;
        }
        String delivery = Digests.sha256Hex("cloudwatch", logGroup, text(payload, "logStream"), ids.toString());
        return new LogBatch(logGroup, delivery, events, failures, false);
    }

    private byte[] gunzip(byte[] gz) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            byte[] out = in.readNBytes((int) Math.min(config.maxDecodedBytes() + 1, Integer.MAX_VALUE - 8));
            if (out.length > config.maxDecodedBytes()) {
                throw new MalformedEventException("CloudWatch Logs event: decompressed data exceeds "
                        + config.maxDecodedBytes() + " bytes (ingest.max-decoded-bytes)");
            }
            return out;
        } catch (IOException e) {
            throw new MalformedEventException("CloudWatch Logs event: awslogs.data is not gzip data", e);
        }
    }

    private JsonNode parse(byte[] bytes) {
        try {
            JsonNode n = json.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw new MalformedEventException("CloudWatch Logs event: the decompressed payload is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new MalformedEventException("CloudWatch Logs event: the decompressed payload is not valid JSON");
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
