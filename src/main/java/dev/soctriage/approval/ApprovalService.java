package dev.soctriage.approval;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.soctriage.guard.Guard;
import dev.soctriage.model.Action;
import dev.soctriage.model.Status;
import dev.soctriage.remediate.KestraClient;
import dev.soctriage.remediate.KestraDispatchException;
import dev.soctriage.verdict.StoreConfig;
import dev.soctriage.verdict.ThreatMemory;
import dev.soctriage.verdict.Verdict;
import dev.soctriage.verdict.VerdictConflictException;
import dev.soctriage.verdict.VerdictNotFoundException;
import dev.soctriage.verdict.VerdictStore.Decision;
import dev.soctriage.verdict.VerdictStore;
import dev.soctriage.verdict.Suppressions;

/**
 * The decisions on a verdict. Approval is claim → Kestra → finish, so that however often or
 * concurrently it is sent, one approval creates at most one Kestra execution (docs/contract.md, invariant 5):
 * only the holder of the store's conditional claim calls Kestra; the others get a conflict.
 */
@ApplicationScoped
public class ApprovalService {
    private static final Logger LOG = Logger.getLogger(ApprovalService.class);
    /** The rejection reason that records analyst feedback. */
    public static final String FALSE_POSITIVE = "false_positive";

    private final VerdictStore store;
    private final Suppressions suppressions;
    private final KestraClient kestra;
    private final Clock clock;
    private final StoreConfig storeConfig;
    private final FeedbackConfig feedback;
    private final DecisionLog log;
    private final Guard guard;
    private final ThreatMemory threats;

    public ApprovalService(VerdictStore store, Suppressions suppressions, KestraClient kestra, Clock clock, StoreConfig storeConfig,
            FeedbackConfig feedback, DecisionLog log, Guard guard, ThreatMemory threats) {
        this.guard = guard;
        this.threats = threats;
        this.store = store;
        this.suppressions = suppressions;
        this.kestra = kestra;
        this.clock = clock;
        this.storeConfig = storeConfig;
        this.feedback = feedback;
        this.log = log;
    }

    /**
     * {@code PENDING | DISPATCH_FAILED → APPROVED} with Kestra's execution id. A verdict whose earlier
     * dispatch failed, or whose earlier claim expired unfinished, may already have an execution (the
     * answer was lost, not the request): Kestra is asked for one labelled with the verdict's id first,
     * and that one is adopted.
     *
     * @throws VerdictConflictException not approvable, or another approval holds it
     * @throws ApprovalRefusedException {@code dispatch_unsettled}: an earlier dispatch may still land
     *                                  and Kestra cannot tell yet ({@link #earlierExecution})
     * @throws KestraDispatchException  the verdict is now {@code DISPATCH_FAILED}, the error kept on it
     */
    public Verdict approve(String id, String by, String comment) {
        refuseUnblockableTarget(id);
        Instant now = clock.instant();
        String claim = UUID.randomUUID().toString();
        VerdictStore.Claim held = store.claim(id, claim, now, now.plus(storeConfig.claimTimeout()));
        Verdict v = held.verdict();
        String executionId;
        try {
            Optional<String> existing = earlierExecution(id, claim, held, now);
            executionId = existing.isPresent() ? existing.get() : kestra.create(v, by, comment);
            if (existing.isPresent()) {
                LOG.infof("verdict %s: adopting Kestra execution %s of an earlier approval", id, executionId);
            }
        } catch (KestraDispatchException e) {
            // dated when it failed, not at the claim: a create that timed out may still land, and the
            // grace of a re-approval counts from here (invariant 5)
            Decision failedAt = new Decision(by, clock.instant(), comment);
            // only a create that may have been sent may still land: a refused one (4xx), or one that
            // never left (connection refused, unknown host, TLS), holds nobody back
            Verdict failed = store.dispatchFailed(id, claim, failedAt, e.getMessage(), e.mayHaveCreated());
            log.record(id, "approve", v.action().wire(), failed.status().name(), by, null, comment,
                    e.getClass().getSimpleName());
            throw e;
        }
        Verdict approved = store.approved(id, claim, new Decision(by, now, comment), executionId);
        log.record(id, "approve", v.action().wire(), approved.status().name(), by, executionId, comment, null);
        return approved;
    }

    /**
     * The execution an earlier attempt created, when one may exist: after a failed dispatch or a claim
     * that expired unfinished (a crash), Kestra is searched for an execution labelled with the verdict's
     * id. After a failure that may still land (a create sent, its answer lost), Kestra's word decides:
     * an execution found is adopted at once; none found is trusted only once {@code kestra.dispatch-grace}
     * has passed since the failure (a create Kestra is still storing is not found yet); and while
     * Kestra cannot be searched, nobody can tell. In the last two cases the claim is given back
     * unchanged and the caller told 409 {@code dispatch_unsettled}, so that a second create cannot
     * make a second execution (docs/contract.md, invariant 5).
     */
    private Optional<String> earlierExecution(String id, String claim, VerdictStore.Claim held, Instant now) {
        Verdict v = held.verdict();
        if (v.status() != Status.DISPATCH_FAILED && !held.interrupted()) {
            return Optional.empty();
        }
        if (!held.unsettledDispatch()) {
            return kestra.findExecution(id);
        }
        Verdict.Decision last = v.decision();
        String failedAt = last.decidedAt();
        Optional<String> found;
        try {
            found = kestra.findExecution(id);
        } catch (KestraDispatchException e) {
            throw unsettled(id, claim, v, "Kestra cannot be asked now whether the dispatch that failed at " + failedAt
                    + " created the execution (" + e.getMessage() + "); approve again once Kestra answers");
        }
        if (found.isPresent() || failedAt == null) {
            return found;
        }
        Instant trusted = Instant.parse(failedAt).plus(kestra.dispatchGrace());
        if (now.isBefore(trusted)) {
            throw unsettled(id, claim, v, "Kestra has no execution of it yet, but the dispatch that failed at "
                    + failedAt + " may still land; approve again after " + trusted);
        }
        return found;
    }

