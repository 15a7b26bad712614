package dev.soctriage.verdict;

import java.util.List;

/**
 * What one delivery brings to one plan (docs/contract.md, invariant 6): the verdict as it would open
 * if none were open (one delivery, one timeline entry), the delivery it came from, and the feedback
 * keys (rule and actor of each group) that a false-positive rejection of the verdict suppresses.
 *
 * @param planKey      {@link VerdictIds#planKey}
 * @param deliveryId   {@code LogBatch.deliveryId}: the same when the same input is delivered again
 * @param verdict      a valid PENDING verdict; its id is replaced by the plan's open verdict's
 * @param feedbackKeys what a {@code false_positive} rejection suppresses
 */
public record Contribution(String planKey, String deliveryId, Verdict verdict, List<String> feedbackKeys) {
}
