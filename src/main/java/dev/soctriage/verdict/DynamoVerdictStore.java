package dev.soctriage.verdict;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;
import dev.soctriage.text.Digests;

/**
 * {@link VerdictStore} on one DynamoDB table: partition key {@code id}; two sparse global indexes serve
 * the queue, so listing never scans: {@code status-index} ({@code status}, {@code queueKey}) in severity
 * order and {@code activity-index} ({@code status}, {@code activityKey}) by last activity. Delivery
 * markers ({@code d_}), suppressions ({@code s_}) and open plans ({@code p_}, see {@link OpenPlans})
 * share the table with no {@code status}, so they stay out of the indexes. No transactions (dynalite
 * has none): every change is one conditional write.
 */
@ApplicationScoped
public class DynamoVerdictStore implements VerdictStore {
    private static final Logger LOG = Logger.getLogger(DynamoVerdictStore.class);

    private final DynamoDbClient dynamo;
    private final String table;
    private final StoreConfig config;
    private final OpenPlans plans;
    private final Clock clock;

    public DynamoVerdictStore(DynamoDbClient dynamo, StoreConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.table = config.table();
        this.config = config;
        this.clock = clock;
        this.plans = new OpenPlans(this, dynamo, table, config);
    }

    @Override
    public Recorded record(Contribution contribution) {
        return plans.record(contribution, clock.instant());
    }

    @Override
    public Map<String, Severity> openSeverities(Collection<String> planKeys) {
        return plans.openSeverities(planKeys);
    }

