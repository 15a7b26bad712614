package dev.soctriage.parse;

import java.time.Instant;
import java.util.Set;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.net.Ips;

/**
 * An application's levelled text log, as Python's logging (OpenStack's oslo.log among others), Java's
 * and Go's loggers write it by default:
 *
 * <pre>
 *   2026-11-24 10:00:01.123 4120 INFO nova.api.wsgi [req-1 - - -] message
 *   2026-11-24T10:00:01,123Z [main] WARN com.example.Service - message
 * </pre>
 *
 * A time, then within the next two tokens a level word; the token after the level is the logger
 * ({@link Field#PROGRAM}) when it looks like one. Such a log names no actor, except where the message
 * is a WSGI server's request line ({@code ADDR[,ADDR] "GET /p HTTP/1.1" status: 200 len: 512 ...}, as
 * eventlet writes it): that line is the server's access log, written through the application's logger, and
 * is read as {@link Format#ACCESS_LOG} (the web rules read it); the address written last is the peer (the
 * ones before it are X-Forwarded-For, believed only from a trusted proxy, as for access logs).
 */
final class AppText {
    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "WARNING", "ERROR",
            "ERR", "CRITICAL", "CRIT", "FATAL", "SEVERE", "ALERT", "EMERG", "AUDIT");

    private AppText() {
    }

    static boolean parse(Parsed p) {
        String s = p.line;
        if (!Times.looksIso(s, 0) || s.length() < 24 || s.charAt(10) != ' ' && s.charAt(10) != 'T') {
            return false;
        }
        int timeEnd = Syslog.indexOf(s, ' ', 19);
        Instant time = Times.iso(s, 0, timeEnd);
        if (time == null || timeEnd >= s.length()) {
            return false;
        }
        int at = timeEnd + 1;
        String pid = null;
        String level = null;
        for (int token = 0; token < 3 && at < s.length() && level == null; token++) {
            int end = Syslog.indexOf(s, ' ', at);
            String word = strip(s.substring(at, end));
            if (LEVELS.contains(word)) {
                level = word;
            } else if (token == 0 && isDigits(word)) {
                pid = word;
            } else if (!(s.charAt(at) == '[' && s.charAt(end - 1) == ']')) {
                return false;
            }
            at = end + 1;
        }
        if (level == null) {
            return false;
        }
        p.format = Format.APP_TEXT;
        p.time = time;
        p.put(Field.LEVEL, level);
        p.put(Field.PID, pid);
        int msg = Math.min(at, s.length());
        int loggerEnd = Syslog.indexOf(s, ' ', msg);
        if (loggerEnd > msg && looksLogger(s, msg, loggerEnd)) {
            p.put(Field.PROGRAM, s.substring(msg, s.charAt(loggerEnd - 1) == ':' ? loggerEnd - 1 : loggerEnd));
            msg = Math.min(loggerEnd + 1, s.length());
            if (s.startsWith("- ", msg)) {
                msg += 2;
            }
        }
        String message = s.substring(msg);
        p.put(Field.MESSAGE, message);
        if (request(p, message)) {
            // the server's access log, written through the application's logger: read as one, by the web rules
            p.format = Format.ACCESS_LOG;
        } else {
            p.put(Field.MENTIONED_IPS, TextLine.mentionedIps(message));
        }
        return true;
    }

    /** eventlet's "[ctx] ADDR[,ADDR] \"GET /p HTTP/1.1\" status: 200 len: 512 time: 0.1" after the logger. */
    private static boolean request(Parsed p, String m) {
        int at = 0;
        if (m.startsWith("[")) {
            int close = m.indexOf("] ");
            if (close < 0 || close > 512) {
                return false;
            }
            at = close + 2;
        }
        int quote = m.indexOf(" \"", at);
        if (quote <= at || quote - at > 400) {
            return false;
        }
        int end = Tokens.quoteEnd(m, quote + 1);
        if (end < 0 || !m.startsWith(" status: ", end + 1)) {
            return false;
        }
        String[] list = m.substring(at, quote).split(",");
        String[] ips = new String[list.length];
        for (int i = 0; i < list.length; i++) {
            ips[i] = Ips.canonicalEndpoint(list[i].strip());
            if (ips[i] == null) {
                return false;
            }
        }
        String status = m.substring(end + 10, Math.min(end + 13, m.length()));
        if (status.length() != 3 || Times.num(status, 0, 3) < 0) {
            return false;
        }
        String remote = ips[ips.length - 1];
        String actor = AccessLog.trusted(p, remote) ? AccessLog.rightmostUntrusted(p, ips, 0, ips.length, remote, false)
                : remote;
        p.actorIp = actor;
        if (!actor.equals(remote)) {
            p.put(Field.PEER, remote);
        }
        Request.fill(p, m.substring(quote + 2, end));
        p.put(Field.STATUS, status);
        int len = m.indexOf(" len: ", end);
        if (len > 0) {
            p.put(Field.BYTES, m.substring(len + 6, Syslog.indexOf(m, ' ', len + 6)));
        }
        return true;
    }

    /** A logger's name: a dotted or slashed identifier, or one ending in a colon; no brackets, quotes or '='. */
    private static boolean looksLogger(String s, int from, int to) {
        boolean dotted = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.' || c == '/') {
                dotted = true;
            } else if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '$' || c == ':' && i == to - 1)) {
                return false;
            }
        }
        return dotted || s.charAt(to - 1) == ':';
    }

    private static String strip(String word) {
        if (word.length() > 2 && word.charAt(0) == '[' && word.charAt(word.length() - 1) == ']') {
            return word.substring(1, word.length() - 1);
        }
        return word.endsWith(":") ? word.substring(0, word.length() - 1) : word;
    }

    private static boolean isDigits(String w) {
        if (w.isEmpty() || w.length() > 10) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            if (w.charAt(i) < '0' || w.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
