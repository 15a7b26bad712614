package dev.soctriage.verdict;

import java.util.List;

import dev.soctriage.model.Action;
import dev.soctriage.model.Severity;

/**
 * A threat the model confirmed for one pattern (format, template, signal), remembered so that the same
 * pattern from another actor is written without asking again (docs/triage.md, "Memory of confirmed
 * threats"). What is kept is the judgement and how strong its evidence was, never log text.
 *
 * @param verdictId   the verdict the confirmation was written to: the one a remembered verdict cites
 * @param role        whose value the target was: {@code ip} (the group's actor address), {@code user}
 *                    (its actor user) or {@code none} (a {@code monitor} without a target)
 * @param events      how many events the confirmed group had
 * @param rulesRank   the rules' severity rank for the confirmed group (0: no rules finding)
 * @param detections  the ids of the detection rules the confirmed group matched
 */
public record ConfirmedThreat(String verdictId, Severity severity, String threatType, Action action, String role,
        String reasoning, List<String> mitre, String model, long events, int rulesRank, List<String> detections) {

    public static final String ROLE_IP = "ip";
    public static final String ROLE_USER = "user";
    public static final String ROLE_NONE = "none";

    public ConfirmedThreat {
        mitre = mitre == null ? List.of() : List.copyOf(mitre);
        detections = detections == null ? List.of() : List.copyOf(detections);
    }
}
