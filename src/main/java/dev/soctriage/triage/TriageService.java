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

import dev.soctriage.group.EventGroup;
import dev.soctriage.guard.Guard;
import dev.soctriage.model.Action;
import dev.soctriage.model.Engine;
import dev.soctriage.model.Severity;
import dev.soctriage.net.Ips;
import dev.soctriage.text.Digests;
import dev.soctriage.triage.llm.ModelCall;
import dev.soctriage.triage.llm.ModelClient;
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
    private final ModelClient model;

    public TriageService(RulesEngine rules, Guard guard, ModelClient model) {
        this.rules = rules;
        this.guard = guard;
        this.model = model;
    }

    /** True when a model is configured (GROQ_API_KEY set). */
    public boolean modelEnabled() {
        return model.enabled();
    }

    /**
     * @param deadline the invocation must be answered before this; model calls and retries stay within it
     */
    public Judgement judge(EventGroup group, Instant deadline) {
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
        Action action = Action.fromWire(v.action());
        String target = v.target().isBlank() ? null : v.target().strip();
        if (!v.malicious()) {
            return about(group, byRules.map(f -> withCrossCheck(f, crossCheck(f.severity(), null, true))),
                    call.calls(), true);
        }
        // a cross-actor group's finding is about the actor it names: that actor's lines are the evidence
        EventGroup subject = group;
        if (group.crossActor() && target != null) {
            String named = target;
            String namedIp = Ips.canonical(target);
            subject = group.actors().stream().filter(a -> named.equals(a.user()) || (a.ip() != null && a.ip().equals(namedIp)))
                    .findFirst().map(group::narrowedTo).orElse(group);
        }
        Optional<String> refusal = guard.check(action, target, subject);
        if (refusal.isPresent()) {
            String note = "refused llm target " + (target == null ? "(none)" : PromptText.clip(target)) + ": "
                    + refusal.get();
            LOG.warnf("group %s: %s; rules judge", id(group), refusal.get());
            return about(group, byRules.map(f -> withGuard(f, note)), call.calls(), false);
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
        Finding f = new Finding(severity, PromptText.clean(v.threatType()), action, target,
                PromptText.clean(v.reasoning()), Mitre.known(v.mitre()), Engine.LLM, model.model(), guardNote, cross,
                rules.detectionsOf(group));
        return new Judgement(Optional.of(f), call.calls(), false, subject);
    }

    /**
     * The rules alone, as when there is no model: for a group whose template the model judged benign
     * before (docs/triage.md, "Memory of benign templates").
     */
    public Judgement judgeByRules(EventGroup group) {
        return about(group, rules.judge(group).map(f -> f.groundedBy(guard, group)), 0, false);
    }

    /**
     * Signal lines below the rules' thresholds whose actor is the target of an open verdict to
     * {@code action}: a low finding with that plan, grounded by the guard like any rules finding
     * ({@link RulesEngine#moreOf}). No model call.
     */
    public Judgement judgeAsMoreOf(EventGroup group, Action action) {
        return about(group, rules.moreOf(group, action).map(f -> f.groundedBy(guard, group)), 0, false);
    }

    /**
     * Judges groups concurrently: at most {@code ModelClient#concurrency()} at once, each on Quarkus's
     * worker pool (Mutiny's {@code merge(n)}), when the model is on; one after another otherwise (the
     * rules take microseconds). Judgements come back in the order of {@code groups}.
     */
    public List<Judgement> judgeAll(List<EventGroup> groups, Instant deadline) {
        if (!model.enabled() || groups.size() < 2) {
            return groups.stream().map(g -> judge(g, deadline)).toList();
        }
        Judgement[] out = new Judgement[groups.size()];
        Multi.createFrom().range(0, groups.size())
                .onItem().transformToUni(i -> Uni.createFrom().item(() -> {
                    // past the deadline no call can be made: the rules judge without a word per group
                    out[i] = model.timeLeft(deadline) ? judge(groups.get(i), deadline) : judgeByRules(groups.get(i));
                    return i;
                }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .merge(model.concurrency())
                .collect().last()
                .await().indefinitely(); // each judge() ends by the deadline: it never waits past it
        long late = groups.size() - Arrays.stream(out).filter(j -> j.llmCalls() > 0 || j.modelBenign()).count();
        if (late > 0) {
            LOG.infof("%d of %d groups judged by the rules alone (model failing, rate limited or out of time)", late,
                    groups.size());
        }
        return Arrays.asList(out);
    }

    private static Judgement about(EventGroup group, Optional<Finding> finding, int calls, boolean modelBenign) {
        return new Judgement(finding, calls, modelBenign, finding.isPresent() ? group : null);
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

    private static Finding withGuard(Finding f, String note) {
        String guardNote = f.guard() == null ? note : note + "; " + f.guard();
        return new Finding(f.severity(), f.threatType(), f.action(), f.target(), f.reasoning(), f.mitre(), f.engine(),
                f.model(), guardNote, f.crossCheck(), f.detections());
    }

    private static Finding withCrossCheck(Finding f, String crossCheck) {
        return new Finding(f.severity(), f.threatType(), f.action(), f.target(), f.reasoning(), f.mitre(), f.engine(),
                f.model(), f.guard(), crossCheck, f.detections());
    }

    /** A short digest of the group key: an id for logs that carries no log text. */
    static String id(EventGroup g) {
        return Digests.sha256HexOf(g.key()).substring(0, 12);
    }
}
