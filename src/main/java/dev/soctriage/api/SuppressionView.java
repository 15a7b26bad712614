package dev.soctriage.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.soctriage.verdict.Suppressions.ActiveSuppression;

/**
 * A false-positive suppression in force as the API shows it (docs/contract.md, {@code GET
 * /verdicts/suppressions}): the parts of the group key it covers — source, signal, template, the actor
 * where there is one — the rejected verdict, who rejected it and when, until when, and the events it
 * dropped since. Log-derived parts (template, actor, source) are untrusted text.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SuppressionView(String verdictId, String threatType, String source, String signal, String template,
        String actorIp, String actorUser, String suppressedBy, String recordedAt, String suppressedUntil,
        long suppressedEvents) {

    static SuppressionView of(ActiveSuppression s) {
        List<String> p = parts(s.groupKey());
        return new SuppressionView(s.verdictId(), s.threatType(), part(p, 0), part(p, 1), part(p, 2), part(p, 3),
                part(p, 4), s.suppressedBy(), s.recordedAt(), s.suppressedUntil(), s.suppressedEvents());
    }

    private static String part(List<String> parts, int i) {
        return i < parts.size() && !parts.get(i).isEmpty() ? parts.get(i) : null;
    }

    /** The key's parts: split at each {@code |} not escaped, {@code \\} and {@code \|} unescaped. */
    static List<String> parts(String key) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\\' && i + 1 < key.length()) {
                cur.append(key.charAt(++i));
            } else if (c == '|') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
