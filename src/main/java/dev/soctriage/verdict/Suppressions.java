package dev.soctriage.verdict;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import dev.soctriage.text.Digests;
import dev.soctriage.verdict.VerdictStore.Suppression;

/**
 * Analyst feedback in the verdict table: one item {@code s_<digest of the feedback key>} per suppressed
 * key, with its end, who made it, when, and the events it dropped since. Kept past its end by
 * {@code store.pending-ttl}, so that the first verdict after it can carry what was dropped.
 */
final class Suppressions {
    private static final Logger LOG = Logger.getLogger(Suppressions.class);

    private final DynamoVerdictStore store;
    private final DynamoDbClient dynamo;
    private final String table;
    private final StoreConfig config;

    Suppressions(DynamoVerdictStore store, DynamoDbClient dynamo, String table, StoreConfig config) {
        this.store = store;
        this.dynamo = dynamo;
        this.table = table;
        this.config = config;
    }

    /** Suppresses {@code groupKey} until {@code until}, replacing an earlier period and its count. */
    void suppress(String groupKey, Instant until, String by, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(id(groupKey)));
        item.put("groupKey", AttributeValue.fromS(groupKey));
        item.put("suppressedUntil", AttributeValue.fromS(until.toString()));
        item.put("suppressedBy", AttributeValue.fromS(by));
        item.put("recordedAt", AttributeValue.fromS(now.toString()));
        item.put("suppressedEvents", VerdictItems.n(0));
        item.put("expiresAt", VerdictItems.n(until.plus(config.pendingTtl()).getEpochSecond()));
        store.call(() -> dynamo.putItem(b -> b.tableName(table).item(item)));
    }

    /** The suppressions of any of {@code groupKeys}, by key: one round trip per 100 keys. */
    Map<String, Suppression> find(Collection<String> groupKeys) {
        Map<String, String> byId = new HashMap<>();
        for (String k : groupKeys) {
            byId.put(id(k), k);
        }
        Map<String, Suppression> found = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchReads.get(dynamo, table, byId.keySet(), true, null, Map.of(),
                store::call, "suppressions")) {
            toSuppression(item).ifPresent(s -> found.put(byId.get(item.get("id").s()), s));
        }
        return found;
    }

    /** Adds {@code events} (negative: takes them back) to a suppression's count; nothing without one. */
    void count(String groupKey, long events) {
        try {
            store.call(() -> dynamo.updateItem(b -> b.tableName(table).key(key(id(groupKey)))
                    .updateExpression("ADD suppressedEvents :n").conditionExpression("attribute_exists(id)")
                    .expressionAttributeValues(Map.of(":n", VerdictItems.n(events)))));
        } catch (ConditionalCheckFailedException e) {
            // the suppression expired and was deleted between the caller's check and this count
            LOG.debugf("no suppression left to count for %s", id(groupKey));
        }
    }

    private static Optional<Suppression> toSuppression(Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey("suppressedUntil")) {
            return Optional.empty();
        }
        AttributeValue events = item.get("suppressedEvents");
        return Optional.of(new Suppression(Instant.parse(item.get("suppressedUntil").s()),
                events == null ? 0 : Long.parseLong(events.n())));
    }

    /** {@code s_} and 32 hex digits of the group key's digest; no {@code status}, so never in an index. */
    static String id(String groupKey) {
        return "s_" + Digests.sha256Hex(groupKey).substring(0, 32);
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }
}
