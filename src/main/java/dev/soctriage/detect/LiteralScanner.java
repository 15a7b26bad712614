package dev.soctriage.detect;

import java.util.List;

/**
 * Which literals a text contains, in one pass over it: the Aho–Corasick {@link LiteralAutomaton} of
 * lower-case ASCII literals, laid out as one flat table, folding the text's case as it reads (no
 * lower-cased copy is made). Each state knows the literals that end there (with those its failure links
 * reach) and the rules those literals gate, as bit sets, so one scan yields both the candidate rules
 * and the literals found. Built once at start; immutable and shared by all threads.
 */
final class LiteralScanner {
    private static final int ALPHABET = 128;
    /** the bit of a transition that says literals end in the state it leads to */
    private static final int HAS_OUTPUT = 0x80000000;
    /** ASCII character (case folded) → its class; 0 for every character no literal contains */
    private final byte[] classes = new byte[ALPHABET];
    private final int width;
    private final int shift;
    /** transitions: row start + class → the next state's row start, {@link #HAS_OUTPUT} set when literals end there */
    private final int[] next;
    /** state → the rules its literals gate (bit set), or null */
    private final long[][] rules;
    /** state → the literals that end there (bit set), or null */
    private final long[][] found;
    final int literals;
    final int literalWords;
    /** automaton states, and entries per state */
    final int states;

    /**
     * @param literals    the literals, by id (their position)
     * @param gates       per literal, the indices of the rules it gates (possibly none)
     * @param ruleCount   rules in the rule set (the width of the rule bit sets)
     */
    LiteralScanner(List<String> literals, List<List<Integer>> gates, int ruleCount) {
        this.literals = literals.size();
        this.literalWords = (literals.size() + 63) / 64;
        int ruleWords = Math.max(1, (ruleCount + 63) / 64);
        int k = 1;
        for (String l : literals) {
            for (char c : l.toCharArray()) {
                if (c >= ALPHABET || c < 32) {
                    throw new IllegalArgumentException("literals are printable ASCII: " + l);
                }
                if (classes[c] == 0) {
                    classes[c] = (byte) k++;
                }
            }
        }
        int w = 1;
        while (w < k) {
            w <<= 1;
        }
        width = w;
        shift = Integer.numberOfTrailingZeros(w);
        LiteralAutomaton automaton = LiteralAutomaton.of(literals, classes, w);
        states = automaton.states();
        if ((long) states * w >= Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("too many literals: " + states + " automaton states");
        }
        next = new int[states * w];
        rules = new long[states][];
        found = new long[states][];
        for (int s = 0; s < states; s++) {
            found[s] = automaton.ends(s);
            rules[s] = gatedBy(found[s], gates, ruleWords);
        }
        for (int s = 0; s < states; s++) {
            for (int c = 0; c < w; c++) {
                int t = automaton.next(s, c);
                next[s * w + c] = t * w | (found[t] != null ? HAS_OUTPUT : 0);
            }
        }
    }

    /** The rules the literals {@code ended} gate, as a bit set, or null for none. */
    private static long[] gatedBy(long[] ended, List<List<Integer>> gates, int ruleWords) {
        if (ended == null) {
            return null;
        }
        long[] mask = null;
        for (int word = 0; word < ended.length; word++) {
            for (long bits = ended[word]; bits != 0; bits &= bits - 1) {
                for (int r : gates.get(word * 64 + Long.numberOfTrailingZeros(bits))) {
                    mask = mask == null ? new long[ruleWords] : mask;
                    mask[r / 64] |= 1L << (r % 64);
                }
            }
        }
        return mask;
    }

    /** A bit set of literals, as {@link #scan} fills it. */
    long[] newFound() {
        return new long[literalWords];
    }

    /** Adds to {@code candidates} the rules, and to {@code literalsFound} the literals, that {@code text} contains. */
    void scan(String text, long[] candidates, long[] literalsFound) {
        int row = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            } else if (c >= ALPHABET) {
                char l = Character.toLowerCase(c);
                c = l < ALPHABET ? l : 0;
            }
            int t = next[row + classes[c]];
            if (t < 0) {
                t &= ~HAS_OUTPUT;
                int state = t >>> shift;
                long[] r = rules[state];
                if (r != null) {
                    for (int w = 0; w < r.length; w++) {
                        candidates[w] |= r[w];
                    }
                }
                long[] f = found[state];
                for (int w = 0; w < f.length; w++) {
                    literalsFound[w] |= f[w];
                }
            }
            row = t;
        }
    }
}
