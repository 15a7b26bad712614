package dev.soctriage.parse;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.soctriage.model.LogEvent;

/** Real parsers on a fixed clock, and events made from lines. */
final class ParseFixtures {
    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Parsers PARSERS = new Parsers(CLOCK);

    private ParseFixtures() {
    }

    /** One line through the parsers' entry point, as a batch of one. */
    static ParsedEvent parse(String line) {
        return parse(new LogEvent("e1", 0, line));
    }

    static ParsedEvent parse(LogEvent event) {
        return PARSERS.parseAll(List.of(event)).get(0);
    }

    static List<ParsedEvent> parseAll(String... lines) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            events.add(new LogEvent("e" + i, 0, lines[i]));
        }
        return PARSERS.parseAll(events);
    }
}
