package dev.soctriage.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a rule says about itself, as verdicts, prompts and the console show it. Text from a rule
 * file is data: the console renders it as text, never as HTML.
 *
 * @param id          the rule's {@code id} (its file path when it has none)
 * @param name        its {@code name} (correlations refer to rules by it), or null
 * @param pack        {@code built-in}, or the name of the DETECTION_RULES folder it came from
 * @param file        the file, relative to its pack
 * @param references  links or citations, as written
 * @param mitre       the ATT&CK technique ids of its {@code attack.tNNNN[.NNN]} tags, upper-cased
 */
public record RuleInfo(String id, String name, String title, String status, String description,
        List<String> references, Level level, List<String> tags, List<String> mitre, RuleAction action, String pack,
        String file) {

    /** The ATT&CK technique ids among Sigma tags: {@code attack.t1110.001} → {@code T1110.001}. */
    static List<String> mitreOf(List<String> tags) {
        List<String> out = new ArrayList<>();
        for (String t : tags) {
            String l = t.toLowerCase(Locale.ROOT);
            if (l.matches("attack\\.t\\d{4}(\\.\\d{3})?")) {
                String id = l.substring("attack.".length()).toUpperCase(Locale.ROOT);
                if (!out.contains(id)) {
                    out.add(id);
                }
            }
        }
        return List.copyOf(out);
    }

    /** Informational rules inform the verdicts they join; they never open one. */
    public boolean informational() {
        return level == Level.INFORMATIONAL;
    }
}
