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
            {"Failed ", null}, {"Accepted ", null}, {"Postponed ", null}, {"Invalid user ", "Invalid user"},
            {"Illegal user ", "Invalid user"},
            {"error: PAM: Authentication failure for ", "PAM: Authentication failure"},
            {"PAM: Authentication failure for ", "PAM: Authentication failure"},
            {"error: PAM: User not known to the underlying authentication module for ", "PAM: User not known"},
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
            "ROOT LOGIN REFUSED FROM ", "Address ", "ssh_dispatch_run_fatal: Connection from ",
    };

    private SshdMessages() {
    }

    static void parse(Parsed p, String msg) {
        if (PamMessages.looks(msg)) {
            PamMessages.parse(p, "sshd", msg, false);
            return;
        }
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
                }
                if (msg.startsWith("invalid user ", start) || msg.startsWith("illegal user ", start)) {
                    start += 13;
                }
                if (userFrom(p, msg, start)) {
                    p.put(Field.EVENT, event);
                }
                return;
            }
        }
        // "error: " and "fatal: " prefix what sshd logs at those levels; the vocabulary after them is the same
        String m = msg.startsWith("error: ") || msg.startsWith("fatal: ") ? msg.substring(7) : msg;
        for (String prefix : USER_ADDR) {
            if (m.startsWith(prefix)) {
                if (userAddr(p, m, prefix.length())) {
                    p.put(Field.EVENT, prefix.substring(0, prefix.length() - 1));
                }
                return;
            }
        }
        for (String prefix : ADDR) {
            if (m.startsWith(prefix)) {
                if (addr(p, m, prefix.length())) {
                    p.put(Field.EVENT, event(m, prefix));
                }
                return;
            }
        }
        unaddressed(p, m);
    }

    /** The event an "ADDR"-form message names: its prefix without the words that lead to the address. */
    private static String event(String m, String prefix) {
        if (prefix.equals("Address ")) {
            return m.endsWith("POSSIBLE BREAK-IN ATTEMPT!") ? BREAK_IN : "Address";
        }
        return prefix.substring(0, prefix.length() - 1).replace(" from", "").replace(" by", "").replace(" with", "")
                .replace(" for", "").replace(" FROM", "");
    }

    static final String BREAK_IN = "POSSIBLE BREAK-IN ATTEMPT";

    /**
     * Messages whose address is not at a fixed place, or that name none (the rest of their connection's
     * lines do: {@link AuthSessions} gives them that address).
     */
    private static void unaddressed(Parsed p, String m) {
        if (m.endsWith("POSSIBLE BREAK-IN ATTEMPT!") && m.startsWith("reverse mapping checking getaddrinfo for ")) {
            // "... for NAME [ADDR] failed - POSSIBLE BREAK-IN ATTEMPT!": NAME is the sender's DNS, read the last [ADDR]
            int close = m.lastIndexOf("] failed");
            int open = close > 0 ? m.lastIndexOf('[', close) : -1;
            p.actorIp = open > 0 ? Ips.canonical(m, open + 1, close) : null;
            p.put(Field.EVENT, BREAK_IN);
        } else if (m.startsWith("Bad protocol version identification ")) {
            // "Bad protocol version identification 'GET / HTTP/1.1' from ADDR port N": the quoted text is the sender's
            fromRight(p, m, "Bad protocol version identification ".length());
            p.put(Field.EVENT, "Bad protocol version identification");
        } else if (m.startsWith("User ") && m.contains(" not allowed because ")) {
            // "User root from ADDR not allowed because listed in DenyUsers"
            int because = m.lastIndexOf(" not allowed because ");
            int from = m.lastIndexOf(" from ", because);
            if (from > 5) {
                p.actorIp = Ips.canonical(m, from + 6, because);
                p.put(Field.TARGET_USER, m.substring(5, from));
            } else {
                p.put(Field.TARGET_USER, m.substring(5, because));
            }
            p.put(Field.EVENT, "User not allowed");
        } else if (m.startsWith("kex_exchange_identification: ")) {
            p.put(Field.EVENT, "kex_exchange_identification");
        } else if (m.startsWith("input_userauth_request: invalid user ")) {
            p.put(Field.EVENT, "input_userauth_request: invalid user");
            p.put(Field.TARGET_USER, withoutSuffix(m.substring(37), " [preauth]"));
        } else if (m.startsWith("Disconnecting: Too many authentication failures")) {
            p.put(Field.EVENT, "Disconnecting: Too many authentication failures");
            int forUser = m.indexOf(" for ", 47);
            if (forUser > 0) {
                p.put(Field.TARGET_USER, withoutSuffix(m.substring(forUser + 5), " [preauth]"));
            }
        } else if (m.startsWith("PAM service(") && m.contains(") ignoring max retries")) {
            p.put(Field.EVENT, "PAM ignoring max retries");
        }
    }

    /** "... from ADDR[ port N]" at the end of the message, read from the right. */
    private static void fromRight(Parsed p, String msg, int start) {
        for (int at = msg.length(), from; (from = msg.lastIndexOf(" from ", at)) >= start; at = from - 1) {
            int addrEnd = Syslog.indexOf(msg, ' ', from + 6);
            String ip = Ips.canonical(msg, from + 6, addrEnd);
            if (ip != null && (addrEnd == msg.length() || portAt(msg, addrEnd) != null)) {
                p.actorIp = ip;
                p.put(Field.SRC_PORT, portAt(msg, addrEnd));
                return;
            }
        }
    }

    private static String withoutSuffix(String s, String suffix) {
        return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
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
