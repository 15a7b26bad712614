package dev.soctriage.detect;

import java.util.regex.Pattern;

/**
 * A text a regular expression may read only so many characters of. Rules' expressions meet attacker
 * text, and java.util.regex backtracks: an expression such as {@code (a+)+b} over a long run of
 * {@code a} would take minutes. Each search may read {@value #BUDGET} characters (many times a 64 KiB
 * line); past that it stops and counts as no match, and the rule's id is logged by the caller's
 * counter. No thread, no timer: the budget is counted in the matcher's own reads.
 */
final class BoundedChars implements CharSequence {
    static final long BUDGET = 4_000_000;

    /** Thrown when a search ran out of its budget. */
    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("regular expression read more than " + BUDGET + " characters", null, false, false);
        }
    }

    private final String text;
    private final long[] reads;

    private BoundedChars(String text, long[] reads) {
        this.text = text;
        this.reads = reads;
    }

    /** Whether the pattern is found in the text, false when the search ran out of budget. */
    static boolean find(Pattern pattern, String text) {
        try {
            return pattern.matcher(new BoundedChars(text, new long[1])).find();
        } catch (Exhausted tooCostly) {
            RuleStats.regexBudgetExhausted();
            return false;
        }
    }

    @Override
    public char charAt(int index) {
        if (++reads[0] > BUDGET) {
            throw new Exhausted();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedChars(text.substring(start, end), reads);
    }

    @Override
    public String toString() {
        return text;
    }
}
