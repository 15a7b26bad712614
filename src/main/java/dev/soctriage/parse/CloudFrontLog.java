package dev.soctriage.parse;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.net.Ips;

/**
 * Amazon CloudFront's access logs, tab-separated:
 * <ul>
 * <li>standard logs (legacy, and v2 in its W3C form): {@code date time x-edge-location sc-bytes c-ip cs-method
 * cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query ...}, in the order of the file's
 * {@code #Fields:} line when a source has one, else in AWS's order ({@link #STANDARD});</li>
 * <li>real-time logs: the fields the real-time log configuration lists, in its order; without one, every
 * field in AWS's order ({@link #REALTIME}), recognised by its first field (epoch seconds with
 * milliseconds) and second (an address).</li>
 * </ul>
 * Standard logs v2 delivered as JSON carry the same names as keys.
 * The actor is {@code c-ip}, the viewer that connected to the edge: {@code x-forwarded-for} is what that
 * viewer claimed. The Host is {@code x-host-header} (what the viewer sent), else {@code cs(Host)}.
 * CloudFront writes the user agent and referer URL-encoded; they are decoded once here, as CloudFront's own
 * encoding, not the client's.
 */
final class CloudFrontLog {
    static final String[] STANDARD = {"date", "time", "x-edge-location", "sc-bytes", "c-ip", "cs-method", "cs(Host)",
            "cs-uri-stem", "sc-status", "cs(Referer)", "cs(User-Agent)", "cs-uri-query", "cs(Cookie)",
            "x-edge-result-type", "x-edge-request-id", "x-host-header", "cs-protocol", "cs-bytes", "time-taken",
            "x-forwarded-for", "ssl-protocol", "ssl-cipher", "x-edge-response-result-type", "cs-protocol-version",
            "fle-status", "fle-encrypted-fields", "c-port", "time-to-first-byte", "x-edge-detailed-result-type",
            "sc-content-type", "sc-content-len", "sc-range-start", "sc-range-end"};
    static final String[] REALTIME = {"timestamp", "c-ip", "time-to-first-byte", "sc-status", "sc-bytes", "cs-method",
            "cs-protocol", "cs-host", "cs-uri-stem", "cs-bytes", "x-edge-location", "x-edge-request-id", "x-host-header",
            "time-taken", "cs-protocol-version", "c-ip-version", "cs-user-agent", "cs-referer", "cs-cookie",
            "cs-uri-query", "x-edge-response-result-type", "x-forwarded-for", "ssl-protocol", "ssl-cipher",
            "x-edge-result-type", "fle-encrypted-fields", "fle-status", "sc-content-type", "sc-content-len",
            "sc-range-start", "sc-range-end", "c-port", "x-edge-detailed-result-type", "c-country",
            "cs-accept-encoding", "cs-accept", "cache-behavior-path-pattern", "cs-headers", "cs-header-names",
            "cs-headers-count"};

    private CloudFrontLog() {
    }

    /** The field names of a {@code #Fields:} line, else null. */
    static String[] header(String line) {
        if (!line.startsWith("#Fields:")) {
            return null;
        }
        String[] names = line.substring(8).strip().split(" +");
        return names.length >= 5 && java.util.Arrays.asList(names).contains("c-ip") ? names : null;
    }

    /** Whether the line is a W3C comment line ({@code #Version: 1.0}, {@code #Fields: ...}). */
    static boolean comment(String line) {
        return line.startsWith("#Version:") || line.startsWith("#Fields:");
    }

    static boolean parse(Parsed p, String[] header, String[] realtime) {
        String s = p.line;
        if (s.indexOf('\t') < 0) {
            return false;
        }
        String[] v = s.split("\t", -1);
        String[] names;
        if (header != null) {
            names = header;
        } else if (v.length >= 12 && isDate(v[0]) && isTime(v[1])) {
            names = STANDARD;
        } else if (v.length >= 2 && epochMillis(v[0]) && Ips.canonical(v[1]) != null) {
            names = realtime != null ? realtime : REALTIME;
        } else {
            return false;
        }
        if (v.length < Math.min(names.length, 5)) {
            return false;
        }
        Map<String, String> f = new HashMap<>(names.length * 2);
        for (int i = 0; i < names.length && i < v.length; i++) {
            f.put(names[i], v[i]);
        }
        return fill(p, f);
    }

    /** A record as field name → value (a tab-separated line, or standard logs v2 delivered as JSON). */
    static boolean fill(Parsed p, Map<String, String> f) {
        String client = Ips.canonical(f.get("c-ip"));
        Instant time = time(f);
        if (client == null || time == null) {
            return false;
        }
        p.format = Format.CLOUDFRONT;
        p.time = time;
        p.actorIp = client;
        p.put(Field.METHOD, f.get("cs-method"));
        String stem = f.get("cs-uri-stem");
        String query = f.get("cs-uri-query");
        p.put(Field.PATH, stem == null ? null : query == null || query.equals("-") ? stem : stem + "?" + query);
        p.put(Field.STATUS, f.get("sc-status"));
        p.put(Field.BYTES, f.get("sc-bytes"));
        p.put(Field.USER_AGENT, decoded(first(f, "cs(User-Agent)", "cs-user-agent")));
        p.put(Field.REFERER, decoded(first(f, "cs(Referer)", "cs-referer")));
        p.put(Field.HOST, first(f, "x-host-header", "cs(Host)", "cs-host"));
        p.put(Field.SRC_PORT, f.get("c-port"));
        p.put(Field.OUTCOME, f.get("x-edge-result-type"));
        return true;
    }

    private static Instant time(Map<String, String> f) {
        String date = f.get("date");
        String t = f.get("time");
        if (date != null && t != null) {
            String iso = date + "T" + t + "Z";
            return Times.iso(iso, 0, iso.length());
        }
        String ts = f.get("timestamp");
        if (ts != null && epochMillis(ts)) {
            int dot = ts.indexOf('.');
            long ms = Long.parseLong(ts.substring(0, dot)) * 1000 + Long.parseLong((ts.substring(dot + 1) + "00").substring(0, 3));
            return Instant.ofEpochMilli(ms);
        }
        return null;
    }

    /** "2026-11-24" */
    private static boolean isDate(String s) {
        return s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-' && Times.num(s, 0, 4) >= 0
                && Times.num(s, 5, 2) >= 0 && Times.num(s, 8, 2) >= 0;
    }

    /** "21:02:31" */
    private static boolean isTime(String s) {
        return s.length() == 8 && s.charAt(2) == ':' && s.charAt(5) == ':' && Times.num(s, 0, 2) >= 0
                && Times.num(s, 3, 2) >= 0 && Times.num(s, 6, 2) >= 0;
    }

    /** "1700000000.123": ten digits, a dot, one to three digits. */
    private static boolean epochMillis(String s) {
        int dot = s.indexOf('.');
        return dot == 10 && s.length() > 11 && s.length() <= 14 && Times.num(s, 0, 10) >= 0
                && Times.num(s, 11, s.length() - 11) >= 0;
    }

    private static String first(Map<String, String> f, String... keys) {
        for (String k : keys) {
            String v = f.get(k);
            if (v != null && !v.isEmpty() && !v.equals("-")) {
                return v;
            }
        }
        return null;
    }

    /** %XX decoded once (CloudFront's encoding of the field); malformed escapes kept as they are. */
    static String decoded(String s) {
        if (s == null || s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (c == '%' && hi >= 0 && lo >= 0) {
                b.append((char) (hi * 16 + lo));
                i += 2;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
