package dev.soctriage.detect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.soctriage.model.LogEvent;
import dev.soctriage.parse.ParsedEvent;
import dev.soctriage.parse.Parsers;

/** Rules written by a test into a folder of their own, loaded as DETECTION_RULES loads them; lines parsed as ingest parses them. */
final class TestRules {
    static final Parsers PARSERS = new Parsers(Clock.fixed(Instant.parse("2026-12-08T12:00:00Z"), ZoneOffset.UTC));

    private TestRules() {
    }

    /** Each text one rule file (rule-0.yml, rule-1.yml, ...). */
    static Detections load(Map<String, List<String>> placeholders, String... files) {
        try {
            Path dir = Files.createTempDirectory("rules");
            for (int i = 0; i < files.length; i++) {
                Files.writeString(dir.resolve("rule-" + i + ".yml"), files[i]);
            }
            return Detections.loadFolders(List.of(dir), placeholders);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Detections load(String... files) {
        return load(Map.of(), files);
    }

    /** A rule file of one detection: the header, the log source lines and the detection lines as given. */
    static String rule(String title, String logsource, String detection) {
        return "title: " + title + "\nid: " + java.util.UUID.nameUUIDFromBytes(title.getBytes()) + "\nlogsource:\n"
                + logsource.indent(4) + "detection:\n" + detection.indent(4) + "level: high\n";
    }

    static ParsedEvent parse(String line) {
        return PARSERS.parseAll(List.of(new LogEvent("t", 0, line))).get(0);
    }

    static List<ParsedEvent> parseAll(String... lines) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            events.add(new LogEvent("t" + i, 0, lines[i]));
        }
        return PARSERS.parseAll(events);
    }

    /** Whether the (only) rule matches the line. */
    static boolean matches(Detections d, String line) {
        return d.match(parse(line)).length > 0;
    }

    static List<String> titles(Detections d, String line) {
        List<String> out = new ArrayList<>();
        for (int i : d.match(parse(line))) {
            out.add(d.rule(i).title());
        }
        return out;
    }
}
