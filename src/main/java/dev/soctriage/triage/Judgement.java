package dev.soctriage.triage;

import java.util.Optional;

/**
 * The outcome of triaging one group.
 *
 * @param finding  empty when the group was judged benign
 * @param llmCalls model calls made for this group (retries included)
 */
public record Judgement(Optional<Finding> finding, int llmCalls) {
}
