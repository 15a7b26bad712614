package dev.soctriage.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The one digest of the project: SHA-256 over length-prefixed parts, as lower-case hex. */
public final class Digests {
    private Digests() {
    }

    /** Hex SHA-256 of the parts, each length-prefixed so that ("ab","c") and ("a","bc") differ; null counts as "". */
    public static String sha256Hex(String... parts) {
        MessageDigest md = sha256();
        for (String p : parts) {
            byte[] b = (p == null ? "" : p).getBytes(StandardCharsets.UTF_8);
            md.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
            md.update(b);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Hex SHA-256 of the text's UTF-8 bytes, unprefixed. */
    public static String sha256HexOf(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
