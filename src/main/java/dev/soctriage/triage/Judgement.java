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
 * @param group       the group that was judged (null when not known: judgements built by hand)
 * @param notAsked    why a configured model was not asked about it (the rules judged), or null
 */
public record Judgement(Optional<Finding> finding, int llmCalls, boolean modelBenign, EventGroup about,
        EventGroup group, String notAsked) {
    public Judgement(Optional<Finding> finding, int llmCalls, boolean modelBenign, EventGroup about) {
        this(finding, llmCalls, modelBenign, about, null, null);
    }

    public Judgement(Optional<Finding> finding, int llmCalls) {
        this(finding, llmCalls, false, null);
    }

    /** This judgement of {@code judged}. */
    Judgement of(EventGroup judged) {
        return new Judgement(finding, llmCalls, modelBenign, about, judged, notAsked);
    }

    /** This judgement, made by the rules because the model was not asked, for {@code why}. */
    Judgement notAsked(String why) {
        return new Judgement(finding, llmCalls, modelBenign, about, group, why);
    }
}
