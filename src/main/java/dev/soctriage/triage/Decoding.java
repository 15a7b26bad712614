package dev.soctriage.triage;

/**
 * Undoes the encodings attackers hide payloads behind, for matching only (never for display):
 * percent-encoding (twice, for double encoding), nginx's {@code \xHH} escapes, JSON's {@code \"} and
 * {@code \/}, and {@code +} as a space.
 */
final class Decoding {
    private Decoding() {
    }

    /** Whether {@code s} holds percent or {@code \x} escapes, which only {@link #forMatching} undoes. */
    static boolean hasEscapes(String s) {
        return s.indexOf('%') >= 0 || s.indexOf("\\x") >= 0;
    }

    /**
     * {@link #forMatching} lower-cased, in one pass when there is nothing to unescape (most lines):
     * the classifier runs this on every line that a pattern must read.
     */
    static String forMatchingLower(String s) {
        if (hasEscapes(s)) {
            return forMatching(s).toLowerCase(java.util.Locale.ROOT);
        }
        char[] chars = s.toCharArray();
        return new String(chars, 0, foldInPlace(chars));
    }

    /**
     * For a line without escapes ({@link #hasEscapes}), as an array: folds it in place into what
     * {@link #forMatchingLower} returns, which is as long as the returned length. JSON's {@code \"}
     * and {@code \/} lose their backslash; every other character goes through {@link #fold}.
     */
    static int foldInPlace(char[] chars) {
        int n = 0;
        for (int i = 0, length = chars.length; i < length; i++) {
            char c = chars[i];
            if (c == '\\' && i + 1 < length && (chars[i + 1] == '"' || chars[i + 1] == '/')) {
                continue;
            }
            chars[n++] = c < FOLDED.length ? FOLDED[c] : fold(c);
        }
        return n;
    }

    /** {@link #fold} of every ASCII character: a lookup instead of three tests per character. */
    private static final char[] FOLDED = new char[128];

    static {
        for (char c = 0; c < FOLDED.length; c++) {
            FOLDED[c] = fold(c);
        }
    }

    /**
     * For a line without escapes: the character {@link #forMatchingLower} puts in place of {@code c}
     * (blanks for {@code +} and {@code _}, lower case).
     */
    static char fold(char c) {
        if (c == '+' || c == '_') {
            return ' ';
        }
        if (c >= 'A' && c <= 'Z') {
            return (char) (c + 32);
        }
        return c > 127 ? Character.toLowerCase(c) : c;
    }

    static String forMatching(String s) {
        String once = unescape(s);
        String twice = unescape(once);
        return twice.replace("\\\"", "\"").replace("\\/", "/").replace('+', ' ').replace('_', ' ');
    }

    private static String unescape(String s) {
        if (!hasEscapes(s)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0
                    && hex(s.charAt(i + 2)) >= 0) {
                out.append((char) (hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2))));
                i += 2;
            } else if (c == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x' && hex(s.charAt(i + 2)) >= 0
                    && hex(s.charAt(i + 3)) >= 0) {
                out.append((char) (hex(s.charAt(i + 2)) * 16 + hex(s.charAt(i + 3))));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
