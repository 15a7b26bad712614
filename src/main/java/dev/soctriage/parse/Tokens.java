package dev.soctriage.parse;

/**
 * Splits space-separated fields where a field may be double-quoted (a quoted field may contain spaces
 * and backslash-escaped quotes). Linear time, no regular expressions. Offsets are returned as
 * {start, end} pairs; a quoted field's offsets exclude its quotes.
 */
final class Tokens {
    private Tokens() {
    }

    /** Up to max fields of s from index from, as pairs of offsets in one array (length = 2 × fields). */
    static int[] split(String s, int from, int max) {
        int[] out = new int[Math.min(max, 64) * 2];
        int count = 0;
        int i = from;
        int n = s.length();
        while (count < max && count * 2 < out.length) {
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (s.charAt(i) == '"') {
                int end = quoteEnd(s, i);
                if (end < 0) {
                    end = n;
                }
                out[count * 2] = i + 1;
                out[count * 2 + 1] = end;
                count++;
                i = end + 1;
            } else {
                int end = i;
                while (end < n && s.charAt(end) != ' ') {
                    end++;
                }
                out[count * 2] = i;
                out[count * 2 + 1] = end;
                count++;
                i = end;
            }
        }
        if (count * 2 == out.length) {
            return out;
        }
        int[] trimmed = new int[count * 2];
        System.arraycopy(out, 0, trimmed, 0, trimmed.length);
        return trimmed;
    }

    /** Index of the quote closing the quoted field that opens at open (backslash escapes), or -1. */
    static int quoteEnd(String s, int open) {
        int n = s.length();
        for (int i = open + 1; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    static String text(String s, int[] t, int k) {
        int start = t[k * 2];
        int end = Math.min(t[k * 2 + 1], s.length());
        return start >= end ? "" : s.substring(start, end);
    }

    static boolean quoted(String s, int[] t, int k) {
        return t[k * 2] > 0 && s.charAt(t[k * 2] - 1) == '"';
    }

    static int count(int[] t) {
        return t.length / 2;
    }
}
