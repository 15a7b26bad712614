package dev.soctriage.verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import dev.soctriage.model.Status;

/**
 * {@link Suppressions} in the verdict table: one item per suppressed feedback key ({@link SuppressionItems}),
 * with its end, who made it, when, and the events it dropped since. Kept past its end by
 * {@code store.pending-ttl}, so that the first verdict after it can carry what was dropped.
 */
@ApplicationScoped
public class DynamoSuppressions implements Suppressions {
    private static final Logger LOG = Logger.getLogger(DynamoSuppressions.class);
    /** the rejection reason that suppresses (docs/approval.md) */
    static final String FALSE_POSITIVE = "false_positive";
    /** rejected verdicts read, at most, to list the suppressions in force */
    static final int MAX_REJECTED_READ = 2_000;

    private final VerdictTable table;
    private final StoreConfig config;

    public DynamoSuppressions(DynamoDbClient dynamo, StoreConfig config) {
        this.table = new VerdictTable(dynamo, config, "verdict store");
        this.config = config;
    }

    @Override
    public List<String> suppressFeedback(String verdictId, Instant until, String by, Instant now) {
        List<String> keys = feedbackKeys(verdictId);
        for (String k : keys) {
            suppress(k, verdictId, until, by, now);
        }
        return keys;
    }

    @Override
    public void suppress(String groupKey, Instant until, String by, Instant now) {
        suppress(groupKey, null, until, by, now);
    }

    @Override
    public int liftSuppressions(String verdictId, String by, Instant now) {
        return lift(feedbackKeys(verdictId), by, now);
    }

    /** The feedback keys the verdict's false-positive rejection suppresses. */
    private List<String> feedbackKeys(String verdictId) {
        Map<String, AttributeValue> item = table.get(verdictId);
        if (item == null || !VerdictItems.STATUS.in(item)) {
            throw new VerdictNotFoundException(verdictId);
        }
        return VerdictItems.stored(item).feedbackKeys();
    }

    /**
     * Suppresses {@code groupKey} until {@code until}, replacing an earlier period and its count.
     *
     * @param verdictId the verdict whose rejection made it, or null
     */
    private void suppress(String groupKey, String verdictId, Instant until, String by, Instant now) {
        table.put(SuppressionItems.item(groupKey, verdictId, until, by, now,
                until.plus(config.pendingTtl()).getEpochSecond()));
    }

    /** The suppressions of any of {@code groupKeys}, by key: one round trip per 100 keys. */
    @Override
    public Map<String, Suppression> suppressions(Collection<String> groupKeys) {
        Map<String, String> byId = new HashMap<>();
        for (String k : groupKeys) {
            byId.put(id(k), k);
        }
        Map<String, Suppression> found = new HashMap<>();
        for (Map<String, AttributeValue> item : table.batchGet(byId.keySet(), true, null, Map.of(), "suppressions")) {
            SuppressionItems.suppression(item).ifPresent(s -> found.put(byId.get(item.get("id").s()), s));
        }
        return found;
    }

    /**
     * The suppressions in force at {@code now} that false-positive rejections made, newest rejections
     * first: the rejected verdicts are read from the status index ({@code REJECTED}, at most
     * {@link #MAX_REJECTED_READ} of them), then their groups' suppressions in one batch per 100.
     */
    @Override
    public List<ActiveSuppression> activeSuppressions(Instant now, int limit) {
        Map<String, Map<String, AttributeValue>> byKey = new LinkedHashMap<>();
        Map<String, AttributeValue> start = null;
        int read = 0;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = table.call(() -> table.dynamo().query(b -> b.tableName(table.name())
                    .indexName(VerdictItems.STATUS_INDEX)
                    .keyConditionExpression("#s = :r").expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(Status.REJECTED.name())))
                    .scanIndexForward(false).limit(100).exclusiveStartKey(from)));
            for (Map<String, AttributeValue> v : page.items()) {
                String comment = VerdictItems.COMMENT.get(v);
                if (comment != null && FALSE_POSITIVE.equalsIgnoreCase(comment.strip())) {
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
        List<ActiveSuppression> out = new ArrayList<>();
        for (Map<String, AttributeValue> s : table.batchGet(keyById.keySet(), true, null, Map.of(), "suppressions")) {
            Optional<Suppression> sup = SuppressionItems.suppression(s);
            if (sup.isEmpty() || !sup.get().until().isAfter(now)) {
                continue;
            }
            String groupKey = keyById.get(s.get("id").s());
            Map<String, AttributeValue> v = byKey.get(groupKey);
            out.add(new ActiveSuppression(VerdictItems.ID.get(v), VerdictItems.THREAT_TYPE.get(v), groupKey,
                    SuppressionItems.SUPPRESSED_BY.get(s), SuppressionItems.RECORDED_AT.get(s),
                    sup.get().until().toString(), sup.get().events()));
        }
        out.sort(java.util.Comparator.comparing(ActiveSuppression::recordedAt,
                java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder())));
        return out.subList(0, Math.min(limit, out.size()));
    }

    /**
     * Ends now the suppressions of {@code groupKeys}, naming who lifted them: their groups are judged
     * again from the next delivery. @return how many there were
     */
    private int lift(Collection<String> groupKeys, String by, Instant now) {
        int lifted = 0;
        for (String k : groupKeys) {
            // one conditional write per key (no read first: approve's role reads items one by one)
            try {
                table.call(() -> table.dynamo().updateItem(b -> b.tableName(table.name()).key(key(id(k)))
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

    /** Adds {@code events} (negative: takes them back) to a suppression's count; nothing without one. */
    @Override
    public void countSuppressed(String groupKey, long events) {
        try {
            table.call(() -> table.dynamo().updateItem(b -> b.tableName(table.name()).key(key(id(groupKey)))
                    .updateExpression("ADD suppressedEvents :n").conditionExpression("attribute_exists(id)")
                    .expressionAttributeValues(Map.of(":n", SuppressionItems.SUPPRESSED_EVENTS.value(events)))));
        } catch (ConditionalCheckFailedException e) {
            // the suppression expired and was deleted between the caller's check and this count
            LOG.debugf("no suppression left to count for %s", id(groupKey));
        }
    }

    private static String id(String groupKey) {
        return SuppressionItems.id(groupKey);
    }

    private static Map<String, AttributeValue> key(String id) {
        return VerdictTable.key(id);
    }
}
