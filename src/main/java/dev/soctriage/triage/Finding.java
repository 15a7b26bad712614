package dev.soctriage.triage;

import java.util.List;
import java.util.Optional;

import dev.soctriage.group.EventGroup;
import dev.soctriage.guard.Guard;
import dev.soctriage.model.Action;
import dev.soctriage.model.Detection;
import dev.soctriage.model.Engine;
import dev.soctriage.model.Severity;

/**
 * A judgement of one group, before it becomes a verdict. Made by {@link #byRules} or {@link #byModel}
 * (the plan, the threat and why), the notes added by the withers: no caller spells the components out.
 *
 * @param model      the model's name when engine is llm, else null
 * @param guard      what the grounding guard refused before this finding was made, or null
 * @param crossCheck set when model and rules disagree by two severity levels or more, or null
 * @param detections the Sigma rules whose matches this finding rests on or was told about (empty for none)
 * @param rememberedFrom the verdict whose model judgement this finding repeats without a model call
 *                   (docs/triage.md, "Memory of confirmed threats"), or null for a fresh judgement
 */
public record Finding(Severity severity, String threatType, Action action, String target, String reasoning,
        List<String> mitre, Engine engine, String model, String guard, String crossCheck, List<Detection> detections,
        String rememberedFrom) {

    public Finding {
        detections = detections == null ? List.of() : List.copyOf(detections);
    }

    /** A finding of the rules engine or a Sigma rule: no notes, no detections (see {@link #withDetections}). */
    public static Finding byRules(Severity severity, String threatType, Action action, String target, String reasoning,
            List<String> mitre) {
        return new Finding(severity, threatType, action, target, reasoning, mitre, Engine.RULES, null, null, null,
                List.of(), null);
    }

    /** A fresh judgement of the model named {@code model}: no notes, no detections. */
    public static Finding byModel(Severity severity, String threatType, Action action, String target, String reasoning,
            List<String> mitre, String model) {
        return new Finding(severity, threatType, action, target, reasoning, mitre, Engine.LLM, model, null, null,
                List.of(), null);
    }

    /** The same finding with {@code detections} listed. */
    public Finding withDetections(List<Detection> detections) {
        return new Finding(severity, threatType, action, target, reasoning, mitre, engine, model, guard, crossCheck,
                detections, rememberedFrom);
    }

    /** The same finding with the guard's note {@code guard} (null for none). */
    public Finding withGuard(String guard) {
        return new Finding(severity, threatType, action, target, reasoning, mitre, engine, model, guard, crossCheck,
                detections, rememberedFrom);
    }

    /** The same finding with the engines' disagreement {@code crossCheck} (null for none). */
    public Finding withCrossCheck(String crossCheck) {
        return new Finding(severity, threatType, action, target, reasoning, mitre, engine, model, guard, crossCheck,
                detections, rememberedFrom);
    }

    /** The same finding with another plan: {@code action} on {@code target} (null for none). */
    public Finding withPlan(Action action, String target) {
        return new Finding(severity, threatType, action, target, reasoning, mitre, engine, model, guard, crossCheck,
                detections, rememberedFrom);
    }

    /** The same finding, repeating the model judgement of verdict {@code verdictId} (null: a fresh one). */
    public Finding withRememberedFrom(String verdictId) {
        return new Finding(severity, threatType, action, target, reasoning, mitre, engine, model, guard, crossCheck,
                detections, verdictId);
    }

    /**
     * A rules finding whose target the guard does not accept becomes {@code monitor} without a
     * target, the refusal kept in {@link #guard()}; a grounded finding is returned as it is.
     */
    public Finding groundedBy(Guard guard, EventGroup group) {
        Optional<String> refusal = guard.check(action, target, group);
        if (refusal.isEmpty()) {
            return this;
        }
        return withPlan(Action.MONITOR, null).withGuard("refused rules target " + target + ": " + refusal.get());
    }
}
