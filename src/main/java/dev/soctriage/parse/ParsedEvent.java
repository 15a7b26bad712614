package dev.soctriage.parse;

import java.time.Instant;
import java.util.Map;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.model.LogEvent;

/**
 * A log line after its format was recognised.
 *
 * <p>The actor is who did it, as the format names it (the SSH client, the HTTP client, the
 * CloudTrail principal, the flow's source address); an address or name that merely appears inside
 * free text is never the actor. Grounding (docs/contract.md, invariants 1–2) relies on this distinction.
 *
 * @param event     the line as delivered
 * @param format    the recognised format
 * @param time      when it happened: from the line if it has a time, else from the envelope, else null
 * @param actorIp   the actor's address in canonical text form, or null
 * @param actorUser the actor's user name (or principal ARN), or null
 * @param fields    the format's notable fields, in {@link Field} order (targets tried, ports,
 *                  paths, status, event names...); values are untrusted text
 */
public record ParsedEvent(LogEvent event, Format format, Instant time, String actorIp, String actorUser,
        Map<Field, String> fields) {

    public String field(Field name) {
        return fields.get(name);
    }

    public String line() {
        return event.message();
    }
}
