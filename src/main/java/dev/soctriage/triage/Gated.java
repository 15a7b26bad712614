package dev.soctriage.triage;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pattern and the literals one of which every match contains (plus, for some, a cheap scan
 * every match passes): the pattern runs only on a line that has them, which most lines do not.
 * The literals of all patterns are found in one pass per line ({@link Literals}).
 */
final class Gated {
    final Pattern pattern;
    final String[] needs;
    final Predicate<String> extra;
    /** Literals one of which every match begins with, or null: then the pattern is tried only there. */
    String[] starts;
    long[] mask;

    Gated(String regex, String... needs) {
        this(regex, null, needs);
    }

    Gated(String regex, Predicate<String> extra, String... needs) {
        this.pattern = Pattern.compile(regex, SignatureTables.FLAGS);
        this.needs = needs;
        this.extra = extra;
    }

    /**
     * Declares that every match begins with one of {@code literals} (after a leading {@code \b}):
     * the pattern is then tried only where they occur instead of at every position of the line.
     */
    Gated startingWith(String... literals) {
        this.starts = literals;
        return this;
    }

    /** Whether the line has one of the literals and the pattern finds a match in its text. */
    boolean find(MatchText m) {
        return m.has(mask) && matches(m.text());
    }

    /** The pattern (and its extra check) on some text, ungated. */
    boolean matches(String text) {
        if (extra != null && !extra.test(text)) {
            return false;
        }
        return starts == null ? pattern.matcher(text).find() : matchesAtStarts(text);
    }

    /**
     * {@code find()}, trying only the positions where a match can begin: at each occurrence of a
     * start literal the pattern must match there (lookingAt), seeing the text before it for
     * {@code \b} (transparent bounds) and not taking it for the start of input (non-anchoring).
     */
    boolean matchesAtStarts(String text) {
        Matcher m = null;
        for (String start : starts) {
            for (int i = text.indexOf(start); i >= 0; i = text.indexOf(start, i + 1)) {
                if (m == null) {
                    m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                }
                if (m.region(i, text.length()).lookingAt()) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean any(List<Gated> patterns, MatchText m) {
        for (Gated g : patterns) {
            if (g.find(m)) {
                return true;
            }
        }
        return false;
    }
}
