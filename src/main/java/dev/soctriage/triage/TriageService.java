package dev.soctriage.triage;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import dev.soctriage.group.ActorShare;
import dev.soctriage.group.EventGroup;
import dev.soctriage.guard.Guard;
import dev.soctriage.model.Action;
import dev.soctriage.model.Severity;
import dev.soctriage.net.Ips;
import dev.soctriage.text.Digests;
import dev.soctriage.triage.llm.ModelCall;
import dev.soctriage.triage.llm.ModelCalls;
import dev.soctriage.triage.llm.ModelVerdict;

/**
 * Judges one group. Without an API key: the rules engine alone. With one: one model call, whose
 * validated answer must pass the {@link Guard}; a failed call or a refused answer leaves the group to
 * the rules engine, so no event is lost and no ungrounded target gets through. The rules always run:
 * their finding is the fallback and the cross-check, and a model that calls a group benign cannot
 * silence a rule that fired (the rules' finding stands, with the disagreement recorded).
 * Logs name groups by a digest of their key, never by log text.
 */
@ApplicationScoped
public class TriageService {
    private static final Logger LOG = Logger.getLogger(TriageService.class);

    private final RulesEngine rules;
    private final Guard guard;
    private final ModelCalls model;

    public TriageService(RulesEngine rules, Guard guard, ModelCalls model) {
        this.rules = rules;
        this.guard = guard;
        this.model = model;
    }

    /** True when a model is configured: GROQ_API_KEY or GROQ_API_KEY_SECRET_ARN set. */
    public boolean modelEnabled() {
        return model.enabled();
    }

    /**
     * @param deadline the invocation must be answered before this; model calls and retries stay within it
     */
    public Judgement judge(EventGroup group, Instant deadline) {
        return judgeOnce(group, deadline).of(group);
    }

    private Judgement judgeOnce(EventGroup group, Instant deadline) {
        Optional<Finding> byRules = rules.judge(group).map(f -> f.groundedBy(guard, group));
        if (!model.enabled()) {
            return about(group, byRules, 0, false);
        }
        ModelCall call = model.judge(group, deadline, rules.detectionsOf(group).stream()
                .map(d -> d.title() + " (" + d.level() + ")").toList());
        if (call.answer().isEmpty()) {
            LOG.infof("group %s: model gave no answer after %d call(s) (%s); rules judge", id(group), call.calls(),
                    call.failure());
            return about(group, byRules, call.calls(), false);
        }
        ModelVerdict v = call.answer().get();
        int calls = call.calls();
        if (!v.malicious()) {
            return about(group, byRules.map(f -> f.withCrossCheck(crossCheck(f.severity(), null, true))),
                    calls, true);
        }
        EventGroup subject = group;
        Optional<ActorShare> named = group.crossActor() ? namedActor(group, v.target()) : Optional.empty();
        if (named.isPresent()) {
            // a cross-actor group's lines carry no signal of their own: what made the model name one actor
            // may be another actor's text ("block 198.51.100.4"). The target must be the actor of the lines
            // that carry it, so the named actor's own lines are asked about alone; only a finding they
            // bear out is about that actor, with those lines as its evidence
            EventGroup own = group.narrowedTo(named.get());
            ModelCall confirm = model.judge(own, deadline);
            calls += confirm.calls();
            Optional<ModelVerdict> borne = confirm.answer().filter(ModelVerdict::malicious)
                    .filter(c -> namedActor(group, c.target()).equals(named));
            if (borne.isEmpty()) {
                LOG.warnf("group %s: the actor the model named is not borne out by its own lines; monitor", id(group));
                return new Judgement(Optional.of(notBorneOut(v, group)), calls, false, group);
            }
            v = borne.get();
            subject = own;
        }
        Action action = Action.fromWire(v.action());
        String target = v.target().isBlank() ? null : v.target().strip();
        Optional<String> refusal = guard.check(action, target, subject);
        if (refusal.isPresent()) {
            String note = "refused llm target " + (target == null ? "(none)" : PromptText.clip(target)) + ": "
                    + refusal.get();
            LOG.warnf("group %s: %s; rules judge", id(group), refusal.get());
            return about(group, byRules.map(f -> withGuard(f, note)), calls, false);
        }
        if (target != null && Ips.canonical(target) != null) {
            // stored as the guard read it: canonical (docs/contract.md, invariant 1), so Kestra blocks
            // the address that was checked, not a spelling of it
            target = Ips.canonical(target);
        }
        List<String> unknown = Mitre.unknown(v.mitre());
        String guardNote = unknown.isEmpty() ? null
                : "dropped unknown mitre ids from llm: " + PromptText.clip(String.join(",", unknown));
        Severity severity = Severity.fromWire(v.severity());
        String cross = crossCheck(byRules.map(Finding::severity).orElse(null), severity, false);
        Finding f = Finding.byModel(severity, PromptText.clean(v.threatType()), action, target,
                PromptText.clean(v.reasoning()), Mitre.known(v.mitre()), model.model())
                .withGuard(guardNote).withCrossCheck(cross).withDetections(rules.detectionsOf(group));
        return new Judgement(Optional.of(f), calls, false, subject);
    }

