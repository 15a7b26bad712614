package dev.soctriage.detect;

import java.util.Locale;

/**
 * A literal every match of a regular expression contains, lower-cased, or "" when none can be named:
 * the longest run of plain characters at the expression's top level (outside groups and classes,
 * none made optional by a quantifier). An alternation at the top level names none. Used only as a
 * prefilter's literal: the expression itself still decides.
 */
final class RegexLiterals {
    private RegexLiterals() {
    }

    static String required(String regex) {
        if (regex.matches("(?s).*\\(\\?[a-wyzA-Z-]*x.*")) {
            return ""; // (?x): blanks are not characters of the match
        }
        String best = "";
        StringBuilder run = new StringBuilder();
        int depth = 0;
        int i = 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            char plain = 0;
            int next = i + 1;
            if (c == '\\') {
                if (i + 1 >= n) {
                    return "";
                }
                char e = regex.charAt(i + 1);
                next = i + 2;
                if (e == 'Q') {
                    // a quoted run: stop here, what came before still stands
                    return longest(best, run).toLowerCase(Locale.ROOT);
                }
                plain = Character.isLetterOrDigit(e) ? 0 : e;
            } else if (c == '[') {
                next = classEnd(regex, i);
                if (next < 0) {
                    return "";
                }
            } else if (c == '{') {
                // a quantifier's bounds ({2}, {0,40}) are no characters of the match
                int close = regex.indexOf('}', i);
                next = close < 0 ? n : close + 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return "";
            } else if (".^$|*+?{}".indexOf(c) < 0) {
                plain = c;
            }
            if (plain == 0 || depth > 0) {
                best = longest(best, run);
                run.setLength(0);
                i = next;
                continue;
            }
            char q = next < n ? regex.charAt(next) : 0;
            if (q == '*' || q == '?' || q == '{') {
                // the character may be absent: the run ends before it
                best = longest(best, run);
                run.setLength(0);
            } else if (q == '+') {
                run.append(plain);
                best = longest(best, run);
                run.setLength(0);
                next++;
            } else {
                run.append(plain);
            }
            i = next;
        }
        return longest(best, run).toLowerCase(Locale.ROOT);
    }

    private static String longest(String best, CharSequence run) {
        return run.length() > best.length() ? run.toString() : best;
    }

    private static int classEnd(String regex, int i) {
        int j = i + 1;
        if (j < regex.length() && regex.charAt(j) == '^') {
            j++;
        }
        if (j < regex.length() && regex.charAt(j) == ']') {
            j++;
        }
        while (j < regex.length()) {
            char c = regex.charAt(j);
            if (c == '\\') {
                j += 2;
            } else if (c == ']') {
                return j + 1;
            } else {
                j++;
            }
        }
        return -1;
    }
}
