package dev.soctriage.verdict;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.soctriage.model.Severity;

/**
 * One open verdict per thing to do (docs/contract.md, invariant 6): a delivery's finding for a plan
 * joins the plan's open verdict or opens one, with conditional writes only, exact under retries and
 * concurrent invocations. Failures: {@link StoreUnavailableException} (transient, or contention that did
 * not settle).
 */
public interface OpenPlans {

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
    default List<Recorded> recordAll(List<Contribution> contributions, Instant deadline) {
        return recordAll(contributions, deadline, PlanStates.NONE);
    }

    /**
     * {@link #recordAll(List, Instant)}, the plans of {@code known} (read earlier by {@link #read}) not read
     * again: their state as read stands for the first round's reads. Every write is conditional on the state
     * it was made from, so a plan that changed since costs a lost condition and a fresh read, never a wrong
     * write; what is written is what {@link #recordAll(List, Instant)} writes.
     *
     * @throws StoreUnavailableException transient, or contention that did not settle
     */
    List<Recorded> recordAll(List<Contribution> contributions, Instant deadline, PlanStates known);

    /**
     * What the store holds of {@code planKeys} now: their generations and current verdicts (strongly
     * consistent, two round trips per 100 plans, the second only when a plan exists). What ingest-triage reads
     * before a model call ({@link PlanStates#openSeverities()}: more of a threat already on the analyst's
     * screen joins it without asking again), and hands to {@link #recordAll(List, Instant, PlanStates)}.
     *
     * @throws StoreUnavailableException transient
     */
    PlanStates read(Collection<String> planKeys);

    /**
     * Opens each of {@code planKeys} that has no plan item yet (generation 1, unless another invocation opened
     * it first), reading first those not in {@code known}: what {@link #recordAll(List, Instant, PlanStates)}
     * would do in its first round. It writes no verdict, so it may run before the delivery's journal is in
     * (a plan item without a verdict is what a plan just opened by any invocation looks like).
     *
     * @return {@code known} with these plans as they now stand
     * @throws StoreUnavailableException transient
     */
    PlanStates open(Collection<String> planKeys, PlanStates known);

    /**
     * The severity of the open verdict of each of {@code planKeys} that has one (docs/contract.md,
     * invariant 6): {@link #read}'s {@link PlanStates#openSeverities()}.
     */
    default Map<String, Severity> openSeverities(Collection<String> planKeys) {
        return read(planKeys).openSeverities();
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
}
