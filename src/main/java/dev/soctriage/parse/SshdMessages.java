package dev.soctriage.parse;

import dev.soctriage.model.Field;
import dev.soctriage.net.Ips;

/**
 * OpenSSH's messages (sshd, sshd-session, sshd-auth). The actor is the remote address sshd took from
 * the socket; the user name tried is {@link Field#TARGET_USER}.
 *
 * <p>User names are attacker-controlled and may contain spaces or " from 6.6.6.6 port 22", so for the
 * messages where the user comes first the address is read from the right, where sshd's own suffix
 * ends the line; where the address comes first it is read from the left.
 */
final class SshdMessages {
    /** messages "PREFIX user from ADDR port N ..."; the event is the prefix up to " for" or as given */
    private static final String[][] USER_FROM = {
            {"Failed ", null}, {"Accepted ", null}, {"Invalid user ", "Invalid user"},
            {"error: maximum authentication attempts exceeded for ", "Maximum authentication attempts exceeded"},
            {"maximum authentication attempts exceeded for ", "Maximum authentication attempts exceeded"},
    };
    /** messages "PREFIX user ADDR port N ..." */
    private static final String[] USER_ADDR = {
            "Connection closed by authenticating user ", "Connection closed by invalid user ",
            "Connection closed by user ", "Disconnected from authenticating user ", "Disconnected from invalid user ",
            "Disconnected from user ", "Disconnecting authenticating user ", "Disconnecting invalid user ",
            "Disconnecting user ",
    };
    /** messages "PREFIX ADDR[ port N]..." */
    private static final String[] ADDR = {
            "Connection closed by ", "Received disconnect from ", "Connection reset by ", "Disconnected from ",
            "Did not receive identification string from ", "Unable to negotiate with ",
            "Timeout before authentication for ", "banner exchange: Connection from ", "Connection from ",
            "Bad protocol version identification ",
    };

    private SshdMessages() {
    }

    static void parse(Parsed p, String msg) {
        for (String[] form : USER_FROM) {
            if (msg.startsWith(form[0])) {
                int start = form[0].length();
                String event = form[1];
                if (event == null) {
                    // "Failed password for [invalid user ]root", "Accepted publickey for ubuntu"
                    int method = msg.indexOf(" for ", start);
                    if (method < 0 || method - start > 40) {
                        return;
                    }
                    event = msg.substring(0, method);
                    start = method + 5;
                    if (msg.startsWith("invalid user ", start)) {
                        start += 13;
                    }
                } else if (msg.startsWith("invalid user ", start)) {
                    start += 13;
                }
                if (userFrom(p, msg, start)) {
                    p.put(Field.EVENT, event);
                }
                return;
            }
        }
        for (String prefix : USER_ADDR) {
            if (msg.startsWith(prefix)) {
                if (userAddr(p, msg, prefix.length())) {
                    p.put(Field.EVENT, prefix.substring(0, prefix.length() - 1));
                }
                return;
            }
        }
        for (String prefix : ADDR) {
            if (msg.startsWith(prefix)) {
                if (addr(p, msg, prefix.length())) {
                    p.put(Field.EVENT, prefix.substring(0, prefix.length() - 1).replace(" from", "")
                            .replace(" by", "").replace(" with", "").replace(" for", ""));
                }
                return;
            }
        }
        if (msg.startsWith("pam_unix(sshd:auth): authentication failure;")) {
            pam(p, msg, "authentication failure");
        } else if (msg.startsWith("PAM ") && msg.contains(" more authentication failure")) {
            pam(p, msg, "PAM more authentication failures");
        } else if (msg.startsWith("pam_unix(sshd:session): session ")) {
            // no address in these lines: the session's user is a target, the actor is unknown
            int forUser = msg.indexOf(" for user ");
            if (forUser > 0) {
                p.put(Field.EVENT, msg.substring("pam_unix(sshd:session): ".length(), forUser));
                int end = forUser + 10;
                while (end < msg.length() && msg.charAt(end) != '(' && msg.charAt(end) != ' ') {
                    end++;
                }
                p.put(Field.TARGET_USER, msg.substring(forUser + 10, end));
            }
        }
    }

    /** "user from ADDR port N[ suffix]" read from the right. */
    private static boolean userFrom(Parsed p, String msg, int userStart) {
        int at = msg.length();
        while (true) {
            int from = msg.lastIndexOf(" from ", at);
            if (from < userStart) {
                return false;
            }
            int addrStart = from + 6;
            int addrEnd = Syslog.indexOf(msg, ' ', addrStart);
            String ip = Ips.canonical(msg, addrStart, addrEnd);
            if (ip != null && (addrEnd == msg.length() || portAt(msg, addrEnd) != null)) {
                p.actorIp = ip;
                p.put(Field.TARGET_USER, msg.substring(userStart, from));
                p.put(Field.SRC_PORT, portAt(msg, addrEnd));
                return true;
            }
            at = from - 1;
        }
    }

    /** "user ADDR port N[ suffix]" read from the right. */
    private static boolean userAddr(Parsed p, String msg, int userStart) {
        int at = msg.length();
        while (true) {
            int port = msg.lastIndexOf(" port ", at);
            if (port <= userStart) {
                return false;
            }
            int addrStart = msg.lastIndexOf(' ', port - 1) + 1;
            String ip = addrStart > userStart ? Ips.canonical(msg, addrStart, port) : null;
            String portText = portAt(msg, port);
            if (ip != null && portText != null) {
                p.actorIp = ip;
                p.put(Field.TARGET_USER, msg.substring(userStart, addrStart - 1));
                p.put(Field.SRC_PORT, portText);
                return true;
            }
            at = port - 1;
        }
    }

    /** "ADDR[ port N]..." read from the left. */
    private static boolean addr(Parsed p, String msg, int start) {
        int end = start;
        while (end < msg.length() && msg.charAt(end) != ' ' && msg.charAt(end) != ',') {
            end++;
        }
        String ip = Ips.canonical(msg, start, end);
        if (ip == null && end > start && msg.charAt(end - 1) == ':') {
            ip = Ips.canonical(msg, start, end - 1);
        }
        if (ip == null) {
            return false;
        }
        p.actorIp = ip;
        p.put(Field.SRC_PORT, portAt(msg, end));
        return true;
    }

    /** pam_unix: "... rhost=ADDR  user=NAME"; the address is the actor only when it is an address. */
    private static void pam(Parsed p, String msg, String event) {
        p.put(Field.EVENT, event);
        String rhost = value(msg, " rhost=");
        p.actorIp = Ips.canonical(rhost);
        p.put(Field.TARGET_USER, value(msg, " user="));
    }

    /** The value after key up to the next space. Keys are matched from the right: values before are the user's. */
    static String value(String msg, String key) {
        int i = msg.lastIndexOf(key);
        if (i < 0) {
            return null;
        }
        int start = i + key.length();
        int end = Syslog.indexOf(msg, ' ', start);
        return end > start ? msg.substring(start, end) : null;
    }

    /** The digits of " port N" at i, or null. */
    private static String portAt(String msg, int i) {
        if (!msg.startsWith(" port ", i)) {
            return null;
        }
        int start = i + 6;
        int end = start;
        while (end < msg.length() && end - start < 6 && msg.charAt(end) >= '0' && msg.charAt(end) <= '9') {
            end++;
        }
        return end > start ? msg.substring(start, end) : null;
    }
}
