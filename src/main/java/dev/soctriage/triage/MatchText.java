package dev.soctriage.triage;

import java.util.Locale;

/**
 * A line as the signatures read it: which gate literals it contains, found in one pass over the raw
 * line, and its decoded, lower-cased text ({@link Decoding}), built only when a pattern must run.
 * Most lines pass no gate, so most lines never have their text built.
 */
final class MatchText {
    final String line;
    /** The gate literals the text contains, as a {@link Literals} mask. */
    final long[] present;
    private String text;

    MatchText(String line, Literals literals) {
        this.line = line;
        if (Decoding.hasEscapes(line)) {
            text = Decoding.forMatching(line).toLowerCase(Locale.ROOT);
            present = literals.scan(text);
        } else {
            // the same characters forMatchingLower would produce, fed to the automaton as they come
            long[] found = literals.found();
            int state = Literals.START;
            for (int i = 0, n = line.length(); i < n; i++) {
                if (!Decoding.isDroppedBackslash(line, i)) {
                    state = literals.step(state, Decoding.fold(line.charAt(i)), found);
                }
            }
            present = found;
        }
    }

    /** The decoded, lower-cased line. */
    String text() {
        if (text == null) {
            text = Decoding.forMatchingLower(line);
        }
        return text;
    }

    boolean has(long[] mask) {
        return Literals.any(mask, present);
    }
}
