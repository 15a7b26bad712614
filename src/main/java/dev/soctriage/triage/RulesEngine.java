package dev.soctriage.triage;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.soctriage.detect.Detections;
import dev.soctriage.group.EventGroup;
import dev.soctriage.guard.Guard;
import dev.soctriage.model.Action;
import dev.soctriage.model.Field;
import dev.soctriage.model.Severity;
import dev.soctriage.model.Signal;

/**
 * The built-in detectors: the triage when there is no API key, the fallback when the model fails or
 * is refused, and the cross-check of the model's severity. A group is judged first by the Sigma rules
 * its lines matched and the correlations its actor raised ({@link SigmaFindings}); for the areas the
 * built-in pack does not cover yet, by its {@link Signal} (set per line by {@link Signatures}) and its
 * counts, with thresholds from {@link RulesConfig}.
 * Targets are always the group's actor; the {@link Guard} checks them afterwards all the same.
 * Reasoning names counts and signals only, never log text.
 */
@ApplicationScoped
public class RulesEngine {
    private final RulesConfig cfg;
    private final SigmaFindings sigma;

    /** With the built-in pack alone (tests that build the engine by hand). */
    public RulesEngine(RulesConfig cfg) {
        this(cfg, Detections.load(List.of(), java.util.Map.of()));
    }

    @Inject
    public RulesEngine(RulesConfig cfg, Detections detections) {
        this.cfg = cfg;
        this.sigma = new SigmaFindings(detections);
    }

    public Optional<Finding> judge(EventGroup g) {
        Optional<Finding> byRule = sigma.judge(g);
        if (byRule.isPresent()) {
            return byRule;
        }
        if (sigma.covers(g.signal(), g.format())) {
            // the built-in pack has this signal's area: its rules speak for it, the Java below does not
            return Optional.empty();
        }
        return legacy(g).map(f -> f.withDetections(sigma.detectionsOf(g)));
    }

    /**
     * A signal's detector: when a group of it holds at least {@code threshold} lines (1 when null), a
     * finding of {@code severity} that acts on the actor as {@code action} says (block its address,
     * disable its user, or monitor), its reasoning the count followed by {@code why}.
     */
    private record Detector(Action action, Severity severity, String threat, String why,
            ToIntFunction<RulesConfig> threshold, String... mitre) {
    }

    /** The detectors that need no more than a count; {@link #legacy} judges the other signals. */
    private static final Map<Signal, Detector> DETECTORS = detectors();

