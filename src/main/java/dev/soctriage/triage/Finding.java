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
 * A judgement of one group, before it becomes a verdict.
 *
 * @param model      the model's name when engine is llm, else null
 * @param guard      what the grounding guard refused before this finding was made, or null
 * @param crossCheck set when model and rules disagree by two severity levels or more, or null
 * @param detections the Sigma rules whose matches this finding rests on or was told about (empty for none)
 */
public record Finding(Severity severity, String threatType, Action action, String target, String reasoning,
        List<String> mitre, Engine engine, String model, String guard, String crossCheck, List<Detection> detections) {

    public Finding {
        detections = detections == null ? List.of() : List.copyOf(detections);
    }

    /** A finding no rule of the Sigma engine contributed to. */
    public Finding(Severity severity, String threatType, Action action, String target, String reasoning,
            List<String> mitre, Engine engine, String model, String guard, String crossCheck) {
        this(severity, threatType, action, target, reasoning, mitre, engine, model, guard, crossCheck, List.of());
    }

    /** The same finding with {@code detections} listed. */
    public Finding withDetections(List<Detection> detections) {
        return new Finding(severity, threatType, action, target, reasoning, mitre, engine, model, guard, crossCheck,
                detections);
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
        String note = "refused rules target " + target + ": " + refusal.get();
        return new Finding(severity, threatType, Action.MONITOR, null, reasoning, mitre, engine, model, note,
                crossCheck, detections);
    }
}