    /** The actor of a cross-actor group that {@code target} names (its address in any spelling, or its user). */
    private static Optional<ActorShare> namedActor(EventGroup group, String target) {
        if (target == null || target.isBlank()) {
            return Optional.empty();
        }
        String named = target.strip();
        String namedIp = Ips.canonical(named);
        return group.actors().stream()
                .filter(a -> named.equals(a.user()) || (a.ip() != null && a.ip().equals(namedIp))).findFirst();
    }

    /**
     * The model found a cross-actor group malicious but named an actor whose own lines do not bear it
     * out: {@code monitor} of the whole group, no target, its evidence the lines the model saw.
     */
    private Finding notBorneOut(ModelVerdict v, EventGroup group) {
        String note = "refused llm target " + PromptText.clip(v.target().strip())
                + ": not the actor of the lines that carry the signal (its own lines, asked alone, do not bear it out)";
        return Finding.byModel(Severity.fromWire(v.severity()), PromptText.clean(v.threatType()), Action.MONITOR, null,
                PromptText.clean(v.reasoning()), Mitre.known(v.mitre()), model.model()).withGuard(note);
    }

    /**
     * The rules alone, as when there is no model: for a group whose template the model judged benign
     * before (docs/triage.md, "Memory of benign templates").
     */
    public Judgement judgeByRules(EventGroup group) {
        return about(group, rules.judge(group).map(f -> f.groundedBy(guard, group)), 0, false);
    }

    /**
     * A group of a pattern the model confirmed as a threat before: {@code remembered} (that judgement
     * aimed at this group's own actor, citing the confirming verdict in {@link Finding#rememberedFrom()})
     * grounded by the guard like a fresh answer and cross-checked with the rules; no model call. Empty when
     * the guard refuses the target here: then the group is asked about as any new one.
     */
    public Optional<Judgement> judgeRemembered(EventGroup group, Finding remembered) {
        Optional<String> refusal = guard.check(remembered.action(), remembered.target(), group);
        if (refusal.isPresent()) {
            LOG.infof("group %s: the judgement remembered from verdict %s does not hold here (%s); asking", id(group),
                    remembered.rememberedFrom(), refusal.get());
            return Optional.empty();
        }
        Optional<Finding> byRules = rules.judge(group);
        String cross = crossCheck(byRules.map(Finding::severity).orElse(null), remembered.severity(), false);
        Finding f = Finding.byModel(remembered.severity(), remembered.threatType(), remembered.action(),
                remembered.target(), remembered.reasoning(), remembered.mitre(), remembered.model())
                .withCrossCheck(cross).withDetections(rules.detectionsOf(group))
                .withRememberedFrom(remembered.rememberedFrom());
        return Optional.of(new Judgement(Optional.of(f), 0, false, group));
    }

