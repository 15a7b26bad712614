package dev.soctriage.parse;

import java.time.Instant;

/**
 * Hand-written parsers for the timestamps log formats write (ISO 8601, BSD syslog, Apache CLF). They
 * run on every line, so no DateTimeFormatter; each returns null instead of throwing.
 */
final class Times {
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private Times() {
    }

    /** "2026-11-24T10:00:01[.fraction][Z|±hh:mm|±hhmm]" (a space for T is allowed); without zone: UTC. */
    static Instant iso(String s, int from, int to) {
        if (to - from < 19 || s.charAt(from + 4) != '-' || s.charAt(from + 7) != '-'
                || (s.charAt(from + 10) != 'T' && s.charAt(from + 10) != ' ') || s.charAt(from + 13) != ':'
                || s.charAt(from + 16) != ':') {
            return null;
        }
        int y = num(s, from, 4);
        int mo = num(s, from + 5, 2);
        int d = num(s, from + 8, 2);
        int h = num(s, from + 11, 2);
        int mi = num(s, from + 14, 2);
        int se = num(s, from + 17, 2);
        if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || se < 0) {
            return null;
        }
        int i = from + 19;
        long nanos = 0;
        if (i < to && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
            i++;
            int digits = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (digits < 9) {
                    nanos = nanos * 10 + (s.charAt(i) - '0');
                }
                digits++;
                i++;
            }
            if (digits == 0) {
                return null;
            }
            for (int k = Math.min(digits, 9); k < 9; k++) {
                nanos *= 10;
            }
        }
        int offset = 0;
        if (i < to) {
            char c = s.charAt(i);
            if (c == 'Z' || c == 'z') {
                i++;
            } else if (c == '+' || c == '-') {
                int oh = num(s, i + 1, 2);
                int om;
                int next = i + 3;
                if (next < to && s.charAt(next) == ':') {
                    om = num(s, next + 1, 2);
                    next += 3;
                } else {
                    om = num(s, next, 2);
                    next += 2;
                }
                if (oh < 0 || om < 0 || next > to || oh > 18 || om > 59) {
                    return null;
                }
                offset = (c == '+' ? 1 : -1) * (oh * 3600 + om * 60);
                i = next;
            }
        }
        if (i != to) {
            return null;
        }
        long epoch = epochSeconds(y, mo, d, h, mi, se);
        return epoch == Long.MIN_VALUE ? null : Instant.ofEpochSecond(epoch - offset, nanos);
    }

    /** "Nov 24 10:00:01" or "Nov  4 10:00:01" at from (15 chars), in the given year, UTC. */
    static Instant bsd(String s, int from, int year) {
        if (from + 15 > s.length() || s.charAt(from + 3) != ' ' || s.charAt(from + 9) != ':'
                || s.charAt(from + 12) != ':' || s.charAt(from + 6) != ' ') {
            return null;
        }
        int mo = month(s, from);
        int d = s.charAt(from + 4) == ' ' ? num(s, from + 5, 1) : num(s, from + 4, 2);
        int h = num(s, from + 7, 2);
        int mi = num(s, from + 10, 2);
        int se = num(s, from + 13, 2);
        if (mo < 0 || d < 0 || h < 0 || mi < 0 || se < 0) {
            return null;
        }
        long epoch = epochSeconds(year, mo, d, h, mi, se);
        return epoch == Long.MIN_VALUE ? null : Instant.ofEpochSecond(epoch);
    }

    static boolean looksBsd(String s, int from) {
        return from + 15 <= s.length() && month(s, from) > 0 && s.charAt(from + 3) == ' '
                && s.charAt(from + 6) == ' ' && s.charAt(from + 9) == ':' && s.charAt(from + 12) == ':';
    }

    static boolean looksIso(String s, int from) {
        return from + 19 <= s.length() && s.charAt(from + 4) == '-' && s.charAt(from + 7) == '-'
                && num(s, from, 4) >= 0 && num(s, from + 5, 2) >= 0;
    }

    /** Apache/nginx "24/Nov/2026:10:00:01 +0000" between from and to. */
    static Instant clf(String s, int from, int to) {
        if (to - from < 20 || s.charAt(from + 2) != '/' || s.charAt(from + 6) != '/' || s.charAt(from + 11) != ':') {
            return null;
        }
        int d = num(s, from, 2);
        int mo = month(s, from + 3);
        int y = num(s, from + 7, 4);
        int h = num(s, from + 12, 2);
        int mi = num(s, from + 15, 2);
        int se = num(s, from + 18, 2);
        if (d < 0 || mo < 0 || y < 0 || h < 0 || mi < 0 || se < 0) {
            return null;
        }
        int offset = 0;
        if (to - from >= 26 && s.charAt(from + 20) == ' ') {
            char sign = s.charAt(from + 21);
            int oh = num(s, from + 22, 2);
            int om = num(s, from + 24, 2);
            if ((sign == '+' || sign == '-') && oh >= 0 && om >= 0 && oh <= 18 && om <= 59) {
                offset = (sign == '+' ? 1 : -1) * (oh * 3600 + om * 60);
            }
        }
        long epoch = epochSeconds(y, mo, d, h, mi, se);
        return epoch == Long.MIN_VALUE ? null : Instant.ofEpochSecond(epoch - offset);
    }

    /** Month 1–12 from a three-letter English abbreviation at from, or -1. */
    static int month(String s, int from) {
        if (from + 3 > s.length()) {
            return -1;
        }
        for (int m = 0; m < 12; m++) {
            if (s.regionMatches(from, MONTHS, m * 3, 3)) {
                return m + 1;
            }
        }
        return -1;
    }

    /** Seconds since the epoch for a UTC civil time, or Long.MIN_VALUE when a field is out of range. */
    static long epochSeconds(int y, int mo, int d, int h, int mi, int se) {
        if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60 || y < 1970 || y > 9999) {
            return Long.MIN_VALUE;
        }
        // days from civil (H. Hinnant's algorithm)
        int yy = mo <= 2 ? y - 1 : y;
        int era = yy / 400;
        int yoe = yy - era * 400;
        int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        long days = era * 146097L + doe - 719468;
        return days * 86400 + h * 3600L + mi * 60L + se;
    }

    /** A non-negative decimal of exactly len ASCII digits at from, or -1. */
    static int num(String s, int from, int len) {
        if (from < 0 || from + len > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
