package dev.soctriage.parse;

import java.time.Instant;

import dev.soctriage.model.Field;

/**
 * The RFC 5424 frame of a syslog line after its {@code <PRI>1 }: TIMESTAMP HOSTNAME APP-NAME PROCID
 * MSGID STRUCTURED-DATA, then the message, read by {@link Syslog#message} as any syslog message.
 */
final class Rfc5424 {
    private Rfc5424() {
    }

    /** Fills p and returns true when the frame from {@code pos} is well formed. */
    static boolean parse(Parsed p, int pos) {
        String s = p.line;
        int n = s.length();
        int[] ends = new int[5];
        int at = pos;
        // TIMESTAMP HOSTNAME APP-NAME PROCID MSGID
        for (int k = 0; k < 5; k++) {
            int e = Syslog.indexOf(s, ' ', at);
            if (e >= n || e == at) {
                return false;
            }
            ends[k] = e;
            at = e + 1;
        }
        Instant time = s.charAt(pos) == '-' && ends[0] == pos + 1 ? null : Times.iso(s, pos, ends[0]);
        if (time == null && !(s.charAt(pos) == '-' && ends[0] == pos + 1)) {
            return false;
        }
        String host = s.substring(ends[0] + 1, ends[1]);
        String program = s.substring(ends[1] + 1, ends[2]);
        // STRUCTURED-DATA: "-" or [id param="value" ...]... with \" \] \\ escapes inside values
        if (at < n && s.charAt(at) == '-') {
            at++;
        } else {
            while (at < n && s.charAt(at) == '[') {
                at++;
                boolean quoted = false;
                while (at < n) {
                    char c = s.charAt(at);
                    if (quoted && c == '\\') {
                        at += 2;
                        continue;
                    }
                    if (c == '"') {
                        quoted = !quoted;
                    } else if (c == ']' && !quoted) {
                        break;
                    }
                    at++;
                }
                if (at >= n) {
                    return false;
                }
                at++;
            }
        }
        if (at < n && s.charAt(at) == ' ') {
            at++;
        }
        if (at < n && s.charAt(at) == '\uFEFF') {
            at++;
        }
        p.time = time;
        p.put(Field.HOST, host);
        String procId = s.substring(ends[2] + 1, ends[3]);
        if (Syslog.isPid(procId)) {
            p.put(Field.PID, procId);
        }
        return Syslog.message(p, program, Math.min(at, n));
    }
}
