package dev.soctriage.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which literals a text contains, in one pass over it: an Aho–Corasick automaton over lower-case
 * ASCII literals, folding the text's case as it reads (no lower-cased copy is made). Each state knows
 * the literals that end there (with those its failure links reach) and the rules those literals gate,
 * as bit sets, so one scan yields both the candidate rules and the literals found. Built once at
 * start; immutable and shared by all threads.
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
        List<int[]> trie = new ArrayList<>();
        List<long[]> ruleEnds = new ArrayList<>();
        List<long[]> litEnds = new ArrayList<>();
        trie.add(row(w));
        ruleEnds.add(null);
        litEnds.add(null);
        for (int id = 0; id < literals.size(); id++) {
            int s = 0;
            for (char c : literals.get(id).toCharArray()) {
                int cls = classes[c];
                if (trie.get(s)[cls] < 0) {
                    trie.get(s)[cls] = trie.size();
                    trie.add(row(w));
                    ruleEnds.add(null);
                    litEnds.add(null);
                }
                s = trie.get(s)[cls];
            }
            long[] lit = litEnds.get(s) == null ? new long[literalWords] : litEnds.get(s);
            lit[id / 64] |= 1L << (id % 64);
            litEnds.set(s, lit);
            if (!gates.get(id).isEmpty()) {
                long[] mask = ruleEnds.get(s) == null ? new long[ruleWords] : ruleEnds.get(s);
                for (int r : gates.get(id)) {
                    mask[r / 64] |= 1L << (r % 64);
                }
                ruleEnds.set(s, mask);
            }
        }
        int[] fail = new int[trie.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < w; c++) {
            int t = trie.get(0)[c];
            if (t < 0) {
                trie.get(0)[c] = 0;
            } else {
                queue.add(t);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            ruleEnds.set(s, union(ruleEnds.get(s), ruleEnds.get(fail[s])));
            litEnds.set(s, union(litEnds.get(s), litEnds.get(fail[s])));
            for (int c = 0; c < w; c++) {
                int t = trie.get(s)[c];
                if (t < 0) {
                    trie.get(s)[c] = trie.get(fail[s])[c];
                } else {
                    fail[t] = trie.get(fail[s])[c];
                    queue.add(t);
                }
            }
        }
        if ((long) trie.size() * w >= Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("too many literals: " + trie.size() + " automaton states");
        }
        next = new int[trie.size() * w];
        for (int s = 0; s < trie.size(); s++) {
            for (int c = 0; c < w; c++) {
                int t = trie.get(s)[c];
                next[s * w + c] = t * w | (litEnds.get(t) != null ? HAS_OUTPUT : 0);
            }
        }
        rules = ruleEnds.toArray(new long[0][]);
        found = litEnds.toArray(new long[0][]);
    }

    private static long[] union(long[] own, long[] inherited) {
        if (inherited == null) {
            return own;
        }
        long[] out = own == null ? new long[inherited.length] : own.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] |= inherited[i];
        }
        return out;
    }

    private static int[] row(int w) {
        int[] r = new int[w];
        Arrays.fill(r, -1);
        return r;
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
