package dev.soctriage.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.model.LogEvent;
import dev.soctriage.net.Cidr;

/**
 * One golden line and how it must be read: a case of a parameterized parser test. Only what a case
 * names is checked; the {@code no…} methods check that a value is absent. The case's name is what the
 * test report shows, and every failed check says it.
 */
final class Golden {
    private final String name;
    private final String line;
    private final List<Consumer<ParsedEvent>> checks = new ArrayList<>();
    private long receivedAt;
    private Parsers parsers = ParseFixtures.PARSERS;
    private String why;

    private Golden(String name, String line) {
        this.name = name;
        this.line = line;
    }

    static Golden golden(String name, String line) {
        return new Golden(name, line);
    }

    /** The line as CloudWatch delivered it at that time (an event's timestamp), not at the epoch. */
    Golden receivedAt(String iso) {
        this.receivedAt = Instant.parse(iso).toEpochMilli();
        return this;
    }

    /** Read by parsers that trust these proxies' forwarded addresses, on the same fixed clock. */
    Golden behindProxies(String... cidrs) {
        return readBy(new Parsers(ParseFixtures.CLOCK, List.of(cidrs).stream().map(Cidr::parse).toList()));
    }

    /** Read by parsers configured otherwise than the default ones. */
    Golden readBy(Parsers configured) {
        this.parsers = configured;
        return this;
    }

    /** The reason the following checks hold, said when one fails. */
    Golden because(String reason) {
        this.why = reason;
        return this;
    }

    Golden format(Format expected) {
        return expect("format", ParsedEvent::format, expected);
    }

    Golden actorIp(String expected) {
        return expect("actor ip", ParsedEvent::actorIp, expected);
    }

    Golden noActorIp() {
        return actorIp(null);
    }

    Golden actorUser(String expected) {
        return expect("actor user", ParsedEvent::actorUser, expected);
    }

    Golden noActorUser() {
        return actorUser(null);
    }

    Golden field(Field field, String expected) {
        return expect(field.wire(), e -> e.field(field), expected);
    }

    Golden noField(Field field) {
        return field(field, null);
    }

    Golden fieldContains(Field field, String part) {
        return expect(field.wire() + " contains " + part, e -> e.field(field).contains(part), true);
    }

    /** The event keeps the whole line, however much of it was read. */
    Golden keptWhole() {
        return expect("whole line", ParsedEvent::line, line);
    }

    Golden time(String expected) {
        return time(Instant.parse(expected));
    }

    Golden time(Instant expected) {
        return expect("time", ParsedEvent::time, expected);
    }

    /** Parses the line as a batch of one on the fixed clock and runs the checks in the order named. */
    void check() {
        assertFalse(checks.isEmpty(), name + ": a golden line names what must be read from it");
        ParsedEvent event = parsers.parseAll(List.of(new LogEvent("e1", receivedAt, line))).get(0);
        checks.forEach(c -> c.accept(event));
    }

    /** Checks that what {@code read} takes from the event equals {@code expected} (null: is absent). */
    private Golden expect(String what, Function<ParsedEvent, Object> read, Object expected) {
        String says = why == null ? name + " (" + what + ")" : name + " (" + what + "): " + why;
        checks.add(e -> assertEquals(expected, read.apply(e), says));
        return this;
    }

    @Override
    public String toString() {
        return name;
    }
}
