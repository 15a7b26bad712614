package dev.soctriage.triage;

/**
 * Undoes the encodings attackers hide payloads behind, for matching only (never for display):
 * percent-encoding (twice, for double encoding), nginx's {@code \xHH} escapes, JSON's {@code \"} and
 * {@code \/}, and {@code +} as a space.
 */
final class Decoding {
    private Decoding() {
    }

    /**
     * {@link #forMatching} lower-cased, in one pass when there is nothing to unescape (most lines):
     * the classifier runs this on every line.
     */
    static String forMatchingLower(String s) {
        if (s.indexOf('%') >= 0 || s.indexOf("\\x") >= 0) {
            return forMatching(s).toLowerCase(java.util.Locale.ROOT);
        }
        char[] out = new char[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '/')) {
                c = s.charAt(++i);
            } else if (c == '+' || c == '_') {
                c = ' ';
            } else if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            } else if (c > 127) {
                c = Character.toLowerCase(c);
            }
            out[n++] = c;
        }
        return new String(out, 0, n);
    }

    static String forMatching(String s) {
        String once = unescape(s);
        String twice = unescape(once);
        return twice.replace("\\\"", "\"").replace("\\/", "/").replace('+', ' ').replace('_', ' ');
    }

    private static String unescape(String s) {
        if (s.indexOf('%') < 0 && s.indexOf("\\x") < 0) {
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
