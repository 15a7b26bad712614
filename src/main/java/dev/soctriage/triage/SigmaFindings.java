package dev.soctriage.triage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.soctriage.detect.Detections;
import dev.soctriage.detect.Level;
import dev.soctriage.detect.RuleAction;
import dev.soctriage.detect.RuleInfo;
import dev.soctriage.group.EventGroup;
import dev.soctriage.guard.Guard;
import dev.soctriage.model.Action;
import dev.soctriage.model.Detection;
import dev.soctriage.model.Format;
import dev.soctriage.model.Severity;
import dev.soctriage.model.Signal;
import dev.soctriage.text.Texts;

/**
 * A group's finding from the Sigma rules it carries ({@link EventGroup#detections()}): the most severe
 * rule or correlation that is a finding of its own speaks for the group — its level the severity,
 * its {@code attack.t*} tags (with those of every rule the group matched) the ATT&CK ids, its
 * {@code soctriage:} field the action, the target and the threat type. Informational rules and a
 * correlation's base rules open nothing: they are listed in the finding's detections, and inform the
 * model's prompt. Reasoning names rule titles and counts, never log text.
 */
final class SigmaFindings {
    /** Each legacy signal's area of the built-in pack (detections/&lt;area&gt;/); null: no area, always Java. */
    private static final Map<Signal, String> AREAS = new EnumMap<>(Signal.class);

    static {
        for (Signal s : List.of(Signal.LOG4SHELL, Signal.CMD_INJECTION, Signal.SQLI, Signal.SSRF, Signal.PATH_TRAVERSAL,
                Signal.XSS, Signal.SCANNER, Signal.PROBE)) {
            AREAS.put(s, "web");
        }
        for (Signal s : List.of(Signal.AUTH_FAILURE, Signal.INVALID_USER, Signal.SUDO_DENIED)) {
            AREAS.put(s, "linux");
        }
        for (Signal s : List.of(Signal.ROOT_ACTIVITY, Signal.CONSOLE_LOGIN_FAILURE, Signal.LOGGING_TAMPER,
                Signal.SECURITY_TOOL_DISABLED, Signal.S3_PUBLIC, Signal.IAM_ADMIN_GRANT, Signal.IAM_FOREIGN_KEY,
                Signal.IAM_USER_CREATED)) {
            AREAS.put(s, "cloudtrail");
        }
        AREAS.put(Signal.FLOW_REJECT, "vpcflow");
        AREAS.put(Signal.WAF_BLOCK, "waf");
        AREAS.put(Signal.LOGIN_FAILURE, "application");
    }

    static final int MAX_THREAT = 120;
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_REFERENCE = 500;
    static final int MAX_REFERENCES = 10;

    private final Detections detections;
    private final Map<Format, Set<String>> areas = new EnumMap<>(Format.class);

    SigmaFindings(Detections detections) {
        this.detections = detections;
        for (Format f : Format.values()) {
            areas.put(f, detections.builtInAreas(f));
        }
    }

    /**
     * Whether the built-in pack's rules, not the Java signatures, judge this signal on this format: the
     * signal's area has a built-in rule reading the format (web rules read access logs, not an
     * application's JSON that carries the same payload).
     */
    boolean covers(Signal signal, Format format) {
        String area = AREAS.get(signal);
        return area != null && areas.get(format).contains(area);
    }