    @Override
    public int prime(Contribution contribution) {
        int reads = DryRun.run(() -> dynamo.query(b -> b.tableName(table).indexName(VerdictItems.STATUS_INDEX)
                .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(Status.PENDING.name())))
                .scanIndexForward(false).limit(50).overrideConfiguration(DryRun.OVERRIDE)));
        if (contribution == null) {
            return reads + DryRun.run(() -> dynamo.getItem(b -> b.tableName(table).key(key(VerdictIds.of("priming", 1)))
                    .consistentRead(true).overrideConfiguration(DryRun.OVERRIDE)));
        }
        Map<String, AttributeValue> item = VerdictItems.toItem(contribution.verdict());
        item.put("planKey", AttributeValue.fromS(contribution.planKey()));
        int primed = DryRun.run(() -> dynamo.putItem(b -> b.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(id)").overrideConfiguration(DryRun.OVERRIDE)));
        primed += DryRun.run(() -> dynamo.updateItem(b -> b.tableName(table).key(key(contribution.verdict().id()))
                .updateExpression("SET eventCount = eventCount + :n").conditionExpression("attribute_exists(id)")
                .expressionAttributeValues(Map.of(":n", VerdictItems.n(1))).returnValues(ReturnValue.ALL_NEW)
                .overrideConfiguration(DryRun.OVERRIDE)));
        primed += DryRun.run(() -> dynamo.getItem(b -> b.tableName(table).key(key(contribution.verdict().id()))
                .consistentRead(true).overrideConfiguration(DryRun.OVERRIDE)));
        primed += DryRun.run(() -> dynamo.batchGetItem(b -> b.requestItems(Map.of(table,
                KeysAndAttributes.builder().keys(List.of(key(contribution.verdict().id()))).build()))
                .overrideConfiguration(DryRun.OVERRIDE)));
        return reads + primed;
    }

    @Override
    public Optional<Verdict> find(String id) {
        Map<String, AttributeValue> item = call(() -> dynamo.getItem(b -> b.tableName(table)
                .key(key(id)).consistentRead(true))).item();
        if (item == null || item.isEmpty() || !item.containsKey("status")) {
            return Optional.empty();
        }
        return Optional.of(VerdictItems.fromItem(item));
    }

    @Override
    public Page list(Status status, Severity minSeverity, Order order, int limit, String nextToken) {
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be 1..100");
        }
        Map<String, String> names = new HashMap<>();
        names.put("#s", "status");
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":s", AttributeValue.fromS(status.name()));
        String condition = "#s = :s";
        QueryRequest.Builder q = QueryRequest.builder().tableName(table).scanIndexForward(false).limit(limit);
        if (order == Order.SEVERITY) {
            q.indexName(VerdictItems.STATUS_INDEX);
            if (minSeverity != null) {
                names.put("#q", VerdictItems.QUEUE_KEY);
                values.put(":q", AttributeValue.fromS(minSeverity.rank() + "#"));
                condition += " AND #q >= :q";
            }
        } else {
            q.indexName(VerdictItems.ACTIVITY_INDEX);
            if (minSeverity != null) {
                // the activity index is not ordered by severity: filter (a page may come back short)
                List<String> allowed = new ArrayList<>();
                for (Severity sv : Severity.values()) {
                    if (sv.compareTo(minSeverity) >= 0) {
                        allowed.add(":v" + sv.rank());
                        values.put(":v" + sv.rank(), AttributeValue.fromS(sv.wire()));
                    }
                }
                names.put("#v", "severity");
                q.filterExpression("#v IN (" + String.join(", ", allowed) + ")");
            }
        }
        q.keyConditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values);
        if (nextToken != null) {
            q.exclusiveStartKey(PageTokens.decode(nextToken, status, minSeverity, order));
        }
        QueryRequest request = q.build();
        QueryResponse r = call(() -> dynamo.query(request));
        List<Verdict> items = new ArrayList<>(r.count());
        for (Map<String, AttributeValue> item : r.items()) {
            items.add(VerdictItems.fromItem(item));
        }
        String token = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()
                ? PageTokens.encode(r.lastEvaluatedKey(), status, minSeverity, order)
                : null;
        return new Page(items, token);
    }

    @Override
    public Claim claim(String id, String claimToken, Instant now, Instant claimUntil) {
        // ALL_OLD: the claim changes no verdict field, and the old item tells whether an earlier claim
        // was left unfinished (approved and dispatchFailed remove claimToken)
        UpdateItemRequest r = UpdateItemRequest.builder().tableName(table).key(key(id))
                .updateExpression("SET claimToken = :c, claimUntil = :u")
                .conditionExpression("attribute_exists(id) AND #s IN (:p, :f) "
                        + "AND (attribute_not_exists(claimUntil) OR claimUntil < :now)")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":c", s(claimToken), ":u", n(claimUntil.toEpochMilli()),
                        ":now", n(now.toEpochMilli()), ":p", s(Status.PENDING.name()),
                        ":f", s(Status.DISPATCH_FAILED.name())))
                .returnValues(ReturnValue.ALL_OLD).build();
        try {
            Map<String, AttributeValue> old = call(() -> dynamo.updateItem(r)).attributes();
            Verdict v = VerdictItems.fromItem(old);
            return new Claim(v, old.containsKey("claimToken"),
                    v.status() == Status.DISPATCH_FAILED && !old.containsKey(VerdictItems.DISPATCH_SETTLED));
        } catch (ConditionalCheckFailedException e) {
            Verdict current = find(id).orElseThrow(() -> new VerdictNotFoundException(id));
            throw new VerdictConflictException("verdict is not approvable, or another approval of it is under way",
                    current);
        }
    }

    @Override
    public Verdict approved(String id, String claimToken, Decision d, String executionId) {
        Map<String, AttributeValue> values = decisionValues(d, Status.APPROVED);
        values.put(":c", s(claimToken));
        values.put(":x", s(executionId));
        return update(id, UpdateItemRequest.builder()
                .updateExpression("SET #s = :st, decidedBy = :by, decidedAt = :at, #cm = :cm, kestraExecutionId = :x "
                        + "REMOVE claimToken, claimUntil, dispatchError, expiresAt, " + VerdictItems.DISPATCH_SETTLED)
                .conditionExpression("claimToken = :c")
                .expressionAttributeNames(Map.of("#s", "status", "#cm", "comment"))
                .expressionAttributeValues(values),
                "the approval's claim was lost");
    }

    @Override
    public Verdict dispatchFailed(String id, String claimToken, Decision d, String error, boolean unsettled) {
        Map<String, AttributeValue> values = decisionValues(d, Status.DISPATCH_FAILED);
        values.put(":c", s(claimToken));
        values.put(":e", s(error));
        // the settled mark, not an unsettled one: an item written before the mark existed reads as unsure
        String settled;
        if (unsettled) {
            settled = " REMOVE claimToken, claimUntil, " + VerdictItems.DISPATCH_SETTLED;
        } else {
            values.put(":ds", AttributeValue.fromBool(true));
            settled = ", " + VerdictItems.DISPATCH_SETTLED + " = :ds REMOVE claimToken, claimUntil";
        }
        return update(id, UpdateItemRequest.builder()
                .updateExpression("SET #s = :st, decidedBy = :by, decidedAt = :at, #cm = :cm, dispatchError = :e"
                        + settled)
                .conditionExpression("claimToken = :c")
                .expressionAttributeNames(Map.of("#s", "status", "#cm", "comment"))
                .expressionAttributeValues(values),
                "the approval's claim was lost");
    }

    @Override
    public Verdict reject(String id, Decision d, String claimToken) {
        Map<String, AttributeValue> values = decisionValues(d, Status.REJECTED);
        values.put(":p", s(Status.PENDING.name()));
        // a claim left by an approval (under way, or stopped after it may have reached Kestra) blocks a
        // reject: only its holder, or the one who checked Kestra under a new claim, may decide
        values.put(":c", s(claimToken == null ? "" : claimToken));
        return update(id, UpdateItemRequest.builder()
                .updateExpression("SET #s = :st, decidedBy = :by, decidedAt = :at, #cm = :cm "
                        + "REMOVE expiresAt, claimToken, claimUntil")
                .conditionExpression("attribute_exists(id) AND #s = :p "
                        + "AND (attribute_not_exists(claimToken) OR claimToken = :c)")
                .expressionAttributeNames(Map.of("#s", "status", "#cm", "comment"))
                .expressionAttributeValues(values),
                "verdict is not PENDING, or an approval of it is under way or unfinished");
    }

    @Override
    public Verdict outcome(String id, String executionId, boolean success, String detail, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":st", s((success ? Status.REMEDIATED : Status.REMEDIATION_FAILED).name()));
        values.put(":a", s(Status.APPROVED.name()));
        values.put(":x", s(executionId));
        values.put(":d", s(detail == null ? "" : detail));
        values.put(":t", s(at.toString()));
        return update(id, UpdateItemRequest.builder()
                .updateExpression("SET #s = :st, outcomeDetail = :d, outcomeAt = :t")
                .conditionExpression("attribute_exists(id) AND #s = :a AND kestraExecutionId = :x")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(values),
                "verdict is not APPROVED, or the execution id is not its own");
    }

    @Override
    public boolean deliverySeen(String deliveryId) {
        Map<String, AttributeValue> item = call(() -> dynamo.getItem(b -> b.tableName(table)
                .key(key(deliveryKey(deliveryId))).consistentRead(true))).item();
        return item != null && !item.isEmpty();
    }

    @Override
    public void recordDelivery(String deliveryId, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(deliveryKey(deliveryId)));
        item.put("recordedAt", s(now.toString()));
        item.put("expiresAt", n(now.plus(config.deliveryTtl()).getEpochSecond()));
        call(() -> dynamo.putItem(b -> b.tableName(table).item(item)));
    }

    @Override
    public List<String> suppressFeedback(String verdictId, Instant until, String by, Instant now) {
        Map<String, AttributeValue> item = call(() -> dynamo.getItem(b -> b.tableName(table)
                .key(key(verdictId)).consistentRead(true))).item();
        if (item == null || !item.containsKey("status")) {
            throw new VerdictNotFoundException(verdictId);
        }
        List<String> keys = VerdictItems.stored(item).feedbackKeys();
        for (String k : keys) {
            suppress(k, until, by, now);
        }
        return keys;
    }

    @Override
    public void suppress(String groupKey, Instant until, String by, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(key(suppressionKey(groupKey)));
        item.put("groupKey", s(groupKey));
        item.put("suppressedUntil", s(until.toString()));
        item.put("suppressedBy", s(by));
        item.put("recordedAt", s(now.toString()));
        item.put("suppressedEvents", n(0));
        // kept past its end so the first verdict after it can carry the count of what was dropped
        item.put("expiresAt", n(until.plus(config.pendingTtl()).getEpochSecond()));
        call(() -> dynamo.putItem(b -> b.tableName(table).item(item)));
    }

    @Override
    public Map<String, Suppression> suppressions(Collection<String> groupKeys) {
        Map<String, String> byId = new HashMap<>();
        for (String k : groupKeys) {
            byId.put(suppressionKey(k), k);
        }
        Map<String, Suppression> found = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchReads.get(dynamo, table, byId.keySet(), true, null, Map.of(),
                this::call, "suppressions")) {
            toSuppression(item).ifPresent(s -> found.put(byId.get(item.get("id").s()), s));
        }
        return found;
    }

    private static Optional<Suppression> toSuppression(Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey("suppressedUntil")) {
            return Optional.empty();
        }
        AttributeValue events = item.get("suppressedEvents");
        return Optional.of(new Suppression(Instant.parse(item.get("suppressedUntil").s()),
                events == null ? 0 : Long.parseLong(events.n())));
    }

    @Override
    public void countSuppressed(String groupKey, long events) {
        try {
            call(() -> dynamo.updateItem(b -> b.tableName(table).key(key(suppressionKey(groupKey)))
                    .updateExpression("ADD suppressedEvents :n").conditionExpression("attribute_exists(id)")
                    .expressionAttributeValues(Map.of(":n", n(events)))));
        } catch (ConditionalCheckFailedException e) {
            // the suppression expired and was deleted between the caller's check and this count
            LOG.debugf("no suppression left to count for %s", suppressionKey(groupKey));
        }
    }

    /** {@code s_} and 32 hex digits of the group key's digest; no {@code status}, so never in the index. */
    static String suppressionKey(String groupKey) {
        return "s_" + Digests.sha256Hex(groupKey).substring(0, 32);
    }

    private static String deliveryKey(String deliveryId) {
        return "d_" + deliveryId;
    }

    /** Runs a conditional update returning the new item; a failed condition becomes a domain exception. */
    private Verdict update(String id, UpdateItemRequest.Builder request, String conflict) {
        UpdateItemRequest r = request.tableName(table).key(key(id)).returnValues(ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build();
        try {
            return VerdictItems.fromItem(call(() -> dynamo.updateItem(r)).attributes());
        } catch (ConditionalCheckFailedException e) {
            // dynalite does not return the old item on a failed condition: read it
            Verdict current = find(id).orElseThrow(() -> new VerdictNotFoundException(id));
            throw new VerdictConflictException(conflict, current);
        }
    }

    private Map<String, AttributeValue> decisionValues(Decision d, Status to) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":st", s(to.name()));
        values.put(":by", s(d.by()));
        values.put(":at", s(d.at().toString()));
        values.put(":cm", d.comment() == null ? AttributeValue.fromNul(true) : s(d.comment()));
        return values;
    }

    <T> T call(Supplier<T> op) {
        try {
            return op.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (SdkException e) {
            LOG.warnf("DynamoDB call on %s failed: %s", table, e.getClass().getSimpleName());
            throw new StoreUnavailableException("verdict store unavailable: " + e.getMessage(), e);
        }
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", s(id));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
