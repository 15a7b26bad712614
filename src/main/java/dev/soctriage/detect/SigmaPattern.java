package dev.soctriage.detect;

import java.util.Locale;

/**
 * A Sigma string value with its wildcards ({@code *} any run, {@code ?} one character) and escapes
 * ({@code \*}, {@code \?}, {@code \\}; a backslash before anything else is a plain backslash), compiled
 * to the cheapest test that answers the same: equality, prefix, suffix, substring, or a glob.
 * Case-insensitive unless {@code cased}: then the pattern is kept lower-cased and tested against the
 * value lower-cased ({@link Locale#ROOT}), which the caller supplies so that one event's values are
 * lowered once.
 */
final class SigmaPattern {
    private enum Shape { EQUALS, PREFIX, SUFFIX, CONTAINS, GLOB }

    /** the pattern's characters, wildcards marked in {@link #wild} */
    private final char[] chars;
    /** 0 for a literal character, '*' or '?' for a wildcard */
    private final char[] wild;
    private final Shape shape;
    /** for the literal shapes: the literal */
    private final String literal;
    final boolean cased;
    /** the longest wildcard-free run, lower-cased: every match contains it (a prefilter's literal) */
    final String longestLiteral;

    private SigmaPattern(StringBuilder text, StringBuilder marks, boolean cased) {
        this.cased = cased;
        String t = cased ? text.toString() : text.toString().toLowerCase(Locale.ROOT);
        if (t.length() != marks.length()) {
            // lower-casing changed the length (a few special letters): keep the text as written, a glob
            t = text.toString();
        }
        chars = t.toCharArray();
        wild = marks.toString().toCharArray();
        int first = -1;
        int last = -1;
        int wilds = 0;
        for (int i = 0; i < wild.length; i++) {
            if (wild[i] != 0) {
                wilds++;
                first = first < 0 ? i : first;
                last = i;
            }
        }
        boolean leading = wild.length > 0 && wild[0] == '*';
        boolean trailing = wild.length > 0 && wild[wild.length - 1] == '*';
        if (wilds == 0) {
            shape = Shape.EQUALS;
            literal = t;
        } else if (wilds == 1 && trailing) {
            shape = Shape.PREFIX;
            literal = t.substring(0, t.length() - 1);
        } else if (wilds == 1 && leading) {
            shape = Shape.SUFFIX;
            literal = t.substring(1);
        } else if (wilds == 2 && leading && trailing && chars.length >= 2) {
            shape = Shape.CONTAINS;
            literal = t.substring(1, t.length() - 1);
        } else {
            shape = Shape.GLOB;
            literal = null;
        }
        longestLiteral = longestRun(t.toLowerCase(Locale.ROOT), wild);
    }

    /** Parses a Sigma value; {@code prefixStar}/{@code suffixStar} add the wildcards of contains/startswith/endswith. */
    static SigmaPattern of(String value, boolean prefixStar, boolean suffixStar, boolean cased) {
        StringBuilder text = new StringBuilder(value.length() + 2);
        StringBuilder marks = new StringBuilder(value.length() + 2);
        if (prefixStar) {
            text.append('*');
            marks.append('*');
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char n = value.charAt(i + 1);
                if (n == '*' || n == '?' || n == '\\') {
                    text.append(n);
                    marks.append((char) 0);
                    i++;
                    continue;
                }
            }
            text.append(c);
            marks.append(c == '*' || c == '?' ? c : (char) 0);
        }
        if (suffixStar) {
            text.append('*');
            marks.append('*');
        }
        return new SigmaPattern(text, marks, cased);
    }

    /**
     * @param value   the field's value as it is
     * @param lowered the same lower-cased with {@link Locale#ROOT}
     */
    boolean matches(String value, String lowered) {
        String v = cased ? value : lowered;
        switch (shape) {
            case EQUALS:
                return v.equals(literal);
            case PREFIX:
                return v.startsWith(literal);
            case SUFFIX:
                return v.endsWith(literal);
            case CONTAINS:
                return v.contains(literal);
            default:
                return glob(v);
        }
    }

    /** Iterative wildcard matching: backtracks only to the last star, O(text × pattern) at worst. */
    private boolean glob(String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        int n = text.length();
        while (t < n) {
            if (p < chars.length && (wild[p] == '?' || wild[p] == 0 && chars[p] == text.charAt(t))) {
                p++;
                t++;
            } else if (p < chars.length && wild[p] == '*') {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < chars.length && wild[p] == '*') {
            p++;
        }
        return p == chars.length;
    }

    private static String longestRun(String t, char[] wild) {
        int bestStart = 0;
        int bestLength = 0;
        int start = 0;
        for (int i = 0; i <= wild.length; i++) {
            if (i == wild.length || wild[i] != 0) {
                if (i - start > bestLength) {
                    bestStart = start;
                    bestLength = i - start;
                }
                start = i + 1;
            }
        }
        return bestLength == 0 || t.length() != wild.length ? "" : t.substring(bestStart, bestStart + bestLength);
    }

    /** The value, lower-cased, when the pattern is a plain equality (no wildcard); else null. */
    String exact() {
        return shape == Shape.EQUALS ? literal.toLowerCase(Locale.ROOT) : null;
    }

    @Override
    public String toString() {
        return shape + ":" + (literal != null ? literal : new String(chars));
    }
}
