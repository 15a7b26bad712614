package dev.soctriage.triage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.soctriage.group.EventGroup;
import dev.soctriage.guard.Guard;
import dev.soctriage.model.Action;
import dev.soctriage.model.Engine;
import dev.soctriage.model.Severity;
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

    /**
     * @param deadline the invocation must be answered before this; model calls and retries stay within it
     */
    public Judgement judge(EventGroup group, Instant deadline) {
        Optional<Finding> byRules = rules.judge(group).map(f -> f.groundedBy(guard, group));
        if (!model.enabled()) {
            return new Judgement(byRules, 0);
        }
        ModelCall call = model.judge(group, deadline);
        if (call.answer().isEmpty()) {
            LOG.infof("group %s: model gave no answer after %d call(s) (%s); rules judge", id(group), call.calls(),
                    call.failure());
            return new Judgement(byRules, call.calls());
        }
        ModelVerdict v = call.answer().get();
        Action action = Action.fromWire(v.action());
        String target = v.target().isBlank() ? null : v.target().strip();
        if (!v.malicious()) {
            return new Judgement(byRules.map(f -> withCrossCheck(f, crossCheck(f.severity(), null, true))), call.calls());
        }
        Optional<String> refusal = guard.check(action, target, group);
        if (refusal.isPresent()) {
            String note = "refused llm target " + (target == null ? "(none)" : PromptText.clip(target)) + ": "
                    + refusal.get();
            LOG.warnf("group %s: %s; rules judge", id(group), refusal.get());
            return new Judgement(byRules.map(f -> withGuard(f, note)), call.calls());
        }
        List<String> unknown = Mitre.unknown(v.mitre());
        String guardNote = unknown.isEmpty() ? null
                : "dropped unknown mitre ids from llm: " + PromptText.clip(String.join(",", unknown));
        Severity severity = Severity.fromWire(v.severity());
        String cross = crossCheck(byRules.map(Finding::severity).orElse(null), severity, false);
        Finding f = new Finding(severity, PromptText.clean(v.threatType()), action, target,
                PromptText.clean(v.reasoning()), Mitre.known(v.mitre()), Engine.LLM, model.model(), guardNote, cross);
        return new Judgement(Optional.of(f), call.calls());
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
                f.model(), guardNote, f.crossCheck());
    }

    private static Finding withCrossCheck(Finding f, String crossCheck) {
        return new Finding(f.severity(), f.threatType(), f.action(), f.target(), f.reasoning(), f.mitre(), f.engine(),
                f.model(), f.guard(), crossCheck);
    }

    /** A short digest of the group key: an id for logs that carries no log text. */
    static String id(EventGroup g) {
        return Digests.sha256HexOf(g.key()).substring(0, 12);
    }
}
