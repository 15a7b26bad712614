package dev.soctriage.verdict;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;

/**
 * {@link VerdictStore} on one DynamoDB table: partition key {@code id}; two sparse global indexes serve
 * the queue, so listing never scans: {@code status-index} ({@code status}, {@code queueKey}) in severity
 * order and {@code activity-index} ({@code status}, {@code activityKey}) by last activity
 * ({@link Listings}). Delivery markers and journals ({@code d_}, {@code j_}, see {@link Deliveries}),
 * suppressions ({@code s_}, {@link Suppressions}) and open plans ({@code p_}, see {@link OpenPlans})
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
    private final PlanReads reads;
    private final Deliveries deliveries;
    private final Suppressions suppressions;
    private final Clock clock;

    public DynamoVerdictStore(DynamoDbClient dynamo, StoreConfig config, Clock clock) {
        this.dynamo = dynamo;
        this.table = config.table();
        this.config = config;
        this.clock = clock;
        this.reads = new PlanReads(this, dynamo, table);
        this.plans = new OpenPlans(this, dynamo, table, config, reads);
        this.deliveries = new Deliveries(this, dynamo, table, config);
        this.suppressions = new Suppressions(this, dynamo, table, config);
    }

    @Override
    public Recorded record(Contribution contribution) {
        return plans.record(contribution, clock.instant());
    }

    @Override
    public List<Recorded> recordAll(List<Contribution> contributions, Instant deadline) {
        return plans.recordAll(contributions, clock.instant(), clock, deadline, config.writeConcurrency());
    }

    @Override
    public Map<String, Severity> openSeverities(Collection<String> planKeys) {
        return reads.openSeverities(planKeys);
    }

    @Override
    public Set<String> counted(Collection<String> planKeys, String deliveryId) {
        return reads.counted(planKeys, deliveryId);
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
        return Listings.page(this, dynamo, table, status, minSeverity, order, limit, nextToken);
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
    public Delivery delivery(String deliveryId) {
        return deliveries.delivery(deliveryId);
    }

    @Override
    public void journal(String deliveryId, Map<String, String> groupPlans, Instant now) {
        deliveries.journal(deliveryId, groupPlans, now);
    }

    @Override
    public void recordDelivery(String deliveryId, Instant now) {
        deliveries.done(deliveryId, now);
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
            suppressions.suppress(k, verdictId, until, by, now);
        }
        return keys;
    }

    @Override
    public void suppress(String groupKey, Instant until, String by, Instant now) {
        suppressions.suppress(groupKey, null, until, by, now);
    }

    @Override
    public List<ActiveSuppression> activeSuppressions(Instant now, int limit) {
        return suppressions.active(now, limit);
    }

    @Override
    public int liftSuppressions(String verdictId, String by, Instant now) {
        Map<String, AttributeValue> item = call(() -> dynamo.getItem(b -> b.tableName(table)
                .key(key(verdictId)).consistentRead(true))).item();
        if (item == null || !item.containsKey("status")) {
            throw new VerdictNotFoundException(verdictId);
        }
        return suppressions.lift(VerdictItems.stored(item).feedbackKeys(), by, now);
    }

    @Override
    public Map<String, Suppression> suppressions(Collection<String> groupKeys) {
        return suppressions.find(groupKeys);
    }

    @Override
    public void countSuppressed(String groupKey, long events) {
        suppressions.count(groupKey, events);
    }

    /** {@code s_} and 32 hex digits of the group key's digest; no {@code status}, so never in the index. */
    static String suppressionKey(String groupKey) {
        return Suppressions.id(groupKey);
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
