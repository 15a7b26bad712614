package dev.soctriage.verdict;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;
import dev.soctriage.verdict.VerdictItems.Stored;

/**
 * What the store reads of many plans at once ({@link OpenPlans}), each a {@code BatchGetItem} per 100
 * items, strongly consistent: their generations, their current verdicts, which are open, which counted
 * a delivery.
 */
final class PlanReads {
    private final DynamoVerdictStore store;
    private final DynamoDbClient dynamo;
    private final String table;

    PlanReads(DynamoVerdictStore store, DynamoDbClient dynamo, String table) {
        this.store = store;
        this.dynamo = dynamo;
        this.table = table;
    }

    /** The current generation of each plan that has a plan item. */
    Map<String, Long> generations(Collection<String> planKeys) {
        Map<String, String> byPlanId = new HashMap<>();
        planKeys.forEach(k -> byPlanId.put(OpenPlans.planItemId(k), k));
        Map<String, Long> generations = new HashMap<>();
        for (Map<String, AttributeValue> plan : BatchReads.get(dynamo, table, byPlanId.keySet(), true,
                "id, generation", Map.of(), store::call, "open plans")) {
            String planKey = byPlanId.get(plan.get("id").s());
            if (planKey != null && plan.containsKey("generation")) {
                generations.put(planKey, Long.parseLong(plan.get("generation").n()));
            }
        }
        return generations;
    }

    /** The verdicts of {@code ids} that exist, by id. */
    Map<String, Stored> verdicts(Collection<String> ids) {
        Map<String, Stored> verdicts = new HashMap<>();
        for (Map<String, AttributeValue> v : BatchReads.get(dynamo, table, ids, true, null, Map.of(), store::call,
                "open verdicts")) {
            if (v.containsKey("status")) {
                verdicts.put(v.get("id").s(), VerdictItems.stored(v));
            }
        }
        return verdicts;
    }

    /**
     * The severity of each plan's open verdict ({@code PENDING}, {@code DISPATCH_FAILED}), for the plans
     * that have one: the plan items, then their current verdicts, each in one {@code BatchGetItem} per
     * 100 (strongly consistent). A plan decided meanwhile is simply not open: its next finding opens the
     * successor through {@code OpenPlans.record} as always.
     */
    Map<String, Severity> openSeverities(Collection<String> planKeys) {
        Map<String, String> byPlanId = new HashMap<>();
        planKeys.forEach(k -> byPlanId.put(OpenPlans.planItemId(k), k));
        Map<String, String> byVerdictId = new HashMap<>();
        for (Map<String, AttributeValue> plan : BatchReads.get(dynamo, table, byPlanId.keySet(), true,
                "id, generation", Map.of(), store::call, "open plans")) {
            String planKey = byPlanId.get(plan.get("id").s());
            if (planKey != null && plan.containsKey("generation")) {
                byVerdictId.put(VerdictIds.of(planKey, Long.parseLong(plan.get("generation").n())), planKey);
            }
        }
        Map<String, Severity> open = new HashMap<>();
        for (Map<String, AttributeValue> v : BatchReads.get(dynamo, table, byVerdictId.keySet(), true,
                "id, #s, severity", Map.of("#s", "status"), store::call, "open verdicts")) {
            Status status = v.containsKey("status") ? Status.parse(v.get("status").s()) : null;
            if ((status == Status.PENDING || status == Status.DISPATCH_FAILED) && v.containsKey("severity")) {
                open.put(byVerdictId.get(v.get("id").s()), Severity.fromWire(v.get("severity").s()));
            }
        }
        return open;
    }

    /**
     * Of {@code planKeys}, those whose verdict — the plan's current generation, or the one before it when
     * the plan advanced past a decision — lists {@code deliveryId} as counted: what an earlier attempt of
     * that delivery wrote. Two or three batch reads per 100 plans.
     */
    Set<String> counted(Collection<String> planKeys, String deliveryId) {
        String mark = OpenPlans.deliveryMark(deliveryId);
        Map<String, String> byPlanId = new HashMap<>();
        planKeys.forEach(k -> byPlanId.put(OpenPlans.planItemId(k), k));
        Map<String, String> byVerdictId = new HashMap<>();
        for (Map<String, AttributeValue> plan : BatchReads.get(dynamo, table, byPlanId.keySet(), true,
                "id, generation", Map.of(), store::call, "open plans")) {
            String planKey = byPlanId.get(plan.get("id").s());
            if (planKey != null && plan.containsKey("generation")) {
                long g = Long.parseLong(plan.get("generation").n());
                byVerdictId.put(VerdictIds.of(planKey, g), planKey);
                if (g > 1) {
                    byVerdictId.put(VerdictIds.of(planKey, g - 1), planKey);
                }
            }
        }
        Set<String> counted = new HashSet<>();
        for (Map<String, AttributeValue> v : BatchReads.get(dynamo, table, byVerdictId.keySet(), true,
                "id, deliveryIds", Map.of(), store::call, "counted deliveries")) {
            AttributeValue ids = v.get("deliveryIds");
            if (ids != null && ids.hasL() && ids.l().stream().anyMatch(a -> mark.equals(a.s()))) {
                counted.add(byVerdictId.get(v.get("id").s()));
            }
        }
        return counted;
    }
}
