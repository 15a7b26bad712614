package dev.soctriage.verdict;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
        return "v_" + digest(source, deliveryId, groupKey).substring(0, 32);
    }

    public static boolean isValid(String id) {
        return id != null && COMPILED.matcher(id).matches();
    }

    /** Hex SHA-256 of the parts, each length-prefixed so that ("ab","c") and ("a","bc") differ. */
    public static String digest(String... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                byte[] b = (p == null ? "" : p).getBytes(StandardCharsets.UTF_8);
                md.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
                md.update(b);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
