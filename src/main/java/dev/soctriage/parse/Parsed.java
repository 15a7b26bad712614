package dev.soctriage.parse;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.model.LogEvent;

/** A ParsedEvent under construction: format parsers fill it, {@link Parsers} seals it. */
final class Parsed {
    final LogEvent event;
    /** the line, without trailing line breaks */
    final String line;
    /** the envelope's time, or null */
    final Instant envelope;
    /** a time near the line's, for formats that omit the year: the envelope's, else the clock's */
    final Instant reference;
    Format format = Format.TEXT;
    Instant time;
    String actorIp;
    String actorUser;
    /** the fields set so far */
    private final EnumMap<Field, String> fields = new EnumMap<>(Field.class);

    Parsed(LogEvent event, String line, Instant envelope, Instant reference) {
        this.event = event;
        this.line = line;
        this.envelope = envelope;
        this.reference = reference;
    }

    /** Sets a field unless the value is null, empty or the logs' "-" for none. */
    Parsed put(Field key, String value) {
        if (value != null && !value.isEmpty() && !value.equals("-")) {
            fields.put(key, value);
        }
        return this;
    }

    /** A field set so far, or null. */
    String field(Field key) {
        return fields.get(key);
    }

    void clearFields() {
        fields.clear();
    }

    ParsedEvent build() {
        return new ParsedEvent(event, format, time != null ? time : envelope, actorIp, actorUser,
                Collections.unmodifiableMap(new EnumMap<>(fields)));
    }
}
