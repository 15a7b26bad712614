package dev.soctriage.triage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.soctriage.detect.LiteralAutomaton;

/**
 * Which of a fixed set of ASCII literals a text contains, found in one pass (the Aho–Corasick
 * {@link LiteralAutomaton} of the Sigma prefilter, laid out as a full transition table). The
 * signatures use it to decide which patterns
 * can match a line at all: one scan instead of a {@code contains} per literal per pattern.
 */
final class Literals {
    private static final int ALPHABET = 128;
    private final Map<String, Integer> ids = new LinkedHashMap<>();
    /** Entries per state: one per character class. */
    private static final int CLASSES = 64;
    /** The bit of a {@link #next} entry that says a literal ends in its state (the sign bit). */
    private static final int HAS_OUTPUT = 0x80000000;
    /** ASCII character → its class: 0 for every character no literal contains. */
    private final byte[] classes;
    /**
     * One flat table, a row of {@value #CLASSES} entries per state. A state is known by where its row
     * starts (state × {@value #CLASSES}), so a step is one addition and one lookup:
     * row + class → the next state's row, with {@link #HAS_OUTPUT} set when a literal ends there.
     */
    private final int[] next;
    /** state → its literals as a mask, or null when no literal ends there (most states). */
    private final long[][] out;
    private final int words;
    /** The length of the longest literal: how far a literal can reach past where it begins. */
    private final int longest;

    Literals(List<String> literals) {
        for (String l : literals) {
            if (l.isEmpty() || l.chars().anyMatch(c -> c >= ALPHABET)) {
                throw new IllegalArgumentException("literals are non-empty ASCII: " + l);
            }
            ids.putIfAbsent(l, ids.size());
        }
        words = (ids.size() + 63) / 64;
        longest = ids.keySet().stream().mapToInt(String::length).max().orElse(0);
        // characters no literal contains all behave alike: one class, so a row is 64 entries, not 128
        byte[] classes = new byte[ALPHABET];
        int k = 1;
        for (String l : ids.keySet()) {
            for (char c : l.toCharArray()) {
                if (classes[c] == 0) {
                    classes[c] = (byte) k++;
                }
            }
        }
        if (k > CLASSES) {
            throw new IllegalArgumentException("literals use more than " + (CLASSES - 1) + " distinct characters");
        }
        this.classes = classes;
        LiteralAutomaton automaton = LiteralAutomaton.of(List.copyOf(ids.keySet()), classes, CLASSES);
        int states = automaton.states();
        if (states > Integer.MAX_VALUE / CLASSES) {
            throw new IllegalArgumentException("too many literals: " + states + " automaton states");
        }
        next = new int[states * CLASSES];
        out = new long[states][];
        for (int s = 0; s < states; s++) {
            out[s] = automaton.ends(s);
        }
        for (int s = 0; s < states; s++) {
            for (int c = 0; c < CLASSES; c++) {
                int t = automaton.next(s, c);
                next[s * CLASSES + c] = t * CLASSES | (out[t] != null ? HAS_OUTPUT : 0);
            }
        }
    }

    /** The literals {@code text} contains, as a mask for {@link #any}. */
    long[] scan(String text) {
        long[] found = new long[words];
        int s = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            s = step(s, text.charAt(i), found);
        }
        return found;
    }

    /**
     * The literals the first {@code length} characters of {@code text} contain, as a mask for
     * {@link #any}. Each character's lookup waits for the one before it, so the text is walked as two
     * halves in step, whose lookups the CPU overlaps: the first half runs on until a literal that begins
     * in it has ended, so none is cut in two.
     */
    long[] scan(char[] text, int length) {
        long[] found = new long[words];
        int half = length / 2;
        int firstEnd = Math.min(length, half + longest - 1);
        int secondLength = length - half;
        int both = Math.min(firstEnd, secondLength);
        int a = 0;
        int b = 0;
        for (int i = 0; i < both; i++) {
            a = step(a, text[i], found);
            b = step(b, text[half + i], found);
        }
        for (int i = both; i < firstEnd; i++) {
            a = step(a, text[i], found);
        }
        for (int i = both; i < secondLength; i++) {
            b = step(b, text[half + i], found);
        }
        return found;
    }

    /**
     * Feeds one character to the state whose row starts at {@code row}: the next state's row, with the
     * literals that end there added to {@code found}.
     */
    private int step(int row, char c, long[] found) {
        int t = next[row + (c < ALPHABET ? classes[c] : 0)];
        if (t < 0) {
            t &= ~HAS_OUTPUT;
            long[] o = out[t / CLASSES];
            for (int w = 0; w < o.length; w++) {
                found[w] |= o[w];
            }
        }
        return t;
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
