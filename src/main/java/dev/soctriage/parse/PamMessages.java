package dev.soctriage.parse;

import java.util.Set;

import dev.soctriage.model.Field;
import dev.soctriage.net.Ips;

/**
 * PAM's lines, for whichever service PAM names, in both spellings: the module in the message
 * ({@code su[812]: pam_unix(su:auth): authentication failure; ...}) and the module in the tag, as RHEL
 * and its kin wrote them ({@code sshd(pam_unix)[19939]: authentication failure; ...}).
 *
 * <pre>
 *   authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.5  user=root
 *   PAM 2 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.5  user=root
 *   check pass; user unknown
 *   session opened for user root(uid=0) by alice(uid=1000)
 * </pre>
 *
 * <p>{@code rhost=} is the remote end of a network service: an address there is the actor, a host name
 * stays in the line as evidence and is never an actor (nobody resolves it here, and the
 * sender may own its DNS). {@code user=} is the account tried, never the actor. Remote services put
 * the sender's text in {@code ruser=} and {@code user=}, which could imitate " rhost=6.6.6.6": a line
 * with more than one {@code rhost=} names no actor. Without a remote host, a service that switches
 * users ({@code su}, {@code runuser}) names the local user who asked as the actor ({@code ruser=}, else
 * {@code logname=}).
 */
final class PamMessages {
    /** services run by a local user to become another: that user is the actor of their failures */
    private static final Set<String> SWITCHING = Set.of("su", "su-l", "runuser", "runuser-l", "sudo", "sudo-i",
            "pkexec", "doas");

    private PamMessages() {
    }

    /** Whether a message is PAM's: "pam_xxx(service:type): ..." or "PAM N more authentication failures; ...". */
    static boolean looks(String msg) {
        if (msg.startsWith("pam_")) {
            int close = msg.indexOf("): ");
            return close > 0 && close < 64 && msg.lastIndexOf('(', close) > 0;
        }
        return msg.startsWith("PAM ") && msg.contains(" more authentication failure");
    }

    /**
     * Reads a PAM line of {@code service}.
     *
     * @param moduleInTag whether the tag named the module (the old spelling): then the message is PAM's text
     *                    itself, without a "pam_unix(service:type): " prefix
     */
    static void parse(Parsed p, String service, String msg, boolean moduleInTag) {
        String text = msg;
        if (!moduleInTag && msg.startsWith("pam_")) {
            int close = msg.indexOf("): ");
            int open = close > 0 ? msg.lastIndexOf('(', close) : -1;
            if (open < 0) {
                return;
            }
            int colon = msg.indexOf(':', open);
            if (colon > open && colon < close) {
                service = msg.substring(open + 1, colon);
            }
            text = msg.substring(close + 3);
        }
        if (text.startsWith("authentication failure;")) {
            p.put(Field.EVENT, "authentication failure");
            credentials(p, service, text);
        } else if (text.startsWith("PAM ") && text.contains(" more authentication failure")) {
            p.put(Field.EVENT, "PAM more authentication failures");
            credentials(p, service, text);
        } else if (text.startsWith("check pass; user unknown")) {
            p.put(Field.EVENT, "check pass; user unknown");
        } else if (text.startsWith("session opened for user ") || text.startsWith("session closed for user ")) {
            session(p, text);
        } else if (text.startsWith("Consecutive login failures for user ")) {
            p.put(Field.EVENT, "account locked");
            p.put(Field.TARGET_USER, word(text, "Consecutive login failures for user ".length()));
        } else if (text.startsWith("received for user ")) {
            // pam_sss: "received for user bob: 7 (Authentication failure)", after its own "authentication failure;"
            p.put(Field.EVENT, "received for user");
            int colon = text.indexOf(':', 18);
            p.put(Field.TARGET_USER, colon > 18 ? text.substring(18, colon) : null);
        }
    }

    /** The fields of "authentication failure; logname= uid= euid= tty= ruser= rhost= [user=]". */
    private static void credentials(Parsed p, String service, String text) {
        String rhost = only(text, " rhost=");
        String user = last(text, " user=");
        String ruser = only(text, " ruser=");
        if (rhost != null && !rhost.isEmpty()) {
            p.actorIp = Ips.canonical(rhost);
            p.put(Field.TARGET_USER, user != null && !user.isEmpty() ? user : ruser);
            return;
        }
        p.put(Field.TARGET_USER, user);
        if (rhost != null && SWITCHING.contains(service)) {
            String logname = only(text, " logname=");
            p.actorUser = ruser != null && !ruser.isEmpty() ? ruser : logname;
        }
    }

    /** "session opened for user root(uid=0) by alice(uid=1000)", "session closed for user news". */
    private static void session(Parsed p, String text) {
        p.put(Field.EVENT, text.startsWith("session opened") ? "session opened" : "session closed");
        int start = "session opened for user ".length();
        int by = text.indexOf(" by ", start);
        String target = beforeParen(text, start, by < 0 ? text.length() : by);
        p.put(Field.TARGET_USER, target);
        if (by > 0) {
            String who = beforeParen(text, by + 4, text.length());
            // "by (uid=0)": a daemon; "by LOGIN(uid=0)": login's placeholder, no user
            if (who != null && !who.equals("LOGIN")) {
                p.actorUser = who;
            }
        }
    }

    /**
     * The value of the one occurrence of key, up to the next blank ("" when empty); null when the key is
     * missing or occurs more than once (the sender's text imitating it).
     */
    static String only(String text, String key) {
        int i = text.indexOf(key);
        if (i < 0 || text.indexOf(key, i + 1) >= 0) {
            return null;
        }
        return valueAt(text, i + key.length());
    }

    /** The value of the last occurrence of key (the user tried: never an actor, so a forged one costs nothing). */
    private static String last(String text, String key) {
        int i = text.lastIndexOf(key);
        return i < 0 ? null : valueAt(text, i + key.length());
    }

    private static String valueAt(String text, int start) {
        int end = Syslog.indexOf(text, ' ', start);
        return text.substring(start, end);
    }

    private static String word(String text, int start) {
        int end = Syslog.indexOf(text, ' ', start);
        return end > start ? text.substring(start, end) : null;
    }

    private static String beforeParen(String m, int from, int to) {
        int paren = m.indexOf('(', from);
        int end = paren >= 0 && paren < to ? paren : to;
        String s = end > from ? m.substring(from, end).strip() : "";
        return s.isEmpty() ? null : s;
    }
}
