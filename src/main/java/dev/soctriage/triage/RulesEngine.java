package dev.soctriage.triage;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.soctriage.group.EventGroup;
import dev.soctriage.parse.Fields;
import dev.soctriage.parse.Formats;
import dev.soctriage.verdict.Action;
import dev.soctriage.verdict.Engine;
import dev.soctriage.verdict.Severity;

/** The built-in detectors: the triage when there is no API key, and the fallback when the model fails. */
@ApplicationScoped
public class RulesEngine {
    static final int SSH_FAILURES = 5;

    public Optional<Finding> judge(EventGroup g) {
        if (Formats.SSHD.equals(g.format()) && g.actorIp() != null && g.count() >= SSH_FAILURES
                && !String.valueOf(g.distinct(Fields.EVENT)).contains("Accepted")) {
            return Optional.of(new Finding(g.count() >= 50 ? Severity.HIGH : Severity.MEDIUM, "SSH brute force",
                    Action.BLOCK_IP, g.actorIp(),
                    g.count() + " failed SSH logins for " + g.distinctCount(Fields.TARGET_USER)
                            + " user name(s) from one address",
                    List.of("T1110.001"), Engine.RULES, null, null, null));
        }
        switch (g.signal()) {
            case "sqli":
                return web(g, "SQL injection", "T1190");
            case "xss":
                return web(g, "Cross-site scripting", "T1189");
            case "path_traversal":
                return web(g, "Path traversal", "T1083");
            default:
                return Optional.empty();
        }
    }

    private Optional<Finding> web(EventGroup g, String threat, String mitre) {
        if (g.actorIp() == null) {
            return Optional.of(new Finding(Severity.MEDIUM, threat, Action.MONITOR, null,
                    g.count() + " request(s) carrying a " + threat + " payload; no client address to block",
                    List.of(mitre), Engine.RULES, null, null, null));
        }
        return Optional.of(new Finding(Severity.HIGH, threat, Action.BLOCK_IP, g.actorIp(),
                g.count() + " request(s) carrying a " + threat + " payload from one client",
                List.of(mitre), Engine.RULES, null, null, null));
    }
}
