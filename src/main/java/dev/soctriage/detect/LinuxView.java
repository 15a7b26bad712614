package dev.soctriage.detect;

import java.util.List;
import java.util.Set;

import dev.soctriage.model.Field;
import dev.soctriage.parse.ParsedEvent;

/**
 * A syslog line (sshd, sudo, cron, any program) for {@code product: linux}: {@code program} (the tag
 * without pid), {@code pid}, {@code host}, {@code message} (the text after {@code prog[pid]: }), and
 * the parser's reading of auth lines: {@code rhost} / {@code c-ip} (the remote address, the actor),
 * {@code user} (the account tried or acted on), {@code event} ({@link AuthEvents}). Keywords search
 * the message.
 */
final class LinuxView extends EventView {
    static final Set<String> FIELDS = Set.of("program", "pid", "host", "message", "rhost", "c-ip", "user", "event");

    LinuxView(ParsedEvent event) {
        super(event);
    }

    @Override
    List<String> read(String field) {
        return switch (field) {
            case "program" -> one(event.field(Field.PROGRAM));
            case "pid" -> one(pid());
            case "host" -> one(event.field(Field.HOST));
            case "message" -> one(message());
            case "rhost", "c-ip" -> one(event.actorIp());
            case "user" -> one(event.field(Field.TARGET_USER) != null ? event.field(Field.TARGET_USER) : event.actorUser());
            case "event" -> one(AuthEvents.of(event));
            default -> ABSENT;
        };
    }

    @Override
    List<String> keywordTexts() {
        String m = message();
        return m == null ? List.of() : List.of(m);
    }

    private String message() {
        String m = event.field(Field.MESSAGE);
        return m != null ? m : event.line();
    }

    /** The pid in "prog[pid]:", read from the line: the parser keeps the program without it. */
    private String pid() {
        String program = event.field(Field.PROGRAM);
        if (program == null) {
            return null;
        }
        String line = event.line();
        int at = line.indexOf(program + "[");
        if (at < 0) {
            return null;
        }
        int start = at + program.length() + 1;
        int end = line.indexOf(']', start);
        if (end <= start || end - start > 10) {
            return null;
        }
        for (int i = start; i < end; i++) {
            if (!Character.isDigit(line.charAt(i))) {
                return null;
            }
        }
        return line.substring(start, end);
    }
}
