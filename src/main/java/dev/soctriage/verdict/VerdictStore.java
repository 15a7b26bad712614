package dev.soctriage.verdict;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /**
     * Records one delivery's finding for a plan (docs/contract.md, invariant 6): joins the plan's open
     * verdict ({@code PENDING} or {@code DISPATCH_FAILED}), or opens one (after a decided one: linked to
     * it), or, when that delivery was counted before, adds nothing. Exact under retries and concurrent
     * invocations, with conditional writes only.
     *
     * @throws StoreUnavailableException transient, or contention that did not settle
     */
    Recorded record(Contribution contribution);

    /**
     * {@link #record} for many contributions of distinct plans, written in parallel batches: their plans
     * and verdicts read together, then at most {@code store.write-concurrency} conditional writes at once,
     * in the order given (most pressing first). None is started once the clock passed {@code deadline}.
     *
     * @return at the position of each contribution what {@link #record} did, or null when it was not
     *         reached before the deadline (nothing of it written)
     * @throws StoreUnavailableException transient, or contention that did not settle
     */
    List<Recorded> recordAll(List<Contribution> contributions, Instant deadline);

    Optional<Verdict> find(String id);

    /**
     * SnapStart priming (docs/startup.md): builds, marshals and signs the requests that listing the queue,
     * reading a verdict and recording {@code contribution} (null: the reads only) send, and sends none —
     * nothing is read or written, no credential of the function is resolved, no connection is opened.
     *
     * @return how many requests went through the client up to transmission
     */
    int prime(Contribution contribution);

    /**
     * The severity of the open verdict of each of {@code planKeys} that has one (docs/contract.md,
     * invariant 6): what ingest-triage asks before a model call, so that more of a threat already on
     * the analyst's screen joins it without asking again. Two round trips per 100 plans.
     */
    Map<String, Severity> openSeverities(Collection<String> planKeys);

    /**
     * Verdicts in {@code status} with at least {@code minSeverity} (null: all), in {@code order}:
     * {@link Order#SEVERITY} critical first, then newest first; {@link Order#LAST_SEEN} latest activity
     * first (a page may then hold fewer than {@code limit} items when a severity is given: keep following
     * {@code nextToken}).
     *
     * @param limit     1..100
     * @param nextToken null for the first page, else the token of the previous page of the same query
     */
    Page list(Status status, Severity minSeverity, Order order, int limit, String nextToken);

    /** {@link #list(Status, Severity, Order, int, String)} in the queue's order, severity first. */
    default Page list(Status status, Severity minSeverity, int limit, String nextToken) {
        return list(status, minSeverity, Order.SEVERITY, limit, nextToken);
    }

    /**
     * Claims an approvable verdict ({@code PENDING} or {@code DISPATCH_FAILED}) for one dispatch to Kestra, unless another
     * unexpired claim holds it. The status stays as it is; only the claim's holder may finish it.
     *
     * <p>The verdict returned is what the approval dispatches: findings that join the verdict while the
     * claim holds (docs/contract.md, invariant 6) are kept on it but change nothing that was claimed.
     *
     * @return the verdict, whether an earlier claim expired unfinished (that approval stopped
     *         somewhere between claiming and recording, perhaps after Kestra had created its execution),
     *         and whether its last failed dispatch may still create an execution (see {@link #dispatchFailed})
     * @throws VerdictConflictException not approvable, or claimed by another approval still under way
     */
    Claim claim(String id, String claimToken, Instant now, Instant claimUntil);

    /** Finishes a claim: {@code APPROVED} with the execution id. */
    Verdict approved(String id, String claimToken, Decision decision, String executionId);

    /**
     * Finishes a claim: {@code DISPATCH_FAILED} with the error kept. {@code unsettled}: the failed
     * dispatch may still have created an execution (its answer was lost); false when Kestra certainly
     * created none (it refused the request, or none was sent). The next {@link #claim} tells which.
     */
    Verdict dispatchFailed(String id, String claimToken, Decision decision, String error, boolean unsettled);

    /**
     * {@code PENDING → REJECTED}, unless an approval holds a claim on it — one under way, or one that
     * stopped unfinished and may have created a Kestra execution: then {@link VerdictConflictException}.
     */
    default Verdict reject(String id, Decision decision) {
        return reject(id, decision, null);
    }

    /**
     * {@code PENDING → REJECTED} by the holder of {@code claimToken} (null: by nobody's claim), who made
     * sure that no earlier approval's execution exists.
     */
    Verdict reject(String id, Decision decision, String claimToken);

    /** {@code APPROVED → REMEDIATED | REMEDIATION_FAILED}, only for the verdict's own execution id. */
    Verdict outcome(String id, String executionId, boolean success, String detail, Instant at);

    /**
     * What is known of a delivery: fully processed before, or begun by an attempt that wrote verdicts and
     * failed before its end (the journal it left), or new.
     */
    Delivery delivery(String deliveryId);

    /** True when this delivery was fully processed before. */
    default boolean deliverySeen(String deliveryId) {
        return delivery(deliveryId).done();
    }

    /**
     * Records, before the first verdict write of a delivery, the plan each of its groups goes to
     * ({@code groupPlans}: group digest → plan key), so that a retry after a failure lands where this
     * attempt wrote (docs/contract.md, invariant 4). Replaces an earlier attempt's journal.
     */
    void journal(String deliveryId, Map<String, String> groupPlans, Instant now);

    /** Of {@code planKeys}, those whose verdict counted {@code deliveryId}: written by an earlier attempt. */
    Set<String> counted(Collection<String> planKeys, String deliveryId);

    /** Records that a delivery was fully processed (after all its verdicts were written). */
    void recordDelivery(String deliveryId, Instant now);

    /**
     * A delivery before it is processed: {@code done} (answer from the marker), else the journal an
     * earlier attempt left (group digest → plan key; empty when none).
     */
    record Delivery(boolean done, Map<String, String> journal) {
        public static final Delivery NEW = new Delivery(false, Map.of());
    }

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

    /**
     * A claim on a verdict; {@code interrupted}: an earlier claim on it expired without being finished;
     * {@code unsettledDispatch}: the verdict is {@code DISPATCH_FAILED} by a dispatch that may still have
     * created an execution (recorded so by {@link #dispatchFailed}, or before that was recorded at all).
     */
    record Claim(Verdict verdict, boolean interrupted, boolean unsettledDispatch) {
    }

    /** The order of a listing: {@code severity} (the queue's) or {@code lastSeen} (latest activity first). */
    enum Order {
        SEVERITY("severity"), LAST_SEEN("lastSeen");

        private final String wire;

        Order(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** @throws IllegalArgumentException naming the allowed values */
        public static Order fromWire(String s) {
            for (Order o : values()) {
                if (o.wire.equals(s)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("order must be severity or lastSeen");
        }
    }

    /**
     * What {@link #record} did: {@code CREATED} a verdict, {@code JOINED} the open one, or found the
     * delivery already counted ({@code DUPLICATE}); {@code verdict} is the verdict as written (or found).
     */
    record Recorded(Outcome outcome, Verdict verdict) {
        public enum Outcome {
            CREATED, JOINED, DUPLICATE
        }
    }

    /** Who decided, when, and their words. */
    record Decision(String by, Instant at, String comment) {
    }

    /** One page of a listing; {@code nextToken} null on the last page. */
    record Page(List<Verdict> items, String nextToken) {
    }
}