    private static Map<Signal, Detector> detectors() {
        Map<Signal, Detector> d = new EnumMap<>(Signal.class);
        d.put(Signal.PROMPT_INJECTION, new Detector(Action.BLOCK_IP, Severity.MEDIUM, "Prompt injection attempt",
                "line(s) carrying text that tries to instruct the triage model; the sender is the actor", null));
        d.put(Signal.LOG4SHELL, new Detector(Action.BLOCK_IP, Severity.CRITICAL, "Log4Shell exploitation attempt",
                "request(s) carrying a JNDI lookup string (CVE-2021-44228)", null, "T1190", "T1203"));
        d.put(Signal.CMD_INJECTION, new Detector(Action.BLOCK_IP, Severity.HIGH, "Command injection",
                "request(s) carrying shell command syntax", null, "T1190", "T1059.004"));
        d.put(Signal.SQLI, new Detector(Action.BLOCK_IP, Severity.HIGH, "SQL injection",
                "request(s) carrying an SQL injection payload", null, "T1190"));
        d.put(Signal.SSRF, new Detector(Action.BLOCK_IP, Severity.HIGH, "SSRF to cloud metadata",
                "request(s) pointing the server at the instance metadata service", null, "T1190", "T1552.005"));
        d.put(Signal.PATH_TRAVERSAL, new Detector(Action.BLOCK_IP, Severity.HIGH, "Path traversal",
                "request(s) climbing out of the web root", null, "T1190", "T1083"));
        d.put(Signal.XSS, new Detector(Action.BLOCK_IP, Severity.MEDIUM, "Cross-site scripting",
                "request(s) carrying a script payload", null, "T1190", "T1059.007"));
        d.put(Signal.SCANNER, new Detector(Action.BLOCK_IP, Severity.MEDIUM, "Vulnerability scanner",
                "request(s) from a known scanning tool's user agent", null, "T1595.002", "T1046"));
        d.put(Signal.SUDO_DENIED, new Detector(Action.MONITOR, Severity.MEDIUM, "Sudo privilege escalation attempt",
                "sudo refusal(s): not in sudoers or repeated wrong passwords", null, "T1548.003"));
        d.put(Signal.ROOT_ACTIVITY, new Detector(Action.MONITOR, Severity.HIGH, "Root account use",
                "API call(s) made with the root user's credentials", null, "T1078.004"));
        d.put(Signal.CONSOLE_LOGIN_FAILURE, new Detector(Action.BLOCK_IP, Severity.HIGH, "Console login failure burst",
                "failed AWS console logins from one address", RulesConfig::consoleFailures, "T1110", "T1078.004"));
        d.put(Signal.LOGGING_TAMPER, new Detector(Action.DISABLE_USER, Severity.CRITICAL, "CloudTrail logging disabled",
                "call(s) stopping or deleting audit logging", null, "T1562.008"));
        d.put(Signal.SECURITY_TOOL_DISABLED, new Detector(Action.DISABLE_USER, Severity.CRITICAL,
                "Security monitoring disabled", "call(s) disabling GuardDuty, Config or Security Hub", null, "T1562.001"));
        d.put(Signal.S3_PUBLIC, new Detector(Action.DISABLE_USER, Severity.HIGH, "S3 bucket made public",
                "call(s) opening a bucket to everyone (ACL, policy or public access block)", null, "T1530"));
        d.put(Signal.IAM_ADMIN_GRANT, new Detector(Action.DISABLE_USER, Severity.HIGH, "IAM admin privilege grant",
                "call(s) granting administrator permissions", null, "T1098", "T1098.003"));
        d.put(Signal.IAM_FOREIGN_KEY, new Detector(Action.DISABLE_USER, Severity.HIGH, "Credentials created for another user",
                "call(s) creating access keys or passwords for a different IAM user", null, "T1098.001"));
        d.put(Signal.IAM_USER_CREATED, new Detector(Action.DISABLE_USER, Severity.MEDIUM, "IAM user creation burst",
                "IAM users created by one principal", RulesConfig::iamUsersCreated, "T1136.003"));
        return Map.copyOf(d);
    }

    /** The Java detectors of the areas whose rules the built-in pack does not hold yet ({@link SigmaFindings#covers}). */
    private Optional<Finding> legacy(EventGroup g) {
        int n = g.count();
        Detector d = DETECTORS.get(g.signal());
        if (d != null) {
            if (d.threshold() != null && n < d.threshold().applyAsInt(cfg)) {
                return Optional.empty();
            }
            return Optional.of(act(g, d.action(), d.severity(), d.threat(), n + " " + d.why(), d.mitre()));
        }
        int users = Math.max(g.distinctCount(Field.TARGET_USER), g.distinct(Field.TARGET_USER).size());
        switch (g.signal()) {
            case PROBE:
                return at(n, cfg.probes(), () -> block(g, Severity.MEDIUM, "Web scanning",
                        n + " request(s) for sensitive files (" + g.distinctCount(Field.PATH) + " distinct paths)",
                        "T1595.003"));
            case AUTH_FAILURE:
                return ssh(g, n, users);
            case INVALID_USER:
                if (users >= cfg.enumerationUsers()) {
                    return Optional.of(block(g, Severity.MEDIUM, "Invalid-user enumeration",
                            n + " attempts on " + users + " non-existent user names from one address", "T1087",
                            "T1110"));
                }
                return at(n, cfg.sshFailures(), () -> block(g, Severity.MEDIUM, "SSH brute force",
                        n + " attempts on a non-existent user from one address", "T1110.001"));
            default:
                return Optional.empty();
        }
    }

