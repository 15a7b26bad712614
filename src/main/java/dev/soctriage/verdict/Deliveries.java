package dev.soctriage.verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.soctriage.text.Digests;
import dev.soctriage.verdict.VerdictStore.Delivery;

/**
 * Invariant 4 (docs/contract.md) across a failure between the verdict writes and the delivery marker.
 * The marker {@code d_<delivery id>} is written twice: before the first verdict write it names the
 * journal — the plan each group of the delivery went to, in items {@code j_<digest>_<n>} of at most
 * {@link #CHUNK_BYTES} each — and once every verdict is written it also says {@code recordedAt}. A retry that
 * finds a journal but no {@code recordedAt} lands each journaled group on the plan the first attempt
 * chose, whatever the second judgement would be. Markers and journals expire after
 * {@code store.delivery-ttl}; none has a {@code status}, so none is in an index.
 */
final class Deliveries {
    /** Bytes of group digests and plan keys in one journal item: well under DynamoDB's 400 KB. */
    static final int CHUNK_BYTES = 256 * 1024;

    private final DynamoVerdictStore store;
    private final DynamoDbClient dynamo;
    private final String table;
    private final StoreConfig config;

    Deliveries(DynamoVerdictStore store, DynamoDbClient dynamo, String table, StoreConfig config) {
        this.store = store;
        this.dynamo = dynamo;
        this.table = table;
        this.config = config;
    }

    Delivery delivery(String deliveryId) {
        Map<String, AttributeValue> marker = store.call(() -> dynamo.getItem(b -> b.tableName(table)
                .key(key(markerId(deliveryId))).consistentRead(true))).item();
        if (marker == null || marker.isEmpty()) {
            return Delivery.NEW;
        }
        if (marker.containsKey("recordedAt") || !marker.containsKey("journalChunks")) {
            return new Delivery(true, Map.of()); // done, or a marker written before journals existed
        }
        int chunks = Integer.parseInt(marker.get("journalChunks").n());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            ids.add(chunkId(deliveryId, i));
        }
        Map<String, String> journal = new HashMap<>();
        for (Map<String, AttributeValue> chunk : BatchReads.get(dynamo, table, ids, true, null, Map.of(), store::call,
                "delivery journal")) {
            AttributeValue groups = chunk.get("groups");
            if (groups != null && groups.hasM()) {
                groups.m().forEach((group, plan) -> journal.put(group, plan.s()));
            }
        }
        return new Delivery(false, journal);
    }

    /** Writes the journal's chunks, then the marker that names them (replacing an earlier attempt's). */
    void journal(String deliveryId, Map<String, String> groupPlans, Instant now) {
        long expires = now.plus(config.deliveryTtl()).getEpochSecond();
        List<Map<String, AttributeValue>> chunks = new ArrayList<>();
        Map<String, AttributeValue> groups = new LinkedHashMap<>();
        int bytes = 0;
        for (Map.Entry<String, String> e : groupPlans.entrySet()) {
            int size = e.getKey().length() + e.getValue().length() + 8;
            if (!groups.isEmpty() && bytes + size > CHUNK_BYTES) {
                chunks.add(chunk(deliveryId, chunks.size(), groups, expires));
                groups = new LinkedHashMap<>();
                bytes = 0;
            }
            groups.put(e.getKey(), AttributeValue.fromS(e.getValue()));
            bytes += size;
        }
        if (!groups.isEmpty()) {
            chunks.add(chunk(deliveryId, chunks.size(), groups, expires));
        }
        BatchWrites.put(dynamo, table, chunks, store::call, "delivery journal");
        Map<String, AttributeValue> marker = new HashMap<>(key(markerId(deliveryId)));
        marker.put("journalChunks", VerdictItems.n(chunks.size()));
        marker.put("writingSince", AttributeValue.fromS(now.toString()));
        marker.put("expiresAt", VerdictItems.n(expires));
        store.call(() -> dynamo.putItem(b -> b.tableName(table).item(marker)));
    }

    /** Marks the delivery done: {@code recordedAt} on its marker, the journal it names kept until both expire. */
    void done(String deliveryId, Instant now) {
        Map<String, AttributeValue> values = Map.of(":r", AttributeValue.fromS(now.toString()),
                ":e", VerdictItems.n(now.plus(config.deliveryTtl()).getEpochSecond()));
        store.call(() -> dynamo.updateItem(b -> b.tableName(table).key(key(markerId(deliveryId)))
                .updateExpression("SET recordedAt = :r, expiresAt = :e").expressionAttributeValues(values)));
    }

    private Map<String, AttributeValue> chunk(String deliveryId, int n, Map<String, AttributeValue> groups, long expires) {
        Map<String, AttributeValue> item = new HashMap<>(key(chunkId(deliveryId, n)));
        item.put("groups", AttributeValue.fromM(groups));
        item.put("expiresAt", VerdictItems.n(expires));
        return item;
    }

    static String markerId(String deliveryId) {
        return "d_" + deliveryId;
    }

    private static String chunkId(String deliveryId, int n) {
        return "j_" + Digests.sha256Hex("journal", deliveryId).substring(0, 32) + "_" + n;
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }
}
