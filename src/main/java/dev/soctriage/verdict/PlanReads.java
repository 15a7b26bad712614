package dev.soctriage.verdict;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.soctriage.verdict.VerdictItems.Stored;

/**
 * What the store reads of many plans at once ({@link DynamoOpenPlans}, {@link DynamoDeliveryMarkers}),
 * each a {@code BatchGetItem} per 100 items, strongly consistent: their generations, their current
 * verdicts ({@link PlanStates}), which counted a delivery.
 */
final class PlanReads {
    private final VerdictTable table;

    PlanReads(VerdictTable table) {
        this.table = table;
    }

    /** The current generation of each plan that has a plan item. */
    Map<String, Long> generations(Collection<String> planKeys) {
        Map<String, String> byPlanId = new HashMap<>();
        planKeys.forEach(k -> byPlanId.put(PlanItems.id(k), k));
        Map<String, Long> generations = new HashMap<>();
        for (Map<String, AttributeValue> plan : table.batchGet(byPlanId.keySet(), true, PlanItems.PROJECTION, Map.of(),
                "open plans")) {
            String planKey = byPlanId.get(plan.get("id").s());
            Long generation = PlanItems.GENERATION.get(plan);
            if (planKey != null && generation != null) {
                generations.put(planKey, generation);
            }
        }
        return generations;
    }

    /** The verdicts of {@code ids} that exist, by id. */
    Map<String, Stored> verdicts(Collection<String> ids) {
        Map<String, Stored> verdicts = new HashMap<>();
        for (Map<String, AttributeValue> v : table.batchGet(ids, true, null, Map.of(), "open verdicts")) {
            if (VerdictItems.STATUS.in(v)) {
                verdicts.put(v.get("id").s(), VerdictItems.stored(v));
            }
        }
        return verdicts;
    }

    /**
     * What the store holds of {@code planKeys} ({@link PlanStates}): the plan items ({@link #generations}), then
     * their current verdicts, whole, each in one {@code BatchGetItem} per 100 (strongly consistent); the second
     * read only when a plan item was found.
     */
    PlanStates states(Collection<String> planKeys) {
        Map<String, Long> generations = generations(planKeys);
        List<String> ids = new ArrayList<>(generations.size());
        generations.forEach((planKey, g) -> ids.add(VerdictIds.of(planKey, g)));
        Map<String, Stored> verdicts = ids.isEmpty() ? Map.of() : verdicts(ids);
        return new PlanStates(Set.copyOf(planKeys), generations, verdicts);
    }

    /**
     * Of {@code planKeys}, those whose verdict — the plan's current generation, or the one before it when
     * the plan advanced past a decision — lists {@code deliveryId} as counted: what an earlier attempt of
     * that delivery wrote. Two or three batch reads per 100 plans.
     */
    Set<String> counted(Collection<String> planKeys, String deliveryId) {
        String mark = VerdictItems.deliveryMark(deliveryId);
        Map<String, String> byVerdictId = new HashMap<>();
        generations(planKeys).forEach((planKey, g) -> {
            byVerdictId.put(VerdictIds.of(planKey, g), planKey);
            if (g > 1) {
                byVerdictId.put(VerdictIds.of(planKey, g - 1), planKey);
            }
        });
        Set<String> counted = new HashSet<>();
        for (Map<String, AttributeValue> v : table.batchGet(byVerdictId.keySet(), true, "id, deliveryIds", Map.of(),
                "counted deliveries")) {
            if (VerdictItems.DELIVERY_IDS.get(v, List.of()).contains(mark)) {
                counted.add(byVerdictId.get(v.get("id").s()));
            }
        }
        return counted;
    }
}
