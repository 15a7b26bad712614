package dev.soctriage.detect;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What every match of a rule must show, so that most events never run most rules: a set of
 * {@link Atom atoms} one of which every matching event has (an indexed field's exact value, or a
 * literal its text contains), or null when no such set can be named (the rule then runs on every
 * event of its source). Derived from the detection: an AND needs only one of its parts (the
 * cheapest), an OR needs one atom of each part, a NOT needs nothing.
 *
 * <p>A literal atom is taken only from values the event's scanned text really contains
 * ({@link #verbatim}): fields read as written from the line, and keywords. A value the parser
 * derived (a canonical address, a normalised event name) gives no literal.
 */
final class Gates {
    /** An indexed field's exact value ({@code field} set), or a literal of the text ({@code field} null). */
    record Atom(String field, String value) {
        double cost() {
            return field != null ? 1 : 32.0 / Math.min(value.length(), 16);
        }
    }

    private Gates() {
    }

    /** the field whose exact values a source indexes, or null */
    static String indexField(Source s) {
        return switch (s) {
            case CLOUDTRAIL -> "eventName";
            case LINUX -> "program";
            default -> null;
        };
    }

    /** Whether values of this field are read as written from the line (or the texts scanned beside it). */
    static boolean verbatim(Source s, String field) {
        if (field.startsWith("soctriage.")) {
            return false;
        }
        return switch (s) {
            case CLOUDTRAIL, AWS_WAF -> true;
            case WEB -> !field.equals("c-ip") && !field.equals("src_ip");
            case LINUX -> field.equals("program") || field.equals("host") || field.equals("message") || field.equals("pid");
            case VPC_FLOW -> !field.equals("protocol") && !field.equals("srcaddr") && !field.equals("dstaddr");
            default -> false;
        };
    }

    static Set<Atom> of(Expr e, Source s) {
        if (e instanceof Expr.And and) {
            return cheapest(and.parts(), s);
        }
        if (e instanceof Expr.Or or) {
            return union(or.parts(), s);
        }
        if (e instanceof Expr.AtLeast at) {
            return at.n() == at.parts().size() ? cheapest(at.parts(), s) : union(at.parts(), s);
        }
        if (e instanceof Expr.Field f) {
            return field(f, s);
        }
        if (e instanceof Expr.Keywords k) {
            return literals(k.tests(), k.all());
        }
        return null;
    }

    private static Set<Atom> field(Expr.Field f, Source s) {
        if (f.negated()) {
            return null;
        }
        String index = indexField(s);
        if (f.field().equals(index)) {
            Set<Atom> exact = new HashSet<>();
            for (ValueTest t : f.tests()) {
                String v = t instanceof ValueTest.Text text ? text.pattern().exact() : null;
                if (v == null) {
                    exact = null;
                    break;
                }
                exact.add(new Atom(index, v));
            }
            if (exact != null && !exact.isEmpty() && !f.all()) {
                return exact;
            }
        }
        return verbatim(s, f.field()) ? literals(f.tests(), f.all()) : null;
    }

    /** One literal per value (any of them), or with {@code all} the best single value's. */
    private static Set<Atom> literals(List<ValueTest> tests, boolean all) {
        Set<Atom> out = new HashSet<>();
        Atom best = null;
        for (ValueTest t : tests) {
            String l = t.literal();
            if (!usable(l)) {
                if (!all) {
                    return null;
                }
                continue;
            }
            Atom a = new Atom(null, l);
            out.add(a);
            if (best == null || a.cost() < best.cost()) {
                best = a;
            }
        }
        if (all) {
            return best == null ? null : Set.of(best);
        }
        return out.isEmpty() ? null : out;
    }

    /**
     * ASCII without quotes, backslashes or control characters: what a JSON writer leaves as it is, so
     * a value holding it shows it in the raw record too.
     */
    static boolean usable(String literal) {
        if (literal.isEmpty()) {
            return false;
        }
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c >= 128 || c < 32 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static Set<Atom> cheapest(List<Expr> parts, Source s) {
        Set<Atom> best = null;
        double bestCost = Double.MAX_VALUE;
        for (Expr p : parts) {
            Set<Atom> a = of(p, s);
            if (a != null) {
                double cost = a.stream().mapToDouble(Atom::cost).sum();
                if (cost < bestCost) {
                    best = a;
                    bestCost = cost;
                }
            }
        }
        return best;
    }

    private static Set<Atom> union(List<Expr> parts, Source s) {
        Set<Atom> out = new HashSet<>();
        for (Expr p : parts) {
            Set<Atom> a = of(p, s);
            if (a == null) {
                return null;
            }
            out.addAll(a);
        }
        return out;
    }
}
