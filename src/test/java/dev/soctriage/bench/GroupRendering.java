package dev.soctriage.bench;

import java.util.Map;
import java.util.Set;

import dev.soctriage.group.EventGroup;
import dev.soctriage.parse.ParsedEvent;
import dev.soctriage.text.UntrustedText;

/** The compact renderings whose size estimates prompt tokens (chars / 4): one per group, or one per line. */
final class GroupRendering {
    static final int VALUES_PER_FIELD = 10;
    static final int SAMPLES = 3;

    private GroupRendering() {
    }

    static String group(EventGroup g) {
        StringBuilder b = new StringBuilder(512);
        b.append("format=").append(g.format()).append(" signal=").append(g.signal()).append(" actor_ip=").append(g.actorIp())
                .append(" actor_user=").append(g.actorUser()).append(" count=").append(g.count()).append(" first=")
                .append(g.firstSeen()).append(" last=").append(g.lastSeen()).append('\n');
        b.append("template: ").append(g.template()).append('\n');
        for (Map.Entry<dev.soctriage.model.Field, Set<String>> d : g.distinct().entrySet()) {
            b.append(d.getKey()).append(" (").append(g.distinctCount(d.getKey())).append(" distinct): ");
            int n = 0;
            for (String v : d.getValue()) {
                if (n++ == VALUES_PER_FIELD) {
                    b.append(", …");
                    break;
                }
                b.append(n > 1 ? ", " : "").append(v);
            }
            b.append('\n');
        }
        b.append("samples:\n");
        for (int i = 0; i < Math.min(SAMPLES, g.samples().size()); i++) {
            b.append(UntrustedText.evidence(g.samples().get(i).line())).append('\n');
        }
        return b.toString();
    }

    static String line(ParsedEvent e) {
        return "format=" + e.format() + " actor_ip=" + e.actorIp() + " actor_user=" + e.actorUser() + " time=" + e.time()
                + "\nline: " + UntrustedText.evidence(e.line()) + '\n';
    }
}
