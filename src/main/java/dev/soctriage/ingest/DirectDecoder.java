package dev.soctriage.ingest;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.soctriage.model.LogEvent;
import dev.soctriage.text.Digests;
import dev.soctriage.text.UntrustedText;

/** A direct invoke: {@code {"source":"<free text>","lines":["<log line>", ...]}}. */
@ApplicationScoped
public class DirectDecoder {
    static final int MAX_SOURCE_CHARS = 512;
    private final IngestConfig config;

    public DirectDecoder(IngestConfig config) {
        this.config = config;
    }

    public LogBatch decode(JsonNode event) {
        JsonNode source = event.get("source");
        if (source == null || !source.isTextual() || source.asText().isBlank()) {
            throw new MalformedEventException("direct event: source must be a non-empty string");
        }
        if (source.asText().length() > MAX_SOURCE_CHARS) {
            throw new MalformedEventException("direct event: source is longer than " + MAX_SOURCE_CHARS + " characters");
        }
        JsonNode lines = event.get("lines");
        if (lines == null || !lines.isArray()) {
            throw new MalformedEventException("direct event: lines must be an array of strings");
        }
        if (lines.size() > config.maxDirectLines()) {
            throw new MalformedEventException("direct event: more than " + config.maxDirectLines()
                    + " lines (ingest.max-direct-lines); split the batch");
        }
        List<LogEvent> events = new ArrayList<>(lines.size());
        List<String> failures = new ArrayList<>();
        String[] digestParts = new String[lines.size() + 2];
        digestParts[0] = "direct";
        digestParts[1] = source.asText();
        int i = 0;
        for (JsonNode line : lines) {
            if (!line.isTextual()) {
                failures.add("lines[" + i + "]: not a string");
                digestParts[i + 2] = "";
            } else {
                String text = UntrustedText.capLine(line.asText());
                digestParts[i + 2] = text;
                if (!text.isBlank()) {
                    events.add(new LogEvent(Integer.toString(i), 0L, text));
                }
            }
            i++;
        }
        return new LogBatch(source.asText(), Digests.sha256Hex(digestParts), events, failures, false);
    }
}
