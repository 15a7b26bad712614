package dev.soctriage.triage;

import java.util.Optional;

import dev.soctriage.group.EventGroup;

/**
 * The outcome of triaging one group.
 *
 * @param finding     empty when the group was judged benign
 * @param llmCalls    model calls made for this group (retries included)
 * @param modelBenign true when the model answered, validly, that the group is benign
 * @param about       what the finding is about: the group, or for a cross-actor group whose finding
 *                    names one of its actors, that actor's part ({@link EventGroup#narrowedTo}); null
 *                    when there is no finding
 */
public record Judgement(Optional<Finding> finding, int llmCalls, boolean modelBenign, EventGroup about) {
    public Judgement(Optional<Finding> finding, int llmCalls) {
        this(finding, llmCalls, false, null);
    }
}
