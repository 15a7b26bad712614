package dev.soctriage.parse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.soctriage.model.Format;
import dev.soctriage.model.Field;

/**
 * The lines of one sshd connection, read together: sshd forks one process per connection, so the
 * lines of one host and pid within {@link #WINDOW} are one connection, whichever of sshd and PAM wrote
 * them. A line of the connection that names no address ({@code check pass; user unknown}, a PAM line
 * whose {@code rhost=} is a host name, "Disconnecting: Too many authentication failures") gets the
 * address its other lines name, when they all name the same one: sshd took it from the socket, so it
 * is that line's actor as much as theirs.
 *
 * <p>Read within one chunk of lines ({@link Parsers#parseAll}): a connection cut by a chunk boundary
 * lends its address only within each part.
 */
final class AuthSessions {
    /** how long one pid is taken for one connection (sshd's LoginGraceTime is 2 minutes by default) */
    static final Duration WINDOW = Duration.ofMinutes(10);

    private static final class Connection {
        final Instant start;
        final List<Integer> lines = new ArrayList<>(8);
        String address;
        boolean conflicting;

        Connection(Instant start) {
            this.start = start;
        }
    }

    private AuthSessions() {
    }

    /** Gives the address of each sshd connection of a parsed chunk to its lines that name none, in place. */
    static void link(List<ParsedEvent> out) {
        Map<String, Connection> open = null;
        List<Connection> all = null;
        for (int i = 0; i < out.size(); i++) {
            ParsedEvent e = out.get(i);
            if (e.format() != Format.SSHD || e.field(Field.PID) == null) {
                continue;
            }
            if (open == null) {
                open = new HashMap<>();
                all = new ArrayList<>();
            }
            String key = e.field(Field.HOST) + "\u0000" + e.field(Field.PID);
            Connection c = open.get(key);
            if (c == null || e.time() != null && c.start != null && e.time().isAfter(c.start.plus(WINDOW))) {
                c = new Connection(e.time());
                open.put(key, c);
                all.add(c);
            }
            c.lines.add(i);
            if (e.actorIp() != null) {
                if (c.address == null) {
                    c.address = e.actorIp();
                } else if (!c.address.equals(e.actorIp())) {
                    c.conflicting = true;
                }
            }
        }
        if (all == null) {
            return;
        }
        for (Connection c : all) {
            if (c.address == null || c.conflicting) {
                continue;
            }
            for (int i : c.lines) {
                ParsedEvent e = out.get(i);
                if (e.actorIp() == null) {
                    out.set(i, new ParsedEvent(e.event(), e.format(), e.time(), c.address, e.actorUser(), e.fields()));
                }
            }
        }
    }
}
