package dev.soctriage.parse;

import java.time.Instant;

import dev.soctriage.model.Fields;
import dev.soctriage.model.Formats;
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
    String format = Formats.TEXT;
    Instant time;
    String actorIp;
    String actorUser;
    /** the fields set so far, indexed as {@link Fields#ALL} */
    final String[] fields = new String[Fields.ALL.size()];

    Parsed(LogEvent event, String line, Instant envelope, Instant reference) {
        this.event = event;
        this.line = line;
        this.envelope = envelope;
        this.reference = reference;
    }

    /** Sets a field unless the value is null, empty or the logs' "-" for none. */
    Parsed put(String key, String value) {
        if (value != null && !value.isEmpty() && !value.equals("-")) {
            int i = Fields.index(key);
            if (i < 0) {
                throw new IllegalArgumentException("not a field key: " + key);
            }
            fields[i] = value;
        }
        return this;
    }

    /** A field set so far, or null. */
    String field(String key) {
        int i = Fields.index(key);
        return i < 0 ? null : fields[i];
    }

    void clearFields() {
        java.util.Arrays.fill(fields, null);
    }

    ParsedEvent build() {
        return new ParsedEvent(event, format, time != null ? time : envelope, actorIp, actorUser,
                new FieldMap(fields.clone()));
    }
}
