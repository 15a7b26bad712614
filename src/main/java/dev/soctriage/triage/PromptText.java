package dev.soctriage.triage;

import dev.soctriage.text.Texts;

/** Model output that ends up in a verdict: control characters removed, length capped. */
final class PromptText {
    private PromptText() {
    }

    static String clean(String s) {
        return s == null ? null : s.replaceAll("[\\p{Cc}\\p{Cf}]", " ").strip();
    }

    /** For guard notes: a short, printable excerpt. */
    static String clip(String s) {
        String c = clean(s);
        return Texts.cap(c, 64);
    }
}
