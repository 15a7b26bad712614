package dev.soctriage.parse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;

/**
 * The lines of one authentication connection, read together: sshd forks one process per connection, so
 * the lines of one host and pid within {@link #WINDOW} are one connection, whichever of sshd and PAM
 * wrote them.
 *
 * <p>One password attempt writes up to three lines (PAM's "authentication failure", sshd's "Failed
 * password", "Invalid user" before them); each failure line gets {@link Field#ATTEMPTS}, so that the
 * attempt counts once:
 * <ul>
 * <li>a connection with sshd's own "Failed &lt;method&gt;" lines counts those (N for rsyslog's "message
 * repeated N times"); its PAM lines and the other failure lines count 0;</li>
 * <li>else its PAM failure lines count (1 each, N for "PAM N more authentication failures"), as old
 * sshd and RHEL's {@code sshd(pam_unix)} logs have only those;</li>
 * <li>else the first failure-indicating line counts 1 (an "Invalid user" that gave up, a connection
 * closed during authentication), the rest 0.</li>
 * </ul>
 * A line of the connection that names no address ({@code check pass; user unknown}, a PAM line whose
 * {@code rhost=} is a host name, "Disconnecting: Too many authentication failures") gets the address
 * the connection's other lines name, when they all name the same one: sshd took it from the socket.
 *
 * <p>Read within one chunk of lines ({@link Parsers#parseAll}): a connection cut by a chunk boundary
 * may count one attempt twice.
 */
final class AuthSessions {
    /** how long one pid is taken for one connection (sshd's LoginGraceTime is 2 minutes by default) */
    static final Duration WINDOW = Duration.ofMinutes(10);

    private enum Kind {
        /** sshd's own line for one try: "Failed password for ..." */
        TRY,
        /** PAM's (or sshd's "PAM:") line for a failed try */
        PAM,
        /** PAM's summary: "PAM N more authentication failures" */
        PAM_MORE,
        /** a line that says authentication failed or was abandoned, without being a try of its own */
        HINT,
        /** anything else on the connection */
        OTHER
    }

    private static final class Session {
        final Instant start;
        final List<Integer> lines = new ArrayList<>(8);
        String address;
        boolean conflicting;
        boolean tries;
        boolean pam;

        Session(Instant start) {
            this.start = start;
        }
    }

    private AuthSessions() {
    }

    /** Links the connections of a parsed chunk in place: attempts counted once, addresses filled in. */
    static void link(List<ParsedEvent> out) {
        Map<String, Session> open = null;
        List<Session> all = null;
        for (int i = 0; i < out.size(); i++) {
            ParsedEvent e = out.get(i);
            if (e.format() != Format.SSHD && e.format() != Format.PAM || e.field(Field.PID) == null) {
                continue;
            }
            if (open == null) {
                open = new HashMap<>();
                all = new ArrayList<>();
            }
            String key = e.field(Field.HOST) + "\u0000" + e.field(Field.PID);
            Session s = open.get(key);
            if (s == null || e.time() != null && s.start != null && e.time().isAfter(s.start.plus(WINDOW))) {
                s = new Session(e.time());
                open.put(key, s);
                all.add(s);
            }
            s.lines.add(i);
            if (e.actorIp() != null) {
                if (s.address == null) {
                    s.address = e.actorIp();
                } else if (!s.address.equals(e.actorIp())) {
                    s.conflicting = true;
                }
            }
            Kind k = kind(e.field(Field.EVENT));
            s.tries |= k == Kind.TRY;
            s.pam |= k == Kind.PAM || k == Kind.PAM_MORE;
        }
        if (all == null) {
            return;
        }
        for (Session s : all) {
            boolean counted = false;
            for (int i : s.lines) {
                ParsedEvent e = out.get(i);
                Kind k = kind(e.field(Field.EVENT));
                String attempts = switch (k) {
                    case TRY -> times(e);
                    case PAM -> s.tries ? "0" : times(e);
                    case PAM_MORE -> s.tries ? "0" : more(e.field(Field.MESSAGE));
                    case HINT -> s.tries || s.pam || counted ? "0" : "1";
                    case OTHER -> null;
                };
                counted |= k == Kind.HINT;
                String actor = e.actorIp() == null && !s.conflicting ? s.address : e.actorIp();
                if (attempts != null || actor != e.actorIp()) {
                    out.set(i, with(e, actor, attempts));
                }
            }
        }
    }

    private static Kind kind(String event) {
        if (event == null) {
            return Kind.OTHER;
        }
        if (event.startsWith("Failed ")) {
            return Kind.TRY;
        }
        return switch (event) {
            case "authentication failure", "PAM: Authentication failure", "PAM: User not known" -> Kind.PAM;
            case "PAM more authentication failures" -> Kind.PAM_MORE;
            case "Invalid user", "input_userauth_request: invalid user", "check pass; user unknown",
                    "Connection closed by authenticating user", "Connection closed by invalid user",
                    "Disconnected from authenticating user", "Disconnected from invalid user",
                    "Disconnecting authenticating user", "Disconnecting invalid user",
                    "Maximum authentication attempts exceeded", "Disconnecting: Too many authentication failures",
                    "User not allowed", "ROOT LOGIN REFUSED" -> Kind.HINT;
            default -> Kind.OTHER;
        };
    }

    /** 1, or the count of rsyslog's "message repeated N times". */
    private static String times(ParsedEvent e) {
        String repeated = e.field(Field.REPEATED);
        return repeated != null ? repeated : "1";
    }

    /** N of "PAM N more authentication failures; ...". */
    private static String more(String message) {
        int at = message == null ? -1 : message.indexOf("PAM ");
        if (at < 0) {
            return "1";
        }
        int end = at + 4;
        while (end < message.length() && end - at < 9 && Character.isDigit(message.charAt(end))) {
            end++;
        }
        return end > at + 4 ? message.substring(at + 4, end) : "1";
    }

    private static ParsedEvent with(ParsedEvent e, String actorIp, String attempts) {
        EnumMap<Field, String> fields = new EnumMap<>(Field.class);
        fields.putAll(e.fields());
        if (attempts != null) {
            fields.put(Field.ATTEMPTS, attempts);
        }
        return new ParsedEvent(e.event(), e.format(), e.time(), actorIp, e.actorUser(),
                Collections.unmodifiableMap(fields));
    }
}
