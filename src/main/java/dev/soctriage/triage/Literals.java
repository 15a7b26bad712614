package dev.soctriage.triage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of a fixed set of ASCII literals a text contains, found in one pass (an Aho–Corasick
 * automaton compiled to a full transition table). The signatures use it to decide which patterns
 * can match a line at all: one scan instead of a {@code contains} per literal per pattern.
 */
final class Literals {
    private static final int ALPHABET = 128;
    private final Map<String, Integer> ids = new LinkedHashMap<>();
    /** state * 128 + char → next state: one flat table, one lookup per character. */
    private final int[] next;
    /** state → its literals as a mask, or null when no literal ends there (most states). */
    private final long[][] out;
    private final int words;

    Literals(List<String> literals) {
        for (String l : literals) {
            if (l.isEmpty() || l.chars().anyMatch(c -> c >= ALPHABET)) {
                throw new IllegalArgumentException("literals are non-empty ASCII: " + l);
            }
            ids.putIfAbsent(l, ids.size());
        }
        words = (ids.size() + 63) / 64;
        List<int[]> trie = new ArrayList<>();
        List<long[]> ends = new ArrayList<>();
        trie.add(newRow());
        ends.add(new long[words]);
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            int s = 0;
            for (char c : e.getKey().toCharArray()) {
                if (trie.get(s)[c] < 0) {
                    trie.get(s)[c] = trie.size();
                    trie.add(newRow());
                    ends.add(new long[words]);
                }
                s = trie.get(s)[c];
            }
            ends.get(s)[e.getValue() / 64] |= 1L << (e.getValue() % 64);
        }
        int[] fail = new int[trie.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ALPHABET; c++) {
            int t = trie.get(0)[c];
            if (t < 0) {
                trie.get(0)[c] = 0;
            } else {
                fail[t] = 0;
                queue.add(t);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (int w = 0; w < words; w++) {
                ends.get(s)[w] |= ends.get(fail[s])[w];
            }
            for (int c = 0; c < ALPHABET; c++) {
                int t = trie.get(s)[c];
                if (t < 0) {
                    trie.get(s)[c] = trie.get(fail[s])[c];
                } else {
                    fail[t] = trie.get(fail[s])[c];
                    queue.add(t);
                }
            }
        }
        next = new int[trie.size() * ALPHABET];
        out = new long[trie.size()][];
        for (int s = 0; s < trie.size(); s++) {
            System.arraycopy(trie.get(s), 0, next, s * ALPHABET, ALPHABET);
            long[] o = ends.get(s);
            boolean any = false;
            for (long w : o) {
                any |= w != 0;
            }
            out[s] = any ? o : null;
        }
    }

    private static int[] newRow() {
        int[] row = new int[ALPHABET];
        Arrays.fill(row, -1);
        return row;
    }

    /** The literals {@code text} contains, as a mask for {@link #any}. */
    long[] scan(String text) {
        long[] found = new long[words];
        int s = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            s = c < ALPHABET ? next[s * ALPHABET + c] : 0;
            long[] o = out[s];
            if (o != null) {
                for (int w = 0; w < words; w++) {
                    found[w] |= o[w];
                }
            }
        }
        return found;
    }

    /** The mask of some literals, each of which must be one this set was built with. */
    long[] mask(String... literals) {
        long[] m = new long[words];
        for (String l : literals) {
            Integer id = ids.get(l);
            if (id == null) {
                throw new IllegalArgumentException("not a registered literal: " + l);
            }
            m[id / 64] |= 1L << (id % 64);
        }
        return m;
    }

    static boolean any(long[] mask, long[] found) {
        for (int w = 0; w < mask.length; w++) {
            if ((mask[w] & found[w]) != 0) {
                return true;
            }
        }
        return false;
    }
}
