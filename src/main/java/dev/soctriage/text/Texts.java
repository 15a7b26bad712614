package dev.soctriage.text;

/**
 * The one way text is shortened for a field, a note or a message: cut at a code-point boundary and
 * marked, the marker counted in the limit. (Evidence and whole lines are measured in UTF-8 bytes
 * instead, by {@link UntrustedText}'s rules.)
 */
public final class Texts {
    /** Ends a shortened text. */
    public static final String ELLIPSIS = "…";

    private Texts() {
    }

    /** {@code s} when it has at most {@code max} chars; else its prefix and {@link #ELLIPSIS}, {@code max} chars in all. */
    public static String cap(String s, int max) {
        return cap(s, max, ELLIPSIS);
    }

    /**
     * {@code s} when it has at most {@code max} chars (null stays null); else its longest prefix of whole
     * code points that leaves room for {@code marker}, then the marker: never more than {@code max}
     * chars, never half a surrogate pair.
     *
     * @throws IllegalArgumentException when {@code max} is shorter than the marker
     */
    public static String cap(String s, int max, String marker) {
        if (max < marker.length()) {
            throw new IllegalArgumentException("limit " + max + " is shorter than the marker " + marker);
        }
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max - marker.length();
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1)) && Character.isLowSurrogate(s.charAt(end))) {
            end--;
        }
        return s.substring(0, end) + marker;
    }
}
