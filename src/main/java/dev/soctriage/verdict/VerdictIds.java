package dev.soctriage.verdict;

import dev.soctriage.text.Digests;

/**
 * Verdict ids are derived from the input, never random: the same delivery grouped the same way
 * yields the same ids, so a redelivery hits the store's conditional write and adds nothing.
 */
public final class VerdictIds {
    /** {@code v_} and 32 lower-case hex digits (128 bits of SHA-256). */
    public static final String PATTERN = "v_[0-9a-f]{32}";
    private static final java.util.regex.Pattern COMPILED = java.util.regex.Pattern.compile(PATTERN);

    private VerdictIds() {
    }

    public static String of(String source, String deliveryId, String groupKey) {
        return "v_" + Digests.sha256Hex(source, deliveryId, groupKey).substring(0, 32);
    }

    public static boolean isValid(String id) {
        return id != null && COMPILED.matcher(id).matches();
    }

}