    Optional<Finding> judge(EventGroup g) {
        RuleInfo best = null;
        List<String> mitre = new ArrayList<>();
        for (String id : g.detections()) {
            RuleInfo r = detections.info(id);
            if (r == null) {
                continue;
            }
            if (r.level() != Level.INFORMATIONAL && detections.standalone(id)
                    && (best == null || r.level().compareTo(best.level()) > 0)) {
                best = r;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        Set<String> ids = new LinkedHashSet<>(best.mitre());
        for (String id : g.detections()) {
            RuleInfo r = detections.info(id);
            if (r != null) {
                ids.addAll(r.mitre());
            }
        }
        mitre.addAll(ids);
        String why = reasoning(g, best);
        RuleAction a = best.action();
        String threat = Texts.cap(a.threat(), MAX_THREAT);
        Finding f = plan(g, best, a, threat, why, List.copyOf(mitre.subList(0, Math.min(10, mitre.size()))));
        return Optional.of(f.withDetections(detectionsOf(g)));
    }

    private String reasoning(EventGroup g, RuleInfo best) {
        boolean correlation = detections.isCorrelation(best.id());
        StringBuilder s = new StringBuilder();
        s.append(g.count()).append(" line(s) ").append(correlation ? "counted by the correlation rule '" : "matched the rule '")
                .append(Texts.cap(best.title(), 120)).append("' (").append(best.level().wire()).append(", ")
                .append(best.pack()).append(")");
        List<String> others = new ArrayList<>();
        for (String id : g.detections()) {
            RuleInfo r = detections.info(id);
            if (r != null && !r.id().equals(best.id()) && others.size() < 5) {
                others.add("'" + Texts.cap(r.title(), 80) + "'");
            }
        }
        if (!others.isEmpty()) {
            s.append("; also ").append(String.join(", ", others));
        }
        return s.toString();
    }

    /**
     * The rule's action and target: {@code actor} is the group's actor (its address to block, its user to
     * disable); a field names the target through the group's first line. Without a target, or for an
     * account's root user or an ARN, the finding monitors (the guard checks every target again).
     */
    private Finding plan(EventGroup g, RuleInfo rule, RuleAction a, String threat, String why, List<String> mitre) {
        String target;
        if (a.target().equals("actor")) {
            target = a.action() == Action.BLOCK_IP ? g.actorIp() : a.action() == Action.DISABLE_USER ? g.actorUser()
                    : g.actorIp() != null ? g.actorIp() : g.actorUser();
        } else {
            target = g.samples().isEmpty() ? null : detections.field(rule.id(), g.samples().get(0), a.target());
        }
        Severity severity = rule.level().severity().orElseThrow();
        Action action = a.action();
        if (action != Action.MONITOR && target == null) {
            return monitor(g, severity, threat, why + "; no " + (action == Action.BLOCK_IP ? "client address" : "acting user")
                    + " to act on", mitre);
        }
        if (action == Action.DISABLE_USER && Guard.isAccountRoot(target, g)) {
            return monitor(g, Severity.CRITICAL, threat,
                    why + " by the account's root user, which cannot be disabled", mitre);
        }
        if (action == Action.DISABLE_USER && target.startsWith("arn:")) {
            return monitor(g, severity, threat, why + "; the principal is no IAM user to disable", mitre);
        }
        if (action == Action.MONITOR && target == null) {
            target = g.actorIp() != null ? g.actorIp() : g.actorUser();
        }
        return Finding.byRules(severity, threat, action, target, why, mitre);
    }

    private static Finding monitor(EventGroup g, Severity s, String threat, String why, List<String> mitre) {
        String target = g.actorIp() != null ? g.actorIp() : g.actorUser();
        return Finding.byRules(s, threat, Action.MONITOR, target, why, mitre);
    }

    /** Every rule the group carries, as the verdict lists it (informational ones too: they inform it). */
    List<Detection> detectionsOf(EventGroup g) {
        List<Detection> out = new ArrayList<>();
        for (String id : g.detections()) {
            RuleInfo r = detections.info(id);
            if (r == null || out.size() >= Detection.MAX_PER_VERDICT) {
                continue;
            }
            List<String> refs = r.references().stream().limit(MAX_REFERENCES).map(x -> Texts.cap(x, MAX_REFERENCE)).toList();
            out.add(new Detection(Texts.cap(r.id(), 300), Texts.cap(r.title(), 256), r.level().wire(),
                    Texts.cap(r.pack(), 300), r.description() == null ? null : Texts.cap(r.description().strip(), MAX_DESCRIPTION),
                    refs));
        }
        return out;
    }
}
