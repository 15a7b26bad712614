package dev.soctriage.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Sigma condition into an {@link Expr} over the rule's search identifiers: {@code and}, {@code or},
 * {@code not}, parentheses, {@code 1 of x*} / {@code all of x*} / {@code N of x*}, {@code them}
 * (every identifier not starting with {@code _}). Precedence, least binding first: or, and, not,
 * x of, parentheses. An identifier the detection does not define, or a pattern that names none,
 * refuses the rule.
 */
final class ConditionParser {
    /** deeper nesting than this refuses the rule (a condition is a few words, not a program) */
    static final int MAX_DEPTH = 64;

    private final List<String> tokens;
    private final Map<String, Expr> searches;
    private int pos;
    private int depth;

    private ConditionParser(String condition, Map<String, Expr> searches) throws RuleRefused {
        this.tokens = tokenize(condition);
        this.searches = searches;
    }

    static Expr parse(String condition, Map<String, Expr> searches) throws RuleRefused {
        ConditionParser p = new ConditionParser(condition, searches);
        if (p.tokens.isEmpty()) {
            throw new RuleRefused("empty condition");
        }
        Expr e = p.or();
        if (p.pos != p.tokens.size()) {
            throw new RuleRefused("condition: unexpected '" + p.tokens.get(p.pos) + "'");
        }
        return e;
    }

    private static List<String> tokenize(String s) throws RuleRefused {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '|') {
                throw new RuleRefused("condition uses the obsolete aggregation syntax ('|'); write a correlation rule");
            } else {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && s.charAt(j) != '(' && s.charAt(j) != ')') {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            }
        }
        return out;
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean accept(String word) {
        String t = peek();
        if (t != null && t.toLowerCase(Locale.ROOT).equals(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private Expr or() throws RuleRefused {
        List<Expr> parts = new ArrayList<>(List.of(and()));
        while (accept("or")) {
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.Or(List.copyOf(parts));
    }

    private Expr and() throws RuleRefused {
        List<Expr> parts = new ArrayList<>(List.of(not()));
        while (accept("and")) {
            parts.add(not());
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.And(List.copyOf(parts));
    }

    private Expr not() throws RuleRefused {
        if (accept("not")) {
            if (++depth > MAX_DEPTH) {
                throw new RuleRefused("condition nested deeper than " + MAX_DEPTH);
            }
            Expr e = new Expr.Not(not());
            depth--;
            return e;
        }
        return atom();
    }

    private Expr atom() throws RuleRefused {
        String t = peek();
        if (t == null) {
            throw new RuleRefused("condition ends too early");
        }
        if (t.equals("(")) {
            pos++;
            if (++depth > MAX_DEPTH) {
                throw new RuleRefused("condition nested deeper than " + MAX_DEPTH);
            }
            Expr e = or();
            depth--;
            if (!accept(")")) {
                throw new RuleRefused("condition: missing ')'");
            }
            return e;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (pos + 1 < tokens.size() && tokens.get(pos + 1).equalsIgnoreCase("of")) {
            pos += 2;
            String target = peek();
            if (target == null) {
                throw new RuleRefused("condition: '" + t + " of' names nothing");
            }
            pos++;
            List<Expr> parts = matching(target);
            if (lower.equals("all")) {
                return parts.size() == 1 ? parts.get(0) : new Expr.And(parts);
            }
            int n;
            try {
                n = lower.equals("any") ? 1 : Integer.parseInt(lower);
            } catch (NumberFormatException e) {
                throw new RuleRefused("condition: '" + t + " of' is neither '1 of', 'N of' nor 'all of'");
            }
            if (n < 1) {
                throw new RuleRefused("condition: '" + t + " of' needs N ≥ 1");
            }
            return new Expr.AtLeast(n, parts);
        }
        if (lower.equals("and") || lower.equals("or") || t.equals(")")) {
            throw new RuleRefused("condition: unexpected '" + t + "'");
        }
        pos++;
        Expr e = searches.get(t);
        if (e == null) {
            throw new RuleRefused("condition names '" + t + "', which the detection does not define");
        }
        return e;
    }

    /** The searches {@code them} or a pattern with {@code *} names, in the order of the detection. */
    private List<Expr> matching(String target) throws RuleRefused {
        List<Expr> out = new ArrayList<>();
        boolean them = target.equalsIgnoreCase("them");
        SigmaPattern glob = them ? null : SigmaPattern.of(target, false, false, true);
        for (Map.Entry<String, Expr> e : searches.entrySet()) {
            String name = e.getKey();
            if (them ? !name.startsWith("_") : glob.matches(name, name)) {
                out.add(e.getValue());
            }
        }
        if (out.isEmpty()) {
            throw new RuleRefused("condition: '" + target + "' names no search identifier");
        }
        return List.copyOf(out);
    }
}
