package dev.soctriage.verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;


/**
 * {@link DeliveryMarkers} in the verdict table. Invariant 4 (docs/contract.md) across a failure between the verdict writes and the delivery marker.
 * The marker {@code d_<delivery id>} is written twice: before the first verdict write it names the
 * journal — the plan each group of the delivery went to, in items {@code j_<digest>_<n>} of at most
 * {@link #CHUNK_BYTES} each — and once every verdict is written it also says {@code recordedAt}. A retry that
 * finds a journal but no {@code recordedAt} lands each journaled group on the plan the first attempt
 * chose, whatever the second judgement would be. Markers and journals expire after
 * {@code store.delivery-ttl}; none has a {@code status}, so none is in an index.
 */
@ApplicationScoped
public class DynamoDeliveryMarkers implements DeliveryMarkers {
    /** Bytes of group digests and plan keys in one journal item: well under DynamoDB's 400 KB. */
    static final int CHUNK_BYTES = 256 * 1024;

    private final VerdictTable table;
    private final StoreConfig config;
    private final PlanReads plans;

    public DynamoDeliveryMarkers(DynamoDbClient dynamo, StoreConfig config) {
        this.table = new VerdictTable(dynamo, config, "verdict store");
        this.config = config;
        this.plans = new PlanReads(table);
    }

    @Override
    public Delivery delivery(String deliveryId) {
        Map<String, AttributeValue> marker = table.get(DeliveryItems.markerId(deliveryId));
        if (marker == null) {
            return Delivery.NEW;
        }
        if (DeliveryItems.RECORDED_AT.in(marker) || !DeliveryItems.JOURNAL_CHUNKS.in(marker)) {
            return new Delivery(true, Map.of()); // done, or a marker written before journals existed
        }
        long chunks = DeliveryItems.JOURNAL_CHUNKS.get(marker);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            ids.add(DeliveryItems.chunkId(deliveryId, i));
        }
        Map<String, String> journal = new HashMap<>();
        for (Map<String, AttributeValue> chunk : table.batchGet(ids, true, null, Map.of(), "delivery journal")) {
            journal.putAll(DeliveryItems.GROUPS.get(chunk, Map.of()));
        }
        return new Delivery(false, journal);
    }

    /**
     * Writes the journal's chunks, then the marker that names them (replacing an earlier attempt's); a journal
     * of one chunk, the usual one, in one round trip with its marker.
     */
    @Override
    public void journal(String deliveryId, Map<String, String> groupPlans, Instant now) {
        long expires = now.plus(config.deliveryTtl()).getEpochSecond();
        List<Map<String, AttributeValue>> chunks = new ArrayList<>();
        Map<String, String> groups = new LinkedHashMap<>();
        int bytes = 0;
        for (Map.Entry<String, String> e : groupPlans.entrySet()) {
            int size = e.getKey().length() + e.getValue().length() + 8;
            if (!groups.isEmpty() && bytes + size > CHUNK_BYTES) {
                chunks.add(DeliveryItems.chunk(deliveryId, chunks.size(), groups, expires));
                groups = new LinkedHashMap<>();
                bytes = 0;
            }
            groups.put(e.getKey(), e.getValue());
            bytes += size;
        }
        if (!groups.isEmpty()) {
            chunks.add(DeliveryItems.chunk(deliveryId, chunks.size(), groups, expires));
        }
        Map<String, AttributeValue> marker = DeliveryItems.writing(deliveryId, chunks.size(), now, expires);
        if (chunks.size() == 1) {
            // one chunk and its marker in one BatchWriteItem: whichever lands alone, a retry reads a journal that
            // holds all an earlier attempt wrote (a journal only grows from attempt to attempt, and a single chunk
            // replaces a single chunk), and nothing was written by this attempt until both landed
            table.batchPut(List.of(chunks.get(0), marker), "delivery journal");
            return;
        }
        table.batchPut(chunks, "delivery journal");
        table.put(marker);
    }

    @Override
    public Set<String> counted(Collection<String> planKeys, String deliveryId) {
        return plans.counted(planKeys, deliveryId);
    }

    /** Marks the delivery done: {@code recordedAt} on its marker, the journal it names kept until both expire. */
    @Override
    public void recordDelivery(String deliveryId, Instant now) {
        Map<String, AttributeValue> values = Map.of(":r", DeliveryItems.RECORDED_AT.value(now.toString()),
                ":e", DeliveryItems.EXPIRES_AT.value(now.plus(config.deliveryTtl()).getEpochSecond()));
        table.call(() -> table.dynamo().updateItem(b -> b.tableName(table.name())
                .key(VerdictTable.key(DeliveryItems.markerId(deliveryId)))
                .updateExpression("SET recordedAt = :r, expiresAt = :e").expressionAttributeValues(values)));
    }
}
