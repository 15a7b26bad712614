package dev.soctriage.triage;

import java.util.Locale;

/**
 * A line as the signatures read it: which gate literals it contains, found in one pass over the
 * line folded in place, and its decoded, lower-cased text ({@link Decoding}), built only when a
 * pattern must run.
 * Most lines pass no gate, so most lines never have their text built.
 */
final class MatchText {
    final String line;
    /** The gate literals the text contains, as a {@link Literals} mask. */
    final long[] present;
    /** The folded characters, when the line had no escapes: the text before it is built. */
    private char[] folded;
    private int length;
    private String text;

    MatchText(String line, Literals literals) {
        this.line = line;
        if (Decoding.hasEscapes(line)) {
            text = Decoding.forMatching(line).toLowerCase(Locale.ROOT);
            present = literals.scan(text);
        } else {
            // the characters forMatchingLower returns, folded in an array the text is later made from
            folded = line.toCharArray();
            length = Decoding.foldInPlace(folded);
            present = literals.scan(folded, length);
        }
    }

    /** The decoded, lower-cased line. */
    String text() {
        if (text == null) {
            text = new String(folded, 0, length);
            folded = null;
        }
        return text;
    }

    boolean has(long[] mask) {
        return Literals.any(mask, present);
    }
}
