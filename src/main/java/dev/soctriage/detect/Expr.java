package dev.soctriage.detect;

import java.util.List;

/**
 * A compiled detection: the condition over its search identifiers, and each identifier's selection,
 * as one tree of tests on an {@link EventView}.
 */
sealed interface Expr {
    boolean test(EventView e);

    record And(List<Expr> parts) implements Expr {
        @Override
        public boolean test(EventView e) {
            for (Expr p : parts) {
                if (!p.test(e)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(List<Expr> parts) implements Expr {
        @Override
        public boolean test(EventView e) {
            for (Expr p : parts) {
                if (p.test(e)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Expr part) implements Expr {
        @Override
        public boolean test(EventView e) {
            return !part.test(e);
        }
    }

    /** At least {@code n} of the parts ({@code 1 of x}, {@code 2 of x}...). */
    record AtLeast(int n, List<Expr> parts) implements Expr {
        @Override
        public boolean test(EventView e) {
            int hits = 0;
            for (Expr p : parts) {
                if (p.test(e) && ++hits >= n) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A field's values against a selection's values: any value matching any test, or with
     * {@code all} every test matched by some value; {@code neq} negates the result.
     */
    record Field(String field, List<ValueTest> tests, boolean all, boolean negated) implements Expr {
        @Override
        public boolean test(EventView e) {
            List<String> values = e.values(field);
            boolean hit = values != null && matches(values, e.lowered(field), tests, all, e);
            return negated != hit;
        }
    }

    /** Keywords: the event's keyword texts against the values, any (or with {@code all} every one). */
    record Keywords(List<ValueTest> tests, boolean all) implements Expr {
        @Override
        public boolean test(EventView e) {
            return matches(e.keywords(), e.keywordsLowered(), tests, all, e);
        }
    }

    /** {@code field: null}: the field is absent or null. */
    record IsNull(String field) implements Expr {
        @Override
        public boolean test(EventView e) {
            List<String> values = e.values(field);
            if (values == null) {
                return true;
            }
            for (String v : values) {
                if (v != null) {
                    return false;
                }
            }
            return true;
        }
    }

    /** {@code field|exists: true|false}. */
    record Exists(String field, boolean wanted) implements Expr {
        @Override
        public boolean test(EventView e) {
            return (e.values(field) != null) == wanted;
        }
    }

    private static boolean matches(List<String> values, List<String> lowered, List<ValueTest> tests, boolean all,
            EventView e) {
        for (ValueTest t : tests) {
            boolean hit = false;
            for (int i = 0; i < values.size() && !hit; i++) {
                String v = values.get(i);
                hit = v != null && t.test(v, lowered.get(i), e);
            }
            if (hit && !all) {
                return true;
            }
            if (!hit && all) {
                return false;
            }
        }
        return all && !tests.isEmpty();
    }
}
