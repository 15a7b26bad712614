package dev.soctriage.model;

import java.util.Locale;

/**
 * The vocabulary's one spelling rule: a constant's wire name — what documents, group keys, feedback
 * keys and prompts carry — is its name in lower case ({@code TARGET_USER} is {@code target_user}).
 * Each enum keeps the table this builds, so a wire name is read, never computed, on the hot path.
 */
public final class WireNames {
    private WireNames() {
    }

    /** The wire names of {@code constants}, indexed by ordinal. */
    public static String[] of(Enum<?>[] constants) {
        String[] names = new String[constants.length];
        for (Enum<?> c : constants) {
            names[c.ordinal()] = c.name().toLowerCase(Locale.ROOT);
        }
        return names;
    }

    /**
     * The constant whose wire name is {@code s}.
     *
     * @throws IllegalArgumentException {@code what} must be one of the wire names, which it lists
     */
    public static <E extends Enum<E>> E parse(E[] constants, String[] names, String s, String what) {
        for (E c : constants) {
            if (names[c.ordinal()].equals(s)) {
                return c;
            }
        }
        throw new IllegalArgumentException(what + " must be one of " + String.join(", ", names));
    }
}
