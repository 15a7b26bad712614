package dev.soctriage.model;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One log line as it was delivered.
 *
 * @param id        stable across redeliveries of the same input (CloudWatch's event id, or a digest of
 *                  the object/line position), so that the same input always maps to the same verdict ids
 * @param timestamp epoch milliseconds from the envelope, or 0 when the envelope carries none (the
 *                  parser may then find a time in the line itself)
 * @param message   the line, decoded as UTF-8 with malformed bytes replaced (U+FFFD); otherwise as it
 *                  arrived — untrusted, attacker-controlled text
 */
@RegisterForReflection
public record LogEvent(String id, long timestamp, String message) {
}
