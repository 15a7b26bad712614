package dev.soctriage.pipeline;

import dev.soctriage.group.EventGroup;
import dev.soctriage.triage.Finding;
import dev.soctriage.verdict.Suppressions.Suppression;

/**
 * A group of a delivery as it goes to its verdict.
 *
 * @param judged      the group as grouped (what a retry of the delivery finds again)
 * @param about       what the finding is about: {@code judged}, or one actor's part of it
 * @param finding     what triage found
 * @param suppression the analyst's suppression of {@code about}, if one was recorded
 * @param notAsked    why the model was not asked about it, or null
 */
record Judged(EventGroup judged, EventGroup about, Finding finding, Suppression suppression, String notAsked) {
}
