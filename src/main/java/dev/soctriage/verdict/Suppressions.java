package dev.soctriage.verdict;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Analyst feedback: the groups whose events are not judged until a date, because a verdict they joined
 * was rejected as a false positive (docs/approval.md), and the events each dropped meanwhile.
 * Failures: {@link VerdictNotFoundException} (no such verdict), {@link StoreUnavailableException}
 * (transient).
 */
public interface Suppressions {

    /**
     * Records analyst feedback on a rejected verdict: the events of every group that joined it (their
     * rule and actor) are suppressed until {@code until} (a rejection as {@code false_positive}). A later
     * call replaces the period and resets the counts. @return the group keys suppressed
     */
    List<String> suppressFeedback(String verdictId, Instant until, String by, Instant now);

    /**
     * Records analyst feedback: events of {@code groupKey} are suppressed until {@code until}. A later
     * call replaces the period and resets the count.
     */
    void suppress(String groupKey, Instant until, String by, Instant now);

    /** The suppressions recorded for any of {@code groupKeys}, keyed by group key: one round trip per 100 keys. */
    Map<String, Suppression> suppressions(Collection<String> groupKeys);

    /**
     * Adds {@code events} (negative: takes them back, once a verdict carries them) to the
     * suppression's count of dropped events; does nothing without a suppression.
     */
    void countSuppressed(String groupKey, long events);

    /**
     * The false-positive suppressions in force at {@code now}, newest first, at most {@code limit}: what
     * the console lists so that an analyst sees what is not being judged, and who decided it.
     */
    List<ActiveSuppression> activeSuppressions(Instant now, int limit);

    /**
     * Ends now the suppressions a false-positive rejection of {@code verdictId} made.
     *
     * @return how many there were
     * @throws VerdictNotFoundException no such verdict
     */
    int liftSuppressions(String verdictId, String by, Instant now);

    /**
     * A suppression in force: the rejected verdict that made it, the group key it covers
     * ({@code source|signal|template|actorIp|actorUser}, each part with {@code \} and {@code |} escaped),
     * who rejected it and when, until when, and the events it dropped since.
     */
    record ActiveSuppression(String verdictId, String threatType, String groupKey, String suppressedBy, String recordedAt,
            String suppressedUntil, long suppressedEvents) {
    }

    /** Analyst feedback on a group: suppressed until {@code until}; {@code events} dropped meanwhile, not yet shown. */
    record Suppression(Instant until, long events) {
    }
}
