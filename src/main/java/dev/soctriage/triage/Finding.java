package dev.soctriage.triage;

import java.util.List;

import dev.soctriage.verdict.Action;
import dev.soctriage.verdict.Severity;

/**
 * A judgement of one group, before it becomes a verdict.
 *
 * @param engine     {@code llm} or {@code rules}
 * @param model      the model's name when engine is llm, else null
 * @param guard      what the grounding guard refused before this finding was made, or null
 * @param crossCheck set when model and rules disagree by two severity levels or more, or null
 */
public record Finding(Severity severity, String threatType, Action action, String target, String reasoning,
        List<String> mitre, String engine, String model, String guard, String crossCheck) {
}
