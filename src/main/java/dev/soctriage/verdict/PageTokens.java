package dev.soctriage.verdict;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;

/**
 * Opaque {@code nextToken}s: the index position where the next page starts, bound to the query
 * (status and minimum severity) that produced it, base64url-encoded. Decoding checks every part, so
 * a token that was altered or belongs to another query is refused instead of listing the wrong rows.
 */
final class PageTokens {
    private static final char SEP = '\n';

    private PageTokens() {
    }

    static String encode(Map<String, AttributeValue> lastKey, Status status, Severity min) {
        String raw = "1" + SEP + status.name() + SEP + (min == null ? "" : min.wire()) + SEP
                + lastKey.get("id").s() + SEP + lastKey.get(VerdictItems.QUEUE_KEY).s();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, AttributeValue> decode(String token, Status status, Severity min) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidPageTokenException("nextToken is not a token this API issued");
        }
        String[] p = raw.split(String.valueOf(SEP), -1);
        if (p.length != 5 || !"1".equals(p[0]) || !VerdictIds.isValid(p[3])
                || !p[4].matches("[1-4]#\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z")) {
            throw new InvalidPageTokenException("nextToken is not a token this API issued");
        }
        if (!p[1].equals(status.name()) || !p[2].equals(min == null ? "" : min.wire())) {
            throw new InvalidPageTokenException("nextToken belongs to another query (status or severity differ)");
        }
        return Map.of("id", AttributeValue.fromS(p[3]), "status", AttributeValue.fromS(p[1]),
                VerdictItems.QUEUE_KEY, AttributeValue.fromS(p[4]));
    }
}