    /** Gives the claim back, leaving the failed dispatch as it was (its date, error, unsettled mark). */
    private ApprovalRefusedException unsettled(String id, String claim, Verdict v, String message) {
        Verdict.Decision last = v.decision();
        Instant failedAt = last.decidedAt() == null ? clock.instant() : Instant.parse(last.decidedAt());
        store.dispatchFailed(id, claim, new Decision(last.decidedBy(), failedAt, last.comment()),
                v.remediation().dispatchError(), true);
        LOG.infof("verdict %s: re-approval refused, dispatch unsettled: %s", id, message);
        return new ApprovalRefusedException(ApprovalRefusedException.DISPATCH_UNSETTLED, message);
    }

    /**
     * Invariant 1 checked again at the approve button: the allowlist may have grown since the verdict
     * was written, and a stored document is not trusted to be the one ingest wrote. The verdict stays
     * as it is, so the analyst can still reject it.
     */
    private void refuseUnblockableTarget(String id) {
        Verdict v = store.find(id).orElseThrow(() -> new VerdictNotFoundException(id));
        if (v.action() == Action.BLOCK_IP) {
            Optional<String> why = guard.unblockable(v.target());
            if (why.isPresent()) {
                LOG.warnf("verdict %s: approval refused, block_ip target %s", id, why.get());
                throw new ApprovalRefusedException(ApprovalRefusedException.TARGET_NOT_BLOCKABLE,
                        "the block_ip target may not be blocked: " + why.get() + "; reject the verdict instead");
            }
        }
    }

    /**
     * {@code PENDING → REJECTED}, the reason kept as the comment; the memory of confirmed threats stops
     * repeating this verdict's judgement (and the one it repeated). The reason {@code false_positive}
     * also suppresses the verdict's groups (every rule and actor that joined it) for
     * {@code feedback.suppress-for}.
     */
    public Verdict reject(String id, String by, String reason) {
        Instant now = clock.instant();
        Decision decision = new Decision(by, now, reason);
        Verdict rejected;
        try {
            rejected = store.reject(id, decision);
        } catch (VerdictConflictException e) {
            if (e.current() == null || e.current().status() != Status.PENDING) {
                throw e;
            }
            rejected = rejectAfterUnfinishedApproval(id, by, decision);
        }
        log.record(id, "reject", rejected.action().wire(), rejected.status().name(), by, null, reason, null);
        // a rejected judgement is not repeated from memory: neither this verdict's nor the one it repeated
        threats.revoke(id);
        if (rejected.assessment().rememberedFrom() != null) {
            threats.revoke(rejected.assessment().rememberedFrom());
        }
        if (FALSE_POSITIVE.equalsIgnoreCase(reason.strip())) {
            int groups = suppressions.suppressFeedback(id, now.plus(feedback.suppressFor()), by, now).size();
            LOG.infof("verdict %s rejected as false positive: its %d groups are suppressed for %s", id, groups,
                    feedback.suppressFor());
        }
        return rejected;
    }

    /**
     * An analyst lifts the suppressions a false-positive rejection of {@code id} made: its groups are
     * judged again from the next delivery. Logged as a decision.
     *
     * @return how many were in force
     */
    public int liftSuppressions(String id, String by) {
        int lifted = suppressions.liftSuppressions(id, by, clock.instant());
        log.record(id, "unsuppress", null, "LIFTED", by, null, null, null);
        LOG.infof("verdict %s: %d suppression(s) lifted", id, lifted);
        return lifted;
    }

    /**
     * A PENDING verdict whose reject was refused carries an approval's claim: one under way (the claim
     * below fails: 409), or one that stopped after it may have created a Kestra execution. Kestra is
     * asked: an execution it has wins over the reject (the verdict becomes {@code APPROVED} with it, and
     * the reject answers 409); with none, the reject goes through.
     *
     * @throws KestraDispatchException Kestra cannot tell: the verdict stays PENDING, claimed until the
     *                                  claim expires
     */
    private Verdict rejectAfterUnfinishedApproval(String id, String by, Decision decision) {
        Instant now = decision.at();
        String claim = UUID.randomUUID().toString();
        store.claim(id, claim, now, now.plus(storeConfig.claimTimeout()));
        Optional<String> existing = kestra.findExecution(id);
        if (existing.isEmpty()) {
            return store.reject(id, decision, claim);
        }
        Verdict approved = store.approved(id, claim, new Decision(by, now,
                "approved by an earlier approval whose Kestra execution exists; the reject came after it"),
                existing.get());
        LOG.warnf("verdict %s: reject refused, adopting Kestra execution %s of an earlier approval", id,
                existing.get());
        log.record(id, "approve", approved.action().wire(), approved.status().name(), by, existing.get(),
                null, "adopted at reject");
        throw new VerdictConflictException("an earlier approval's Kestra execution exists", approved);
    }

    /** {@code APPROVED → REMEDIATED | REMEDIATION_FAILED}, only for the verdict's own execution. */
    public Verdict outcome(String id, String by, String executionId, boolean success, String detail) {
        Verdict done = store.outcome(id, executionId, success, detail, clock.instant());
        log.record(id, "outcome", done.action().wire(), done.status().name(), by, executionId, detail, null);
        return done;
    }
}
