package dev.soctriage.text;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The rules for attacker-controlled text, in one ordered list (in the manner of Drain3's
 * {@code masking.py}): each rule has a name and the uses it applies to, and each use applies its
 * rules in list order. Nothing here throws, whatever the input.
 *
 * <ul>
 * <li>{@link #capLine}: a line is at most {@value #LINE_LIMIT} UTF-8 bytes (marker included);</li>
 * <li>{@link #evidence}: an evidence line is at most {@value #EVIDENCE_LIMIT} UTF-8 bytes, marker
 * included (the contract's evidence rule), otherwise verbatim.</li>
 * </ul>
 *
 * <p>Where text is shown, the console renders it with {@code textContent}; the prompt escapes it as
 * JSON. Shorter caps measured in characters are {@link Texts#cap}.
 */
public final class UntrustedText {
    /** 64 KiB: longer lines are cut when they enter the pipeline. */
    public static final int LINE_LIMIT = 64 * 1024;
    /** 4 KiB: longer evidence lines are cut (docs/contract.md, "The verdict document"). */
    public static final int EVIDENCE_LIMIT = 4 * 1024;
    /** Ends every cut text; counted in the limit. */
    public static final String TRUNCATED = "…[truncated]";
    private static final int MARKER_BYTES = TRUNCATED.getBytes(StandardCharsets.UTF_8).length;

    /** Where a rule applies. */
    public enum Use {
        LINE, EVIDENCE
    }

    /** A named rule. */
    public record Rule(String name, Set<Use> uses, UnaryOperator<String> apply) {
    }

    /** The rules, in the order they apply. */
    public static final List<Rule> RULES = List.of(
            new Rule("cap-line-64KiB", EnumSet.allOf(Use.class), s -> cut(s, LINE_LIMIT)),
            new Rule("cut-evidence-4KiB", EnumSet.of(Use.EVIDENCE), s -> cut(s, EVIDENCE_LIMIT)));

    private UntrustedText() {
    }

    /** Decodes UTF-8, replacing every malformed sequence with U+FFFD. */
    public static String decodeUtf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public static String decodeUtf8(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    public static String capLine(String s) {
        return apply(Use.LINE, s);
    }

    public static String evidence(String s) {
        return apply(Use.EVIDENCE, s);
    }

    public static String apply(Use use, String s) {
        if (s == null) {
            return null;
        }
        for (Rule r : RULES) {
            if (r.uses().contains(use)) {
                s = r.apply().apply(s);
            }
        }
        return s;
    }

    /** Number of UTF-8 bytes of s (an unpaired surrogate counts 3, as its replacement would). */
    public static int utf8Length(CharSequence s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** s when it fits in limit UTF-8 bytes; else its longest prefix of whole code points that fits with the marker. */
    static String cut(String s, int limit) {
        if (s.length() * 3 <= limit) {
            return s;
        }
        if (s.length() <= limit && utf8Length(s) <= limit) {
            return s;
        }
        int budget = limit - MARKER_BYTES;
        int n = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int width;
            int chars = 1;
            if (c < 0x80) {
                width = 1;
            } else if (c < 0x800) {
                width = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                width = 4;
                chars = 2;
            } else {
                width = 3;
            }
            if (n + width > budget) {
                break;
            }
            n += width;
            i += chars;
        }
        return s.substring(0, i) + TRUNCATED;
    }
}
