package dev.soctriage.verdict;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import dev.soctriage.model.Status;
import dev.soctriage.verdict.VerdictItems.Stored;

/**
 * {@link OpenPlans} on the verdict table. Invariant 6 (docs/contract.md) on one table without
 * transactions: one open verdict per plan.
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
@ApplicationScoped
public class DynamoOpenPlans implements OpenPlans {
    private static final Logger LOG = Logger.getLogger(DynamoOpenPlans.class);
    /** Rounds before giving up (the invocation then fails and is retried); contention costs a round each. */
    static final int MAX_ROUNDS = 60;
    private static final int MAX_FEEDBACK_KEYS = 50;

    private final VerdictTable table;
    private final StoreConfig config;
    private final PlanReads reads;
    private final Clock clock;

    public DynamoOpenPlans(DynamoDbClient dynamo, StoreConfig config, Clock clock) {
        this.table = new VerdictTable(dynamo, config, "verdict store");
        this.config = config;
        this.reads = new PlanReads(table);
        this.clock = clock;
    }

    @Override
    public Recorded record(Contribution c) {
        return record(c, clock.instant(), null);
    }

    @Override
    public PlanStates read(Collection<String> planKeys) {
        return planKeys.isEmpty() ? PlanStates.NONE : reads.states(planKeys);
    }

    /**
     * What a batch read found of a plan before its first round: its generation (null: no plan item) and
     * that generation's verdict (null: none).
     */
    private record Hint(Long generation, Stored current) {
    }

    /** {@code hint}, when given, stands for the first round's two reads; a lost condition reads again. */
    private Recorded record(Contribution c, Instant now, Hint hint) {
        String planId = PlanItems.id(c.planKey());
        String mark = VerdictItems.deliveryMark(c.deliveryId());
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
     * first in batches ({@code BatchGetItem}, 100 to a call) unless {@code known} has them, then the
     * conditional writes run in parallel, at most {@code store.write-concurrency} at once, in the order given.
     * None starts once the clock passed {@code deadline}: its entry is null (not written).
     */
    @Override
    public List<Recorded> recordAll(List<Contribution> cs, Instant deadline, PlanStates known) {
        Instant now = clock.instant();
        PlanStates states = complete(cs.stream().map(Contribution::planKey).toList(), known);
        Recorded[] out = new Recorded[cs.size()];
        inParallel(cs.size(), i -> {
            Contribution c = cs.get(i);
            if (clock.instant().isBefore(deadline)) {
                Long g = states.generation(c.planKey());
                out[i] = record(c, now, new Hint(g, g == null ? null : states.verdict(VerdictIds.of(c.planKey(), g))));
            }
        });
        return Arrays.asList(out);
    }

    @Override
    public PlanStates open(Collection<String> planKeys, PlanStates known) {
        PlanStates states = complete(planKeys, known);
        List<String> fresh = planKeys.stream().distinct().filter(k -> states.generation(k) == null).toList();
        if (fresh.isEmpty()) {
            return states;
        }
        long[] generations = new long[fresh.size()];
        inParallel(fresh.size(), i -> generations[i] = openPlan(PlanItems.id(fresh.get(i)), fresh.get(i)));
        Map<String, Long> opened = new HashMap<>();
        for (int i = 0; i < fresh.size(); i++) {
            opened.put(fresh.get(i), generations[i]);
        }
        return states.opened(opened);
    }

    /** {@code known} and what the store holds of the plans it does not cover, read in batches. */
    private PlanStates complete(Collection<String> planKeys, PlanStates known) {
        Set<String> missing = known.missing(planKeys);
        return missing.isEmpty() ? known : known.with(reads.states(missing));
    }

    /**
     * Runs {@code step} for 0..n-1 on the worker pool, at most {@code store.write-concurrency} at once; returns
     * when all ended (each ends after a bounded number of rounds), a failure thrown as itself.
     */
    private void inParallel(int n, IntConsumer step) {
        if (n == 1) {
            step.accept(0); // one write: on the caller's thread, no hop to the worker pool
            return;
        }
        Multi.createFrom().range(0, n)
                .onItem().transformToUni(i -> Uni.createFrom().item(() -> {
                    step.accept(i);
                    return i;
                }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .merge(config.writeConcurrency())
                .collect().last()
                .await().indefinitely();
    }

    private long generation(String planId, String planKey) {
        Map<String, AttributeValue> item = table.get(planId);
        Long generation = item == null ? null : PlanItems.GENERATION.get(item);
        return generation != null ? generation : openPlan(planId, planKey);
    }

    /** Puts the plan item at generation 1 unless one exists; 1 either way (a raced plan is new as well). */
    private long openPlan(String planId, String planKey) {
        Map<String, AttributeValue> plan = PlanItems.item(planKey, 1);
        try {
            table.call(() -> table.dynamo().putItem(b -> b.tableName(table.name()).item(plan)
                    .conditionExpression("attribute_not_exists(id)")));
        } catch (ConditionalCheckFailedException raced) {
            // another invocation opened the plan first: its generation is 1 too
        }
        return 1;
    }

    private void advance(String planId, long generation) {
        try {
            table.call(() -> table.dynamo().updateItem(b -> b.tableName(table.name()).key(VerdictTable.key(planId))
                    .updateExpression("SET generation = :next").conditionExpression("generation = :g")
                    .expressionAttributeValues(Map.of(":g", PlanItems.GENERATION.value(generation),
                            ":next", PlanItems.GENERATION.value(generation + 1)))));
        } catch (ConditionalCheckFailedException raced) {
            LOG.debugf("plan %s advanced concurrently", planId);
        }
    }

    private boolean create(Verdict v, Contribution c, List<String> deliveryIds, Instant now) {
        Map<String, AttributeValue> item = VerdictItems.toItem(v);
        VerdictItems.PLAN_KEY.put(item, c.planKey());
        VerdictItems.VERSION.put(item, 1L);
        VerdictItems.DELIVERY_IDS.put(item, deliveryIds);
        VerdictItems.FEEDBACK_KEYS.put(item, Joins.union(List.of(), c.feedbackKeys(), MAX_FEEDBACK_KEYS));
        VerdictItems.EXPIRES_AT.put(item, now.plus(config.pendingTtl()).getEpochSecond());
        try {
            table.call(() -> table.dynamo().putItem(b -> b.tableName(table.name()).item(item)
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
        VerdictItems.DELIVERY_IDS.put(attributes, Joins.remember(current.deliveryIds(), mark));
        VerdictItems.FEEDBACK_KEYS.put(attributes,
                Joins.union(current.feedbackKeys(), c.feedbackKeys(), MAX_FEEDBACK_KEYS));
        VerdictItems.VERSION.put(attributes, current.version() + 1);
        if (current.expires()) {
            // a verdict that keeps growing is not left to expire
            VerdictItems.EXPIRES_AT.put(attributes, now.plus(config.pendingTtl()).getEpochSecond());
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
            values.put(":v", VerdictItems.VERSION.value(current.version()));
            condition += "version = :v";
        }
        String expression = "SET " + String.join(", ", sets);
        String cond = condition;
        try {
            table.call(() -> table.dynamo().updateItem(b -> b.tableName(table.name())
                    .key(VerdictTable.key(current.verdict().id()))
                    .updateExpression(expression).conditionExpression(cond).expressionAttributeNames(names)
                    .expressionAttributeValues(values)));
            return true;
        } catch (ConditionalCheckFailedException raced) {
            return false;
        }
    }

    private Stored get(String id) {
        Map<String, AttributeValue> item = table.get(id);
        return item == null || !VerdictItems.STATUS.in(item) ? null : VerdictItems.stored(item);
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
}
