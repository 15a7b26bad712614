package dev.soctriage.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Aho–Corasick automaton of some ASCII literals, over character classes: the one construction
 * behind the Sigma prefilter ({@link LiteralScanner}) and the signatures' gates ({@code triage.Literals}),
 * each of which lays it out as its own flat table for its scan.
 */
public final class LiteralAutomaton {
    private final int[][] next;
    private final long[][] ends;

    private LiteralAutomaton(int[][] next, long[][] ends) {
        this.next = next;
        this.ends = ends;
    }

    /**
     * @param literals the literals, by id (their position); their characters below {@code classes.length}
     * @param classes  character → its class, below {@code width}; the literals' characters have classes
     *                 of their own, 0 is every other character
     * @param width    classes per state
     */
    public static LiteralAutomaton of(List<String> literals, byte[] classes, int width) {
        int words = (literals.size() + 63) / 64;
        List<int[]> trie = new ArrayList<>();
        List<long[]> ends = new ArrayList<>();
        trie.add(row(width));
        ends.add(null);
        for (int id = 0; id < literals.size(); id++) {
            int s = 0;
            for (char c : literals.get(id).toCharArray()) {
                int cls = classes[c];
                if (trie.get(s)[cls] < 0) {
                    trie.get(s)[cls] = trie.size();
                    trie.add(row(width));
                    ends.add(null);
                }
                s = trie.get(s)[cls];
            }
            long[] lit = ends.get(s) == null ? new long[words] : ends.get(s);
            lit[id / 64] |= 1L << (id % 64);
            ends.set(s, lit);
        }
        int[] fail = new int[trie.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < width; c++) {
            int t = trie.get(0)[c];
            if (t < 0) {
                trie.get(0)[c] = 0;
            } else {
                queue.add(t);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            ends.set(s, union(ends.get(s), ends.get(fail[s])));
            for (int c = 0; c < width; c++) {
                int t = trie.get(s)[c];
                if (t < 0) {
                    trie.get(s)[c] = trie.get(fail[s])[c];
                } else {
                    fail[t] = trie.get(fail[s])[c];
                    queue.add(t);
                }
            }
        }
        return new LiteralAutomaton(trie.toArray(new int[0][]), ends.toArray(new long[0][]));
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

    private static int[] row(int width) {
        int[] r = new int[width];
        Arrays.fill(r, -1);
        return r;
    }

    /** States; the start state is 0. */
    public int states() {
        return next.length;
    }

    /** The state {@code cls} leads to from {@code state} (failure links followed: every entry is set). */
    public int next(int state, int cls) {
        return next[state][cls];
    }

    /**
     * The literals that have ended when {@code state} is reached, as a bit set by id (those its failure
     * links reach included), or null for none; shared, not to be changed.
     */
    public long[] ends(int state) {
        return ends[state];
    }
}
