package dev.soctriage.verdict;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.soctriage.text.Digests;

/**
 * The shapes of a delivery's items: its marker {@code d_<delivery id>} ({@code journalChunks} while an
 * attempt writes, {@code recordedAt} once it is done) and its journal's chunks
 * {@code j_<digest>_<n>} ({@code groups}: group digest → plan key). None has a {@code status}, so none
 * is in an index.
 */
final class DeliveryItems {
    static final Attribute<Long> JOURNAL_CHUNKS = Attribute.number("journalChunks");
    static final Attribute<String> WRITING_SINCE = Attribute.string("writingSince");
    static final Attribute<String> RECORDED_AT = Attribute.string("recordedAt");
    static final Attribute<Long> EXPIRES_AT = Attribute.number("expiresAt");
    static final Attribute<Map<String, String>> GROUPS = Attribute.map("groups", DeliveryItems::toGroups,
            DeliveryItems::fromGroups);

    private DeliveryItems() {
    }

    static String markerId(String deliveryId) {
        return "d_" + deliveryId;
    }

    static String chunkId(String deliveryId, int n) {
        return "j_" + Digests.sha256Hex("journal", deliveryId).substring(0, 32) + "_" + n;
    }

    /** The marker of an attempt under way: how many journal chunks it wrote, since when. */
    static Map<String, AttributeValue> writing(String deliveryId, int chunks, Instant now, long expiresAt) {
        Map<String, AttributeValue> marker = new HashMap<>(VerdictTable.key(markerId(deliveryId)));
        JOURNAL_CHUNKS.put(marker, (long) chunks);
        WRITING_SINCE.put(marker, now.toString());
        EXPIRES_AT.put(marker, expiresAt);
        return marker;
    }

    static Map<String, AttributeValue> chunk(String deliveryId, int n, Map<String, String> groups, long expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(VerdictTable.key(chunkId(deliveryId, n)));
        GROUPS.put(item, groups);
        EXPIRES_AT.put(item, expiresAt);
        return item;
    }

    private static Map<String, AttributeValue> toGroups(Map<String, String> groups) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        groups.forEach((group, plan) -> m.put(group, AttributeValue.fromS(plan)));
        return m;
    }

    private static Map<String, String> fromGroups(Map<String, AttributeValue> m) {
        Map<String, String> groups = new HashMap<>();
        m.forEach((group, plan) -> groups.put(group, plan.s()));
        return groups;
    }
}
