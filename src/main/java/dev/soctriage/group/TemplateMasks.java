package dev.soctriage.group;

import java.util.List;
import java.util.function.UnaryOperator;

import dev.soctriage.net.Ips;

/**
 * The masking rules applied to each token before template mining, in order (in the manner of
 * Drain3's {@code masking.py}, but per token and without regular expressions). The first rule that
 * changes a token wins.
 */
final class TemplateMasks {
    /** A named rule: the masked token, or null when the rule does not apply. */
    record Rule(String name, UnaryOperator<String> apply) {
    }

    static final List<Rule> RULES = List.of(
            new Rule("ip", TemplateMasks::ip),
            new Rule("uuid", t -> isUuid(t) ? "<UUID>" : null),
            new Rule("hex", t -> isHex(t) ? "<HEX>" : null),
            new Rule("number", t -> isNumber(t) ? "<NUM>" : null),
            new Rule("key=value", TemplateMasks::keyValue),
            new Rule("digits-inside", TemplateMasks::digitsInside));

    private TemplateMasks() {
    }

    static String mask(String token) {
        for (Rule r : RULES) {
            String m = r.apply().apply(token);
            if (m != null) {
                return m;
            }
        }
        return token;
    }

    private static String ip(String t) {
        int start = 0;
        int end = t.length();
        while (start < end && "([<\"'/=".indexOf(t.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && ")]>\"',;.".indexOf(t.charAt(end - 1)) >= 0) {
            end--;
        }
        if (end - start < 2 || !hasDigit(t, start, end) || (t.indexOf('.', start) < 0 && t.indexOf(':', start) < 0)) {
            return null;
        }
        return Ips.canonicalEndpoint(t.substring(start, end)) != null ? t.substring(0, start) + "<IP>" + t.substring(end)
                : null;
    }

    private static boolean isUuid(String t) {
        if (t.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = t.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !hex(c)) {
                return false;
            }
        }
        return true;
    }

    /** "0x…", or 8+ hex digits mixing digits and letters (ids, hashes). */
    private static boolean isHex(String t) {
        if (t.length() > 2 && t.charAt(0) == '0' && (t.charAt(1) == 'x' || t.charAt(1) == 'X')) {
            for (int i = 2; i < t.length(); i++) {
                if (!hex(t.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
        if (t.length() < 8) {
            return false;
        }
        boolean digit = false;
        boolean letter = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!hex(c)) {
                return false;
            }
            digit |= c <= '9';
            letter |= c > '9';
        }
        return digit && letter;
    }

    private static boolean isNumber(String t) {
        int i = t.startsWith("-") || t.startsWith("+") ? 1 : 0;
        boolean digit = false;
        for (; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != ',' && c != ':') {
                return false;
            }
        }
        return digit;
    }

    /** "user=alice" → "user=<*>": the value of a key is the variable part. */
    private static String keyValue(String t) {
        int eq = t.indexOf('=');
        if (eq <= 0 || eq == t.length() - 1) {
            return null;
        }
        for (int i = 0; i < eq; i++) {
            char c = t.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.')) {
                return null;
            }
        }
        return t.substring(0, eq + 1) + "<*>";
    }

    /** "sshd[4120]:" → "sshd[<NUM>]:". */
    private static String digitsInside(String t) {
        if (!hasDigit(t, 0, t.length())) {
            return null;
        }
        StringBuilder b = new StringBuilder(t.length() + 8);
        for (int i = 0; i < t.length();) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                    i++;
                }
                b.append("<NUM>");
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    private static boolean hasDigit(String t, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
