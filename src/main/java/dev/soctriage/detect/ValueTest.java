package dev.soctriage.detect;

import java.util.Locale;
import java.util.regex.Pattern;

import dev.soctriage.net.Cidr;
import dev.soctriage.net.Ips;

/** One compiled value of a selection: whether a field's value matches it. */
interface ValueTest {
    /**
     * @param value   one of the field's values (never null)
     * @param lowered the same, lower-cased
     * @param event   the event, for tests that read another field ({@code fieldref})
     */
    boolean test(String value, String lowered, EventView event);

    /** A lower-cased literal every matching value contains, or "" when there is none (a prefilter's literal). */
    default String literal() {
        return "";
    }

    /** A string value with wildcards ({@link SigmaPattern}). */
    record Text(SigmaPattern pattern) implements ValueTest {
        @Override
        public boolean test(String value, String lowered, EventView event) {
            return pattern.matches(value, lowered);
        }

        @Override
        public String literal() {
            return pattern.longestLiteral;
        }
    }

    /**
     * {@code re}: found anywhere in the value (anchors say otherwise), case-sensitive unless {@code |i}.
     * Attacker text meets the expression, so each test is bounded ({@link BoundedChars}).
     */
    record Regex(Pattern pattern) implements ValueTest {
        @Override
        public boolean test(String value, String lowered, EventView event) {
            return BoundedChars.find(pattern, value);
        }
    }

    /** {@code cidr}: the value is an address inside the block. */
    record InCidr(Cidr cidr) implements ValueTest {
        @Override
        public boolean test(String value, String lowered, EventView event) {
            byte[] address = Ips.bytes(value.strip());
            return address != null && cidr.contains(address);
        }
    }

    /** {@code lt}, {@code lte}, {@code gt}, {@code gte}: the value read as a number. */
    record Compare(String op, double bound) implements ValueTest {
        @Override
        public boolean test(String value, String lowered, EventView event) {
            double v;
            try {
                v = Double.parseDouble(value.strip());
            } catch (NumberFormatException notANumber) {
                return false;
            }
            return switch (op) {
                case "lt" -> v < bound;
                case "lte" -> v <= bound;
                case "gt" -> v > bound;
                default -> v >= bound;
            };
        }
    }

    /**
     * {@code fieldref}: the value equals (or starts, ends with, contains) one of another field's values,
     * case-insensitive unless {@code cased}.
     */
    record FieldRef(String field, boolean prefix, boolean suffix, boolean cased) implements ValueTest {
        @Override
        public boolean test(String value, String lowered, EventView event) {
            java.util.List<String> others = event.values(field);
            if (others == null) {
                return false;
            }
            String v = cased ? value : lowered;
            for (String other : others) {
                if (other == null) {
                    continue;
                }
                String o = cased ? other : other.toLowerCase(Locale.ROOT);
                boolean hit = prefix && suffix ? v.contains(o) : prefix ? v.endsWith(o) : suffix ? v.startsWith(o) : v.equals(o);
                if (hit) {
                    return true;
                }
            }
            return false;
        }
    }
}
