package dev.soctriage.verdict;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;
import dev.soctriage.verdict.VerdictStore.Order;

/**
 * Opaque {@code nextToken}s: the index position where the next page starts, bound to the query
 * (status, minimum severity and order) that produced it, base64url-encoded. Decoding checks every part,
 * so a token that was altered or belongs to another query is refused instead of listing the wrong rows.
 */
final class PageTokens {
    private static final char SEP = '\n';
    private static final String QUEUE_KEY = "[1-4]#\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z";
    private static final String ACTIVITY_KEY = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    private PageTokens() {
    }

    static String encode(Map<String, AttributeValue> lastKey, Status status, Severity min, Order order) {
        String raw = version(order) + SEP + status.name() + SEP + (min == null ? "" : min.wire()) + SEP
                + lastKey.get("id").s() + SEP + lastKey.get(sortKey(order)).s();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> decode(String token, Status status, Severity min, Order order) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidPageTokenException("nextToken is not a token this API issued");
        }
        String[] p = raw.split(String.valueOf(SEP), -1);
        if (p.length != 5 || !(p[0].equals("1") || p[0].equals("2")) || !VerdictIds.isValid(p[3])
                || !p[4].matches(p[0].equals("1") ? QUEUE_KEY : ACTIVITY_KEY)) {
            throw new InvalidPageTokenException("nextToken is not a token this API issued");
        }
        if (!p[0].equals(version(order)) || !p[1].equals(status.name())
                || !p[2].equals(min == null ? "" : min.wire())) {
            throw new InvalidPageTokenException("nextToken belongs to another query (status, severity or order differ)");
        }
        return Map.of("id", AttributeValue.fromS(p[3]), "status", AttributeValue.fromS(p[1]),
                sortKey(order), AttributeValue.fromS(p[4]));
    }

    /** "1": the severity order's tokens (as before the activity order existed); "2": last activity. */
    private static String version(Order order) {
        return order == Order.SEVERITY ? "1" : "2";
    }

    private static String sortKey(Order order) {
        return order == Order.SEVERITY ? VerdictItems.QUEUE_KEY : VerdictItems.ACTIVITY_KEY;
    }
}
