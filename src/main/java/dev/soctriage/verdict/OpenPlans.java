package dev.soctriage.verdict;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import dev.soctriage.model.Status;
import dev.soctriage.text.Digests;
import dev.soctriage.verdict.VerdictItems.Stored;
import dev.soctriage.verdict.VerdictStore.Recorded;

/**
 * Invariant 6 (docs/contract.md) on one table without transactions: one open verdict per plan.
 *
 * <p>A plan item {@code p_<digest of the plan key>} holds the plan's current {@code generation}; the
 * open verdict's id is {@link VerdictIds#of(String, long)} of the plan key and that generation, so
 * every invocation that finds the plan names the same verdict. Each step is one conditional write,
 * and a lost condition means "someone else moved first: read again":
 * <ol>
 * <li>no plan item: put generation 1 unless one exists;</li>
 * <li>no verdict of the generation: put it unless it exists (of two invocations that find the same new
 * threat, one creates it and the other, on its next round, joins it);</li>
 * <li>the verdict already lists the delivery: a redelivery, nothing to add;</li>
 * <li>the verdict is open ({@code PENDING}, {@code DISPATCH_FAILED}): join it, on condition that its
 * {@code version} is the one read and it is still open, so no join is lost to a concurrent one and
 * none lands on a verdict decided meanwhile. A claim for approval writes no field a join writes, so
 * evidence keeps arriving while Kestra is called, and the claim's copy is what is dispatched;</li>
 * <li>the verdict was decided: advance the generation unless another invocation did; the next round
 * opens the successor, which names the decided verdict and inherits its delivery ids, so a redelivery
 * of a delivery the decided verdict counted is still refused.</li>
 * </ol>
 */
final class OpenPlans {
    private static final Logger LOG = Logger.getLogger(OpenPlans.class);
    /** Rounds before giving up (the invocation then fails and is retried); contention costs a round each. */
    static final int MAX_ROUNDS = 60;
    private static final int MAX_FEEDBACK_KEYS = 50;

    private final DynamoVerdictStore store;
    private final DynamoDbClient dynamo;
    private final String table;
    private final StoreConfig config;
    private final PlanReads reads;

    OpenPlans(DynamoVerdictStore store, DynamoDbClient dynamo, String table, StoreConfig config, PlanReads reads) {
        this.store = store;
        this.dynamo = dynamo;
        this.table = table;
        this.config = config;
        this.reads = reads;
    }

    Recorded record(Contribution c, Instant now) {
        return record(c, now, null);
    }

    /**
     * What a batch read found of a plan before its first round: its generation (null: no plan item) and
     * that generation's verdict (null: none).
     */
    private record Hint(Long generation, Stored current) {
    }

    /** {@code hint}, when given, stands for the first round's two reads; a lost condition reads again. */
    private Recorded record(Contribution c, Instant now, Hint hint) {
        String planId = planItemId(c.planKey());
        String mark = deliveryMark(c.deliveryId());
        for (int round = 0; round < MAX_ROUNDS; round++) {
            if (round > 2) {
                backOff(round);
            }
            boolean hinted = round == 0 && hint != null;
            long generation = !hinted ? generation(planId, c.planKey())
                    : hint.generation() != null ? hint.generation() : openPlan(planId, c.planKey());
            String id = VerdictIds.of(c.planKey(), generation);
            Stored current = hinted ? hint.current() : get(id);
            if (current == null) {
                Stored previous = generation > 1 ? get(VerdictIds.of(c.planKey(), generation - 1)) : null;
                Verdict opening = Joins.following(c.verdict().withId(id), previous == null ? null : previous.verdict());
                List<String> ids = previous == null ? List.of() : previous.deliveryIds();
                if (create(opening, c, Joins.remember(ids, mark), now)) {
                    return new Recorded(Recorded.Outcome.CREATED, opening);
                }
            } else if (current.deliveryIds().contains(mark)) {
                return new Recorded(Recorded.Outcome.DUPLICATE, current.verdict());
            } else if (current.verdict().status() == Status.PENDING
                    || current.verdict().status() == Status.DISPATCH_FAILED) {
                Verdict joined = Joins.join(current.verdict(), c.verdict());
                if (join(current, joined, c, mark, now)) {
                    return new Recorded(Recorded.Outcome.JOINED, joined);
                }
            } else {
                advance(planId, generation);
            }
        }
        throw new StoreUnavailableException("plan " + planId + ": no write won in " + MAX_ROUNDS + " rounds", null);
    }

