package dev.soctriage.detect;

/**
 * What a web server would read from a request target, for matching only (never for display):
 * percent-encoding undone until the text stops changing (double and triple encoding), {@code %uXXXX},
 * overlong UTF-8 forms ({@code %c0%ae} is a dot), nginx's {@code \xHH}, HTML character references
 * ({@code &lt;}, {@code &#60;}, {@code &#x3c;}), and in a query {@code +} as a blank. A rule is
 * written once, for the decoded text, and matches every spelling of it.
 */
final class WebDecoding {
    /** rounds of unescaping at most: four encodings deep is already far past what servers undo */
    static final int MAX_ROUNDS = 4;

    private WebDecoding() {
    }

    /** Whether {@link #decode} can change the text. */
    static boolean encoded(String s, boolean query) {
        return s.indexOf('%') >= 0 || s.indexOf('&') >= 0 || s.indexOf("\\x") >= 0 || query && s.indexOf('+') >= 0;
    }

    static String decode(String s, boolean query) {
        if (!encoded(s, query)) {
            return s;
        }
        String out = query ? s.replace('+', ' ') : s;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String next = entities(unescape(out));
            if (next.equals(out)) {
                break;
            }
            out = next;
        }
        return out;
    }

    /** %HH, %uXXXX and \xHH; byte sequences decoded as UTF-8, overlong forms included. */
    private static String unescape(String s) {
        if (s.indexOf('%') < 0 && s.indexOf("\\x") < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        byte[] pending = new byte[s.length()];
        int n = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int b = -1;
            if (c == '%' && i + 5 < s.length() + 0 && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U')
                    && hex4(s, i + 2) >= 0) {
                n = flush(pending, n, out);
                out.append((char) hex4(s, i + 2));
                i += 6;
                continue;
            }
            if (c == '%' && i + 2 < s.length() + 0 && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                b = hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2));
                i += 3;
            } else if (c == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x' && hex(s.charAt(i + 2)) >= 0
                    && hex(s.charAt(i + 3)) >= 0) {
                b = hex(s.charAt(i + 2)) * 16 + hex(s.charAt(i + 3));
                i += 4;
            }
            if (b >= 0) {
                pending[n++] = (byte) b;
                continue;
            }
            n = flush(pending, n, out);
            out.append(c);
            i++;
        }
        flush(pending, n, out);
        return out.toString();
    }

    /**
     * Decoded bytes as UTF-8, lenient like the servers attackers aim at: overlong forms give their
     * code point, a byte that starts no valid sequence stands for itself (Latin-1).
     */
    private static int flush(byte[] bytes, int n, StringBuilder out) {
        int i = 0;
        while (i < n) {
            int b0 = bytes[i] & 0xFF;
            int need = b0 >= 0xF0 && b0 < 0xF8 ? 3 : b0 >= 0xE0 ? 2 : b0 >= 0xC0 ? 1 : 0;
            if (need > 0 && i + need < n + 0 && continuations(bytes, i + 1, need, n)) {
                int cp = b0 & (0x3F >> need);
                for (int k = 1; k <= need; k++) {
                    cp = cp << 6 | bytes[i + k] & 0x3F;
                }
                out.appendCodePoint(Character.isValidCodePoint(cp) ? cp : 0xFFFD);
                i += need + 1;
            } else {
                out.append((char) b0);
                i++;
            }
        }
        return 0;
    }

    private static boolean continuations(byte[] bytes, int from, int count, int n) {
        if (from + count > n) {
            return false;
        }
        for (int k = from; k < from + count; k++) {
            if ((bytes[k] & 0xC0) != 0x80) {
                return false;
            }
        }
        return true;
    }

    /** &lt; &gt; &amp; &quot; &apos; &sol; &lpar; &rpar; &colon; and numeric references. */
    private static String entities(String s) {
        int amp = s.indexOf('&');
        if (amp < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        out.append(s, 0, amp);
        int i = amp;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '&') {
                int semi = s.indexOf(';', i);
                if (semi > i + 1 && semi - i <= 10) {
                    int cp = entity(s.substring(i + 1, semi));
                    if (cp >= 0) {
                        out.appendCodePoint(cp);
                        i = semi + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static int entity(String name) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "lt": return '<';
            case "gt": return '>';
            case "amp": return '&';
            case "quot": return '"';
            case "apos": return '\'';
            case "sol": return '/';
            case "lpar": return '(';
            case "rpar": return ')';
            case "colon": return ':';
            case "semi": return ';';
            case "tab": return '\t';
            case "newline": return '\n';
            default: break;
        }
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                int cp = Integer.parseInt(name.substring(2), 16);
                return Character.isValidCodePoint(cp) ? cp : -1;
            }
            if (name.startsWith("#")) {
                int cp = Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(cp) ? cp : -1;
            }
        } catch (NumberFormatException notANumber) {
            return -1;
        }
        return -1;
    }

    private static int hex4(String s, int at) {
        if (at + 4 > s.length()) {
            return -1;
        }
        int v = 0;
        for (int k = at; k < at + 4; k++) {
            int h = hex(s.charAt(k));
            if (h < 0) {
                return -1;
            }
            v = v * 16 + h;
        }
        return v;
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
