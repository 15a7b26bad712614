package dev.soctriage.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which rules' literals a text contains, in one pass over it: an Aho–Corasick automaton over the
 * rules' lower-case ASCII literals, folding the text's case as it reads (no lower-cased copy is made).
 * Each state knows the rules whose literals end there, as a bit set, so a scan adds rules to the
 * candidates directly. Built once at start; immutable and shared by all threads.
 */
final class LiteralScanner {
    private static final int ALPHABET = 128;
    /** ASCII character (case folded) → its class; 0 for every character no literal contains */
    private final byte[] classes = new byte[ALPHABET];
    private final int width;
    /** row-major transitions: state × width + class → next state */
    private final int[] next;
    /** state → the rules (bit set) whose literals end in it or in a state its failure links reach; null for none */
    private final long[][] rules;
    final int literals;

    /** @param literalRules each literal with the indices of the rules it gates */
    LiteralScanner(Map<String, List<Integer>> literalRules, int ruleCount) {
        Map<String, List<Integer>> lits = new LinkedHashMap<>(literalRules);
        literals = lits.size();
        int words = (ruleCount + 63) / 64;
        int k = 1;
        for (String l : lits.keySet()) {
            for (char c : l.toCharArray()) {
                if (c >= ALPHABET) {
                    throw new IllegalArgumentException("literals are ASCII: " + l);
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
        List<int[]> trie = new ArrayList<>();
        List<long[]> ends = new ArrayList<>();
        trie.add(row(w));
        ends.add(null);
        for (Map.Entry<String, List<Integer>> e : lits.entrySet()) {
            int s = 0;
            for (char c : e.getKey().toCharArray()) {
                int cls = classes[c];
                if (trie.get(s)[cls] < 0) {
                    trie.get(s)[cls] = trie.size();
                    trie.add(row(w));
                    ends.add(null);
                }
                s = trie.get(s)[cls];
            }
            long[] mask = ends.get(s) == null ? new long[words] : ends.get(s);
            for (int r : e.getValue()) {
                mask[r / 64] |= 1L << (r % 64);
            }
            ends.set(s, mask);
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
            long[] inherited = ends.get(fail[s]);
            if (inherited != null) {
                long[] own = ends.get(s) == null ? new long[words] : ends.get(s).clone();
                for (int i = 0; i < words; i++) {
                    own[i] |= inherited[i];
                }
                ends.set(s, own);
            }
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
        next = new int[trie.size() * w];
        for (int s = 0; s < trie.size(); s++) {
            System.arraycopy(trie.get(s), 0, next, s * w, w);
        }
        rules = ends.toArray(new long[0][]);
    }

    private static int[] row(int w) {
        int[] r = new int[w];
        Arrays.fill(r, -1);
        return r;
    }

    /** Adds to {@code candidates} the rules whose literals {@code text} contains, case folded. */
    void scan(String text, long[] candidates) {
        int s = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            } else if (c >= ALPHABET) {
                char l = Character.toLowerCase(c);
                c = l < ALPHABET ? l : 0;
            }
            s = next[s * width + classes[c]];
            long[] r = rules[s];
            if (r != null) {
                for (int w = 0; w < r.length; w++) {
                    candidates[w] |= r[w];
                }
            }
        }
    }
}
