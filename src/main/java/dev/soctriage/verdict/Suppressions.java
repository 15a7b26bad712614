package dev.soctriage.verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import dev.soctriage.model.Status;

import dev.soctriage.text.Digests;
import dev.soctriage.verdict.VerdictStore.Suppression;

/**
 * Analyst feedback in the verdict table: one item {@code s_<digest of the feedback key>} per suppressed
 * key, with its end, who made it, when, and the events it dropped since. Kept past its end by
 * {@code store.pending-ttl}, so that the first verdict after it can carry what was dropped.
 */
final class Suppressions {
    private static final Logger LOG = Logger.getLogger(Suppressions.class);
    /** the rejection reason that suppresses (docs/approval.md) */
    static final String FALSE_POSITIVE = "false_positive";
    /** rejected verdicts read, at most, to list the suppressions in force */
    static final int MAX_REJECTED_READ = 2_000;

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

    /**
     * Suppresses {@code groupKey} until {@code until}, replacing an earlier period and its count.
     *
     * @param verdictId the verdict whose rejection made it, or null
     */
    void suppress(String groupKey, String verdictId, Instant until, String by, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(id(groupKey)));
        if (verdictId != null) {
            item.put("verdictId", AttributeValue.fromS(verdictId));
        }
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

    /**
     * The suppressions in force at {@code now} that false-positive rejections made, newest rejections
     * first: the rejected verdicts are read from the status index ({@code REJECTED}, at most
     * {@link #MAX_REJECTED_READ} of them), then their groups' suppressions in one batch per 100.
     */
    List<VerdictStore.ActiveSuppression> active(Instant now, int limit) {
        Map<String, Map<String, AttributeValue>> byKey = new LinkedHashMap<>();
        Map<String, AttributeValue> start = null;
        int read = 0;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = store.call(() -> dynamo.query(b -> b.tableName(table).indexName(VerdictItems.STATUS_INDEX)
                    .keyConditionExpression("#s = :r").expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(Status.REJECTED.name())))
                    .scanIndexForward(false).limit(100).exclusiveStartKey(from)));
            for (Map<String, AttributeValue> v : page.items()) {
                AttributeValue comment = v.get("comment");
                if (comment != null && FALSE_POSITIVE.equalsIgnoreCase(comment.s().strip())) {
                    for (String k : VerdictItems.stored(v).feedbackKeys()) {
                        byKey.putIfAbsent(k, v);
                    }
                }
            }
            read += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && read < MAX_REJECTED_READ);
        Map<String, String> keyById = new HashMap<>();
        byKey.keySet().forEach(k -> keyById.put(id(k), k));
        List<VerdictStore.ActiveSuppression> out = new ArrayList<>();
        for (Map<String, AttributeValue> s : BatchReads.get(dynamo, table, keyById.keySet(), true, null, Map.of(),
                store::call, "suppressions")) {
            Optional<Suppression> sup = toSuppression(s);
            if (sup.isEmpty() || !sup.get().until().isAfter(now)) {
                continue;
            }
            String groupKey = keyById.get(s.get("id").s());
            Map<String, AttributeValue> v = byKey.get(groupKey);
            out.add(new VerdictStore.ActiveSuppression(v.get("id").s(), str(v, "threatType"), groupKey,
                    str(s, "suppressedBy"), str(s, "recordedAt"), sup.get().until().toString(), sup.get().events()));
        }
        out.sort(java.util.Comparator.comparing(VerdictStore.ActiveSuppression::recordedAt,
                java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder())));
        return out.subList(0, Math.min(limit, out.size()));
    }

    /**
     * Ends now the suppressions of {@code groupKeys}, naming who lifted them: their groups are judged
     * again from the next delivery. @return how many there were
     */
    int lift(Collection<String> groupKeys, String by, Instant now) {
        int lifted = 0;
        for (String k : groupKeys) {
            // one conditional write per key (no read first: approve's role reads items one by one)
            try {
                store.call(() -> dynamo.updateItem(b -> b.tableName(table).key(key(id(k)))
                        .updateExpression("SET suppressedUntil = :now, liftedBy = :by, liftedAt = :now")
                        .conditionExpression("attribute_exists(id)")
                        .expressionAttributeValues(Map.of(":now", AttributeValue.fromS(now.toString()),
                                ":by", AttributeValue.fromS(by)))));
                lifted++;
            } catch (ConditionalCheckFailedException gone) {
                LOG.debugf("no suppression %s to lift", id(k));
            }
        }
        return lifted;
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
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
