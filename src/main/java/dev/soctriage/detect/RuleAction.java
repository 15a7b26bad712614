package dev.soctriage.detect;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import dev.soctriage.model.Action;

/**
 * A rule's {@code soctriage:} field (a custom top-level field, which Sigma allows): what to do about a
 * match. {@code action}: block_ip, disable_user or monitor (the default); {@code target}: {@code actor}
 * (the parsed actor) or a field of the rule's log source naming it; {@code threat}: the verdict's
 * threat type (the rule's title by default). The guard still checks every target.
 *
 * @param target "actor", or the field whose value names the target
 */
public record RuleAction(Action action, String target, String threat) {
    static RuleAction read(JsonNode node, String title) throws RuleRefused {
        if (node == null || node.isNull()) {
            return new RuleAction(Action.MONITOR, "actor", title);
        }
        if (!node.isObject()) {
            throw new RuleRefused("soctriage: must be a map (action, target, threat)");
        }
        java.util.Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!n.equals("action") && !n.equals("target") && !n.equals("threat")) {
                throw new RuleRefused("soctriage: unknown key '" + n + "'");
            }
        }
        String a = text(node, "action", "monitor").toLowerCase(Locale.ROOT);
        Action action;
        try {
            action = Action.fromWire(a);
        } catch (IllegalArgumentException e) {
            throw new RuleRefused("soctriage.action must be block_ip, disable_user or monitor, not " + a);
        }
        String target = text(node, "target", "actor");
        String threat = text(node, "threat", title);
        if (threat.isBlank() || threat.length() > 200) {
            throw new RuleRefused("soctriage.threat must be 1–200 characters");
        }
        return new RuleAction(action, target, threat);
    }

    private static String text(JsonNode node, String name, String fallback) throws RuleRefused {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isValueNode()) {
            throw new RuleRefused("soctriage." + name + " must be text");
        }
        return v.asText().strip();
    }
}
