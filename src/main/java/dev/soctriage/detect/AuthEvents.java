package dev.soctriage.detect;

import java.util.Locale;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.parse.ParsedEvent;

/**
 * The {@code event} field of Linux auth lines: the parser's event named by what it means, so that a
 * rule need not know every phrase of sshd and sudo. {@code auth_failure} (a failed authentication),
 * {@code invalid_user} (a user name that does not exist), {@code auth_success}, {@code sudo_denied};
 * any other event is the parser's text, lower-cased, blanks as underscores.
 */
final class AuthEvents {
    private AuthEvents() {
    }

    static String of(ParsedEvent e) {
        String ev = e.field(Field.EVENT);
        if (ev == null) {
            return null;
        }
        if (e.format() == Format.SSHD) {
            if (ev.startsWith("Failed ") || ev.equals("Maximum authentication attempts exceeded")
                    || ev.equals("authentication failure") || ev.equals("PAM more authentication failures")
                    || ev.equals("Disconnecting authenticating user") || ev.equals("Connection closed by authenticating user")) {
                return "auth_failure";
            }
            if (ev.equals("Invalid user") || ev.endsWith(" invalid user")) {
                return "invalid_user";
            }
            if (ev.startsWith("Accepted ")) {
                return "auth_success";
            }
        }
        if (e.format() == Format.SUDO) {
            String l = ev.toLowerCase(Locale.ROOT);
            if (l.contains("not in sudoers") || l.contains("incorrect password attempts") || l.contains("command not allowed")) {
                return "sudo_denied";
            }
            if (l.equals("authentication failure")) {
                return "auth_failure";
            }
        }
        return ev.toLowerCase(Locale.ROOT).replace(' ', '_');
    }
}
