package dev.soctriage.verdict;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;

/**
 * Where verdicts live. Every state change is one conditional write: a call that loses a race, or is
 * repeated, changes nothing and says why through a domain exception.
 *
 * <p>Domain exceptions: {@link VerdictNotFoundException} (no such id), {@link VerdictConflictException}
 * (the verdict is not in a state that allows the change; carries the current verdict),
 * {@link InvalidPageTokenException} (a {@code nextToken} this store did not issue for this query),
 * {@link StoreUnavailableException} (transient: throttling, network; the caller fails so the platform
 * retries).
 */
public interface VerdictStore {

    /** Writes a new verdict unless one with its id exists. @return false when it existed (a redelivery). */
    boolean create(Verdict verdict);

    Optional<Verdict> find(String id);

    /**
     * Verdicts in {@code status} with at least {@code minSeverity} (null: all), critical first, then
     * newest first.
     *
     * @param limit     1..100
     * @param nextToken null for the first page, else the token of the previous page of the same query
     */
    Page list(Status status, Severity minSeverity, int limit, String nextToken);

    /**
     * Claims an approvable verdict ({@code PENDING} or {@code DISPATCH_FAILED}) for one dispatch to Kestra, unless another
     * unexpired claim holds it. The status stays as it is; only the claim's holder may finish it.
     *
     * @return the verdict, and whether an earlier claim expired unfinished (that approval stopped
     *         somewhere between claiming and recording, perhaps after Kestra had created its execution)
     * @throws VerdictConflictException not approvable, or claimed by another approval still under way
     */
    Claim claim(String id, String claimToken, Instant now, Instant claimUntil);

    /** Finishes a claim: {@code APPROVED} with the execution id. */
    Verdict approved(String id, String claimToken, Decision decision, String executionId);

    /** Finishes a claim: {@code DISPATCH_FAILED} with the error kept. */
    Verdict dispatchFailed(String id, String claimToken, Decision decision, String error);

    /** {@code PENDING → REJECTED}. */
    Verdict reject(String id, Decision decision);

    /** {@code APPROVED → REMEDIATED | REMEDIATION_FAILED}, only for the verdict's own execution id. */
    Verdict outcome(String id, String executionId, boolean success, String detail, Instant at);

    /** True when this delivery was fully processed before. */
    boolean deliverySeen(String deliveryId);

    /** Records that a delivery was fully processed (after all its verdicts were written). */
    void recordDelivery(String deliveryId, Instant now);

    /**
     * Records analyst feedback: events of {@code groupKey} are suppressed until {@code until} (a rejection
     * as {@code false_positive}). A later call replaces the period and resets the count.
     */
    void suppress(String groupKey, Instant until, String by, Instant now);

    /** The suppressions recorded for any of {@code groupKeys}, keyed by group key: one round trip per 100 keys. */
    Map<String, Suppression> suppressions(Collection<String> groupKeys);

    /**
     * Adds {@code events} (negative: takes them back, once a verdict carries them) to the
     * suppression's count of dropped events; does nothing without a suppression.
     */
    void countSuppressed(String groupKey, long events);

    /** Analyst feedback on a group: suppressed until {@code until}; {@code events} dropped meanwhile, not yet shown. */
    record Suppression(Instant until, long events) {
    }

    /** A claim on a verdict; {@code interrupted}: an earlier claim on it expired without being finished. */
    record Claim(Verdict verdict, boolean interrupted) {
    }

    /** Who decided, when, and their words. */
    record Decision(String by, Instant at, String comment) {
    }

    /** One page of a listing; {@code nextToken} null on the last page. */
    record Page(List<Verdict> items, String nextToken) {
    }
}
