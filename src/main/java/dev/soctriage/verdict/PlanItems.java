package dev.soctriage.verdict;

import java.util.HashMap;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.soctriage.text.Digests;

/**
 * The plan item's shape: {@code p_<digest of the plan key>}, the plan key and the plan's current
 * {@code generation} (the open verdict's id is {@link VerdictIds#of(String, long)} of both). No
 * {@code status}, so never in an index.
 */
final class PlanItems {
    static final Attribute<String> PLAN_KEY = Attribute.string("planKey");
    static final Attribute<Long> GENERATION = Attribute.number("generation");
    /** What a batch read of plans projects. */
    static final String PROJECTION = "id, " + GENERATION.name();

    private PlanItems() {
    }

    /** {@code p_} and 32 hex digits. */
    static String id(String planKey) {
        return "p_" + Digests.sha256Hex("plan", planKey).substring(0, 32);
    }

    static Map<String, AttributeValue> item(String planKey, long generation) {
        Map<String, AttributeValue> plan = new HashMap<>(VerdictTable.key(id(planKey)));
        PLAN_KEY.put(plan, planKey);
        GENERATION.put(plan, generation);
        return plan;
    }
}
