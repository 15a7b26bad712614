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
        return new ParsedEvent(event, format, time != null ? time : envelope, actorIp, userName(actorUser),
                new FieldMap(fields.clone()));
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