    /** A finding acting as {@code action} says on the group's actor. */
    private static Finding act(EventGroup g, Action action, Severity s, String threat, String why, String... mitre) {
        return switch (action) {
            case BLOCK_IP -> block(g, s, threat, why, mitre);
            case DISABLE_USER -> disable(g, s, threat, why, mitre);
            default -> monitor(g, s, threat, why, mitre);
        };
    }

    /** The Sigma rules a group carries, as a verdict lists them (for a finding the model made). */
    public List<dev.soctriage.model.Detection> detectionsOf(EventGroup g) {
        return sigma.detectionsOf(g);
    }

    /**
     * An actor's signal lines that cross no threshold of their own, while a verdict to {@code action}
     * that actor is open: a low finding with that plan, so the lines join the open verdict as evidence
     * instead of being asked about in every delivery. Empty when the group names no such target.
     */
    public Optional<Finding> moreOf(EventGroup g, Action action) {
        String target = action == Action.BLOCK_IP ? g.actorIp() : action == Action.DISABLE_USER ? g.actorUser() : null;
        if (target == null || g.signal() == Signal.NONE) {
            return Optional.empty();
        }
        return Optional.of(Finding.byRules(Severity.LOW, "Related activity (" + g.signal().wire() + ")", action, target,
                g.count() + " line(s) with the signal " + g.signal().wire() + " from the target of this open verdict, "
                        + "below the rules' thresholds on their own",
                List.of()).withDetections(sigma.detectionsOf(g)));
    }

    private Optional<Finding> ssh(EventGroup g, int n, int users) {
        if (users >= cfg.sprayUsers() && n <= users * cfg.sprayTriesPerUser()) {
            return Optional.of(block(g, Severity.HIGH, "Password spraying",
                    n + " failed SSH logins spread over " + users + " user names from one address", "T1110.003"));
        }
        Severity s = n >= cfg.sshFailuresHigh() ? Severity.HIGH : Severity.MEDIUM;
        return at(n, cfg.sshFailures(), () -> block(g, s, "SSH brute force",
                n + " failed SSH logins for " + Math.max(users, 1) + " user name(s) from one address", "T1110.001"));
    }

    private static Optional<Finding> at(int n, int threshold, java.util.function.Supplier<Finding> f) {
        return n >= threshold ? Optional.of(f.get()) : Optional.empty();
    }

    /** Block the actor's address; with no address, monitor. */
    private static Finding block(EventGroup g, Severity s, String threat, String why, String... mitre) {
        if (g.actorIp() == null) {
            return monitor(g, s, threat, why + "; no client address to block", mitre);
        }
        return Finding.byRules(s, threat, Action.BLOCK_IP, g.actorIp(), why, List.of(mitre));
    }

    /**
     * Disable the acting user (IAM abuse). With no user, monitor. An account's root user cannot be
     * disabled: escalated with monitor, critical. A principal named only by its ARN (a role's session)
     * is no user to disable: monitor (docs/contract.md, invariant 2).
     */
    private static Finding disable(EventGroup g, Severity s, String threat, String why, String... mitre) {
        if (g.actorUser() == null) {
            return monitor(g, s, threat, why + "; no acting user named", mitre);
        }
        if (Guard.isAccountRoot(g.actorUser(), g)) {
            return monitor(g, Severity.CRITICAL, threat, why + " by the account's root user, which cannot be disabled",
                    mitre);
        }
        if (g.actorUser().startsWith("arn:")) {
            return monitor(g, s, threat, why + "; the principal is no IAM user to disable", mitre);
        }
        return Finding.byRules(s, threat, Action.DISABLE_USER, g.actorUser(), why, List.of(mitre));
    }

    /** Where blocking makes no sense: the target names the actor for the analyst, no action follows. */
    private static Finding monitor(EventGroup g, Severity s, String threat, String why, String... mitre) {
        String target = g.actorIp() != null ? g.actorIp() : g.actorUser();
        return Finding.byRules(s, threat, Action.MONITOR, target, why, List.of(mitre));
    }
}
