package dev.soctriage.verdict;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;

/**
 * Where verdicts live, and their lifecycle from the queue to the outcome: read, list, claim, approve,
 * reject, report. How a finding opens or joins a verdict is {@link OpenPlans}; delivery markers are
 * {@link DeliveryMarkers}; analyst feedback is {@link Suppressions}. Every state change is one
 * conditional write: a call that loses a race, or is repeated, changes nothing and says why through a
 * domain exception.
 *
 * <p>Domain exceptions: {@link VerdictNotFoundException} (no such id), {@link VerdictConflictException}
 * (the verdict is not in a state that allows the change; carries the current verdict),
 * {@link InvalidPageTokenException} (a {@code nextToken} this store did not issue for this query),
 * {@link StoreUnavailableException} (transient: throttling, network; the caller fails so the platform
 * retries).
 */
public interface VerdictStore {

    /** The verdict {@code id}, read strongly consistent. */
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

    /** Who decided, when, and their words. */
    record Decision(String by, Instant at, String comment) {
    }

    /** One page of a listing; {@code nextToken} null on the last page. */
    record Page(List<Verdict> items, String nextToken) {
    }
}
