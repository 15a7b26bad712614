package dev.soctriage.verdict;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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
 * ({@link Listings}). Delivery markers and journals ({@code d_}, {@code j_}, {@link DynamoDeliveryMarkers}),
 * suppressions ({@code s_}, {@link DynamoSuppressions}) and open plans ({@code p_}, {@link DynamoOpenPlans})
 * share the table with no {@code status}, so they stay out of the indexes. No transactions (dynalite
 * has none): every change is one conditional write.
 */
@ApplicationScoped
public class DynamoVerdictStore implements VerdictStore {
    private final VerdictTable table;

    public DynamoVerdictStore(DynamoDbClient dynamo, StoreConfig config) {
        this.table = new VerdictTable(dynamo, config, "verdict store");
    }

    @Override
    public int prime(Contribution contribution) {
        return StorePriming.prime(table, contribution);
    }

    @Override
    public Optional<Verdict> find(String id) {
        Map<String, AttributeValue> item = table.get(id);
        if (item == null || !VerdictItems.STATUS.in(item)) {
            return Optional.empty();
        }
        return Optional.of(VerdictItems.fromItem(item));
    }

    @Override
    public Page list(Status status, Severity minSeverity, Order order, int limit, String nextToken) {
        return Listings.page(table, status, minSeverity, order, limit, nextToken);
    }

    @Override
    public Claim claim(String id, String claimToken, Instant now, Instant claimUntil) {
        // ALL_OLD: the claim changes no verdict field, and the old item tells whether an earlier claim
        // was left unfinished (approved and dispatchFailed remove claimToken)
        UpdateItemRequest r = UpdateItemRequest.builder().tableName(table.name()).key(key(id))
                .updateExpression("SET claimToken = :c, claimUntil = :u")
                .conditionExpression("attribute_exists(id) AND #s IN (:p, :f) "
                        + "AND (attribute_not_exists(claimUntil) OR claimUntil < :now)")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":c", s(claimToken), ":u", n(claimUntil.toEpochMilli()),
                        ":now", n(now.toEpochMilli()), ":p", s(Status.PENDING.name()),
                        ":f", s(Status.DISPATCH_FAILED.name())))
                .returnValues(ReturnValue.ALL_OLD).build();
        try {
            Map<String, AttributeValue> old = table.call(() -> table.dynamo().updateItem(r)).attributes();
            Verdict v = VerdictItems.fromItem(old);
            return new Claim(v, VerdictItems.CLAIM_TOKEN.in(old),
                    v.status() == Status.DISPATCH_FAILED && !VerdictItems.DISPATCH_SETTLED.in(old));
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
                        + "REMOVE claimToken, claimUntil, dispatchError, expiresAt, " + VerdictItems.DISPATCH_SETTLED.name())
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
            settled = " REMOVE claimToken, claimUntil, " + VerdictItems.DISPATCH_SETTLED.name();
        } else {
            values.put(":ds", VerdictItems.DISPATCH_SETTLED.value(true));
            settled = ", " + VerdictItems.DISPATCH_SETTLED.name() + " = :ds REMOVE claimToken, claimUntil";
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

    /** Runs a conditional update returning the new item; a failed condition becomes a domain exception. */
    private Verdict update(String id, UpdateItemRequest.Builder request, String conflict) {
        UpdateItemRequest r = request.tableName(table.name()).key(key(id)).returnValues(ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build();
        try {
            return VerdictItems.fromItem(table.call(() -> table.dynamo().updateItem(r)).attributes());
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

    private static Map<String, AttributeValue> key(String id) {
        return VerdictTable.key(id);
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
