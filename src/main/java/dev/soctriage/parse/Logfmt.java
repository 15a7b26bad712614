package dev.soctriage.parse;

import java.util.HashMap;
import java.util.Map;

import dev.soctriage.model.Format;

/**
 * logfmt ({@code time=... level=info msg="user logged in" user=alice ip=203.0.113.7}): at least two
 * key=value pairs and almost no bare words. Values may be double-quoted with backslash escapes.
 */
final class Logfmt {
    private Logfmt() {
    }

    static boolean parse(Parsed p) {
        String s = p.line;
        int n = s.length();
        Map<String, String> kv = new HashMap<>();
        int bare = 0;
        int i = 0;
        while (i < n && kv.size() < 64) {
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            int keyStart = i;
            while (i < n && isKeyChar(s.charAt(i))) {
                i++;
            }
            if (i == keyStart || i >= n || s.charAt(i) != '=') {
                if (kv.isEmpty()) {
                    return false;
                }
                bare++;
                while (i < n && s.charAt(i) != ' ') {
                    i++;
                }
                continue;
            }
            String key = s.substring(keyStart, i);
            i++;
            String value;
            if (i < n && s.charAt(i) == '"') {
                int end = Tokens.quoteEnd(s, i);
                if (end < 0) {
                    end = n;
                }
                value = unescape(s, i + 1, end);
                i = end + 1;
            } else {
                int start = i;
                while (i < n && s.charAt(i) != ' ') {
                    i++;
                }
                value = s.substring(start, i);
            }
            kv.putIfAbsent(key, value);
        }
        if (kv.size() < 2 || bare * 4 > kv.size()) {
            return false;
        }
        p.format = Format.LOGFMT;
        AppLogs.fill(p, kv);
        return true;
    }

    private static boolean isKeyChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
                || c == '@' || c == '/';
    }

    private static String unescape(String s, int from, int to) {
        to = Math.min(to, s.length());
        if (s.indexOf('\\', from) < 0 || s.indexOf('\\', from) >= to) {
            return s.substring(from, to);
        }
        StringBuilder b = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < to) {
                c = s.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }
}