    /**
     * Many contributions (distinct plans), as {@link #record} each: the plan items and their verdicts read
     * first in batches ({@code BatchGetItem}, 100 to a call), then the conditional writes run in parallel,
     * at most {@code concurrency} at once, in the order given. None starts once the clock passed
     * {@code deadline}: its entry is null (not written).
     */
    List<Recorded> recordAll(List<Contribution> cs, Instant now, Clock clock, Instant deadline,
            int concurrency) {
        Map<String, Long> generations = reads.generations(cs.stream().map(Contribution::planKey).toList());
        List<String> verdictIds = new ArrayList<>();
        generations.forEach((planKey, g) -> verdictIds.add(VerdictIds.of(planKey, g)));
        Map<String, Stored> verdicts = reads.verdicts(verdictIds);
        Recorded[] out = new Recorded[cs.size()];
        Multi.createFrom().range(0, cs.size())
                .onItem().transformToUni(i -> Uni.createFrom().item(() -> {
                    Contribution c = cs.get(i);
                    if (clock.instant().isBefore(deadline)) {
                        Long g = generations.get(c.planKey());
                        out[i] = record(c, now, new Hint(g, g == null ? null : verdicts.get(VerdictIds.of(c.planKey(), g))));
                    }
                    return i;
                }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .merge(concurrency)
                .collect().last()
                .await().indefinitely(); // each record ends after a bounded number of rounds
        return Arrays.asList(out);
    }

    private long generation(String planId, String planKey) {
        Map<String, AttributeValue> item = store.call(() -> dynamo.getItem(b -> b.tableName(table)
                .key(key(planId)).consistentRead(true))).item();
        if (item != null && item.containsKey("generation")) {
            return Long.parseLong(item.get("generation").n());
        }
        return openPlan(planId, planKey);
    }

    /** Puts the plan item at generation 1 unless one exists; 1 either way (a raced plan is new as well). */
    private long openPlan(String planId, String planKey) {
        Map<String, AttributeValue> plan = new HashMap<>(key(planId));
        plan.put("planKey", AttributeValue.fromS(planKey));
        plan.put("generation", VerdictItems.n(1));
        try {
            store.call(() -> dynamo.putItem(b -> b.tableName(table).item(plan)
                    .conditionExpression("attribute_not_exists(id)")));
        } catch (ConditionalCheckFailedException raced) {
            // another invocation opened the plan first: its generation is 1 too
        }
        return 1;
    }

    private void advance(String planId, long generation) {
        try {
            store.call(() -> dynamo.updateItem(b -> b.tableName(table).key(key(planId))
                    .updateExpression("SET generation = :next").conditionExpression("generation = :g")
                    .expressionAttributeValues(Map.of(":g", VerdictItems.n(generation),
                            ":next", VerdictItems.n(generation + 1)))));
        } catch (ConditionalCheckFailedException raced) {
            LOG.debugf("plan %s advanced concurrently", planId);
        }
    }

    private boolean create(Verdict v, Contribution c, List<String> deliveryIds, Instant now) {
        Map<String, AttributeValue> item = VerdictItems.toItem(v);
        item.put("planKey", AttributeValue.fromS(c.planKey()));
        item.put("version", VerdictItems.n(1));
        item.put("deliveryIds", VerdictItems.list(deliveryIds));
        item.put("feedbackKeys", VerdictItems.list(Joins.union(List.of(), c.feedbackKeys(), MAX_FEEDBACK_KEYS)));
        item.put("expiresAt", VerdictItems.n(now.plus(config.pendingTtl()).getEpochSecond()));
        try {
            store.call(() -> dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(id)")));
            return true;
        } catch (ConditionalCheckFailedException raced) {
            return false;
        }
    }

    private boolean join(Stored current, Verdict joined, Contribution c, String mark, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        int i = 0;
        Map<String, AttributeValue> attributes = VerdictItems.joinedAttributes(joined);
        attributes.put("deliveryIds", VerdictItems.list(Joins.remember(current.deliveryIds(), mark)));
        attributes.put("feedbackKeys",
                VerdictItems.list(Joins.union(current.feedbackKeys(), c.feedbackKeys(), MAX_FEEDBACK_KEYS)));
        attributes.put("version", VerdictItems.n(current.version() + 1));
        if (current.expires()) {
            // a verdict that keeps growing is not left to expire
            attributes.put("expiresAt", VerdictItems.n(now.plus(config.pendingTtl()).getEpochSecond()));
        }
        Map<String, String> names = new HashMap<>();
        for (Map.Entry<String, AttributeValue> a : attributes.entrySet()) {
            names.put("#a" + i, a.getKey());
            values.put(":a" + i, a.getValue());
            sets.add("#a" + i + " = :a" + i);
            i++;
        }
        names.put("#s", "status");
        values.put(":p", AttributeValue.fromS(Status.PENDING.name()));
        values.put(":f", AttributeValue.fromS(Status.DISPATCH_FAILED.name()));
        String condition = "#s IN (:p, :f) AND ";
        if (current.version() == 0) {
            condition += "attribute_not_exists(version)";
        } else {
            values.put(":v", VerdictItems.n(current.version()));
            condition += "version = :v";
        }
        String expression = "SET " + String.join(", ", sets);
        String cond = condition;
        try {
            store.call(() -> dynamo.updateItem(b -> b.tableName(table).key(key(current.verdict().id()))
                    .updateExpression(expression).conditionExpression(cond).expressionAttributeNames(names)
                    .expressionAttributeValues(values)));
            return true;
        } catch (ConditionalCheckFailedException raced) {
            return false;
        }
    }

    private Stored get(String id) {
        Map<String, AttributeValue> item = store.call(() -> dynamo.getItem(b -> b.tableName(table).key(key(id))
                .consistentRead(true))).item();
        return item == null || !item.containsKey("status") ? null : VerdictItems.stored(item);
    }

    /**
     * The jitter of contended writes. Not ThreadLocalRandom: its seed is fixed when the class
     * initialises, so every copy restored from one SnapStart snapshot would draw the same jitter and
     * retry in step; the platform's SecureRandom mixes fresh system entropy into every draw.
     */
    private static final java.security.SecureRandom JITTER = new java.security.SecureRandom();

    private static void backOff(int round) {
        try {
            Thread.sleep(1 + (long) (JITTER.nextDouble() * (5L * Math.min(round, 20) - 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while writing a verdict", e);
        }
    }

    /** {@code p_} and 32 hex digits; no {@code status}, so never in an index. */
    static String planItemId(String planKey) {
        return "p_" + Digests.sha256Hex("plan", planKey).substring(0, 32);
    }

    /** 80 bits of the delivery id's digest: enough to tell deliveries apart, small enough to keep 1000. */
    static String deliveryMark(String deliveryId) {
        return Digests.sha256Hex("delivery", deliveryId).substring(0, 20);
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }
}
