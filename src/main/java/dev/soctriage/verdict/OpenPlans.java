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
    List<Recorded> recordAll(List<Contribution> contributions, Instant deadline);

    /**
     * The severity of the open verdict of each of {@code planKeys} that has one (docs/contract.md,
     * invariant 6): what ingest-triage asks before a model call, so that more of a threat already on
     * the analyst's screen joins it without asking again. Two round trips per 100 plans.
     */
    Map<String, Severity> openSeverities(Collection<String> planKeys);

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
