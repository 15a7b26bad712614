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

    /** the proxies whose X-Forwarded-For is believed (access logs) */
    final java.util.List<dev.soctriage.net.Cidr> trustedProxies;

    Parsed(LogEvent event, String line, Instant envelope, Instant reference,
            java.util.List<dev.soctriage.net.Cidr> trustedProxies) {
        this.trustedProxies = trustedProxies;
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
        return new ParsedEvent(event, format, time != null ? time : envelope, actorIp, userName(actorUser),
                Collections.unmodifiableMap(new EnumMap<>(fields)));
    }

    /** The longest user name an actor may have: e-mail addresses (254), with room; IAM's are 64. */
    static final int USER_MAX = 256;

    /**
     * A user name as an actor (docs/contract.md, invariant 2): stripped; none when it is empty, "-",
     * longer than {@link #USER_MAX} characters or holds a control character. Such text names no
     * account any provider has, so it is never cut down to one: a cut name could be another account.
     */
    static String userName(String user) {
        if (user == null) {
            return null;
        }
        String u = user.strip();
        if (u.isEmpty() || u.length() > USER_MAX || u.equals("-")) {
            return null;
        }
        for (int i = 0; i < u.length(); i++) {
            if (Character.isISOControl(u.charAt(i))) {
                return null;
            }
        }
        return u;
    }
}
