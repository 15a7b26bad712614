package dev.soctriage.parse;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import dev.soctriage.ingest.LogEvent;

/** A ParsedEvent under construction: format parsers fill it, {@link Parsers} seals it. */
final class Parsed {
    final LogEvent event;
    /** the line, without trailing line breaks */
    final String line;
    /** the envelope's time, or null */
    final Instant envelope;
    /** a time near the line's, for formats that omit the year: the envelope's, else the clock's */
    final Instant reference;
    String format = Formats.TEXT;
    Instant time;
    String actorIp;
    String actorUser;
    final Map<String, String> fields = new HashMap<>(8);

    Parsed(LogEvent event, String line, Instant envelope, Instant reference) {
        this.event = event;
        this.line = line;
        this.envelope = envelope;
        this.reference = reference;
    }

    /** Sets a field unless the value is null, empty or the logs' "-" for none. */
    Parsed put(String key, String value) {
        if (value != null && !value.isEmpty() && !value.equals("-")) {
            fields.put(key, value);
        }
        return this;
    }

    ParsedEvent build() {
        // the map is not copied: this builder is dropped once built
        return new ParsedEvent(event, format, time != null ? time : envelope, actorIp, actorUser,
                Collections.unmodifiableMap(fields));
    }
}
