package dev.soctriage.parse;

import dev.soctriage.model.Field;

/**
 * sudo's messages. The actor is the invoking user; {@link Field#TARGET_USER} the user the command ran
 * as; the command's arguments are the user's text and may contain " ; ", so the command is everything
 * after the first "COMMAND=".
 *
 * <pre>
 *   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id
 *   alice : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/bash
 *   pam_unix(sudo:auth): authentication failure; logname=alice uid=1000 euid=0 tty=/dev/pts/0 ruser=alice rhost=  user=alice
 *   pam_unix(sudo:session): session opened for user root(uid=0) by alice(uid=1000)
 * </pre>
 */
final class SudoMessages {
    private SudoMessages() {
    }

    static void parse(Parsed p, String msg) {
        String m = msg.strip();
        if (m.startsWith("pam_unix(sudo:auth): authentication failure;")) {
            p.put(Field.EVENT, "authentication failure");
            String ruser = SshdMessages.value(m, " ruser=");
            p.actorUser = ruser != null ? ruser : SshdMessages.value(m, " logname=");
            p.put(Field.TARGET_USER, SshdMessages.value(m, " user="));
            return;
        }
        if (m.startsWith("pam_unix(sudo:session): session ")) {
            int forUser = m.indexOf(" for user ");
            if (forUser < 0) {
                return;
            }
            p.put(Field.EVENT, m.substring("pam_unix(sudo:session): ".length(), forUser));
            int by = m.indexOf(" by ", forUser);
            p.put(Field.TARGET_USER, beforeParen(m, forUser + 10, by < 0 ? m.length() : by));
            if (by > 0) {
                p.actorUser = beforeParen(m, by + 4, m.length());
            }
            return;
        }
        int colon = m.indexOf(" : ");
        if (colon <= 0 || m.indexOf(' ') < colon) {
            return;
        }
        p.actorUser = m.substring(0, colon);
        int commandAt = m.indexOf("COMMAND=", colon);
        String head = commandAt < 0 ? m.substring(colon + 3) : m.substring(colon + 3, commandAt);
        if (commandAt >= 0) {
            p.put(Field.COMMAND, m.substring(commandAt + 8));
        }
        String event = "COMMAND";
        for (String part : head.split(" ; ")) {
            String t = part.strip();
            if (t.startsWith("USER=")) {
                p.put(Field.TARGET_USER, t.substring(5));
            } else if (t.startsWith("TTY=") || t.startsWith("PWD=") || t.startsWith("ENV=") || t.startsWith("GROUP=")
                    || t.startsWith("CHROOT=") || t.startsWith("CWD=") || t.isEmpty()) {
                continue;
            } else if (t.indexOf('=') < 0) {
                event = normalise(t);
            }
        }
        p.put(Field.EVENT, event);
    }

    /** "3 incorrect password attempts" → "incorrect password attempts". */
    private static String normalise(String event) {
        int i = 0;
        while (i < event.length() && Character.isDigit(event.charAt(i))) {
            i++;
        }
        return event.substring(i).strip();
    }

    private static String beforeParen(String m, int from, int to) {
        int paren = m.indexOf('(', from);
        int end = paren >= 0 && paren < to ? paren : to;
        return end > from ? m.substring(from, end).strip() : null;
    }
}