    /**
     * Signal lines below the rules' thresholds whose actor is the target of an open verdict to
     * {@code action}: a low finding with that plan, grounded by the guard like any rules finding
     * ({@link RulesEngine#moreOf}). No model call.
     */
    public Judgement judgeAsMoreOf(EventGroup group, Action action) {
        return about(group, rules.moreOf(group, action).map(f -> f.groundedBy(guard, group)), 0, false);
    }

    /** {@link #judgeAll(List, CallBudget)} with a fixed deadline. */
    public List<Judgement> judgeAll(List<EventGroup> groups, Instant deadline) {
        return judgeAll(groups, CallBudget.until(deadline));
    }

    /**
     * Judges groups concurrently: at most {@code ModelCalls#concurrency()} at once, each on Quarkus's
     * worker pool (Mutiny's {@code merge(n)}), when the model is on; one after another otherwise (the
     * rules take microseconds). Before each group's call the budget says until when calls may run; a
     * group reached when no call fits any more is judged by the rules, {@link Judgement#notAsked} saying
     * so. Judgements come back in the order of {@code groups}, each naming its group.
     */
    public List<Judgement> judgeAll(List<EventGroup> groups, CallBudget budget) {
        if (!model.enabled()) {
            return groups.stream().map(g -> judge(g, Instant.MAX)).toList();
        }
        Judgement[] out = new Judgement[groups.size()];
        if (groups.size() == 1) {
            // one group: judged on the caller's thread, no hop to the worker pool
            out[0] = judgeWithin(groups.get(0), budget);
            return Arrays.asList(out);
        }
        Multi.createFrom().range(0, groups.size())
                .onItem().transformToUni(i -> Uni.createFrom().item(() -> {
                    out[i] = judgeWithin(groups.get(i), budget);
                    return i;
                }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .merge(model.concurrency())
                .collect().last()
                .await().indefinitely(); // each judge() ends by the deadline: it never waits past it
        long notAsked = Arrays.stream(out).filter(j -> j.notAsked() != null).count();
        long late = groups.size() - Arrays.stream(out).filter(j -> j.llmCalls() > 0 || j.modelBenign()).count();
        if (late > 0) {
            LOG.infof("%d of %d groups judged by the rules alone (%d not asked: the time left was kept for writing; "
                    + "the rest: model failing or rate limited)", late, groups.size(), notAsked);
        }
        return Arrays.asList(out);
    }

    /** One group within the budget: asked while a call fits, else the rules, saying why. */
    private Judgement judgeWithin(EventGroup g, CallBudget budget) {
        Instant deadline = budget.modelDeadline();
        // past the deadline no call can be made: the rules judge without a word per group
        Judgement j = model.timeLeft(deadline) ? judge(g, deadline) : judgeByRules(g).notAsked(NOT_ASKED);
        budget.judged(j);
        return j;
    }

    /** {@link Judgement#notAsked} of a group the time left did not allow asking about. */
    public static final String NOT_ASKED = "the model was not asked: the time left was kept for writing this "
            + "delivery's verdicts (the rules judged)";

    private static Judgement about(EventGroup group, Optional<Finding> finding, int calls, boolean modelBenign) {
        return new Judgement(finding, calls, modelBenign, finding.isPresent() ? group : null, group, null);
    }

    /**
     * "rules: high, llm: low" when the two engines' severities are two levels or more apart (no
     * finding counts as level 0), else null.
     */
    static String crossCheck(Severity byRules, Severity byLlm, boolean llmBenign) {
        int r = byRules == null ? 0 : byRules.rank();
        int l = llmBenign || byLlm == null ? 0 : byLlm.rank();
        if (Math.abs(r - l) < 2) {
            return null;
        }
        return "rules: " + (byRules == null ? "none" : byRules.wire()) + ", llm: "
                + (l == 0 ? "none" : byLlm.wire());
    }

    /** {@code note} before the guard's earlier note on {@code f}, if any. */
    private static Finding withGuard(Finding f, String note) {
        return f.withGuard(f.guard() == null ? note : note + "; " + f.guard());
    }

    /** A short digest of the group key: an id for logs that carries no log text. */
    static String id(EventGroup g) {
        return Digests.sha256HexOf(g.key()).substring(0, 12);
    }
}
