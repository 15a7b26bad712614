package dev.soctriage.guard;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

import dev.soctriage.group.EventGroup;
import dev.soctriage.model.Action;
import dev.soctriage.model.Field;
import dev.soctriage.model.Signal;
import dev.soctriage.net.Cidr;
import dev.soctriage.net.Ips;
import dev.soctriage.net.NeverPublic;
import dev.soctriage.parse.ParsedEvent;

/**
 * docs/contract.md, invariants 1–2, in one place: a finding's target must be the actor of at least one
 * evidence line as the parser identified it, and a {@code block_ip} target must be a public address
 * outside {@code ALLOWLIST_CIDRS}. Applied to the model's answers (a breach refuses the answer) and to
 * the rules engine's findings (a breach degrades the finding to {@code monitor} without a target).
 */
@ApplicationScoped
@Startup // a malformed ALLOWLIST_CIDRS fails the start, not the first verdict
public class Guard {
    /** Signals of failed authentications: their user is the account tried, never disabled. */
    static boolean failedAuth(Signal s) {
        return s.isFailedLogin() || s == Signal.SUDO_DENIED;
    }

    private final List<Cidr> allowlist;

    @Inject
    public Guard(GuardConfig config) {
        this(config.allowlistCidrs().orElse(List.of()).stream().filter(s -> !s.isBlank()).map(Cidr::parse).toList());
    }

    public Guard(List<Cidr> allowlist) {
        this.allowlist = List.copyOf(allowlist);
    }

    /** Why this address may not be blocked (not an address, never public, allowlisted), or empty. */
    public Optional<String> unblockable(String ip) {
        byte[] bytes = Ips.bytes(ip == null ? null : ip.strip());
        if (bytes == null) {
            return Optional.of("not an IP address");
        }
        if (NeverPublic.contains(bytes)) {
            return Optional.of("not a public address");
        }
        if (allowlist.stream().anyMatch(c -> c.contains(bytes))) {
            return Optional.of("inside ALLOWLIST_CIDRS");
        }
        return Optional.empty();
    }

    /**
     * Checks a proposed action and target against the group's evidence.
     *
     * @param target null or blank for none (only {@code monitor} may have none)
     * @return the reason for refusing, or empty when the target is grounded
     */
    public Optional<String> check(Action action, String target, EventGroup group) {
        boolean none = target == null || target.isBlank();
        switch (action) {
            case BLOCK_IP:
                if (none) {
                    return Optional.of("block_ip without a target");
                }
                if (!isActorIp(target, group)) {
                    return Optional.of("not the actor of any evidence line");
                }
                return unblockable(target);
            case DISABLE_USER:
                if (none) {
                    return Optional.of("disable_user without a target");
                }
                if (failedAuth(group.signal())) {
                    // the user of a failed login is the account tried (the victim), not a proven actor
                    return Optional.of("the user of a failed login is the account tried, not the actor");
                }
                if (!isActorUser(target, group)) {
                    return Optional.of("not the actor of any evidence line");
                }
                if (isAccountRoot(target, group)) {
                    return Optional.of("an account's root user cannot be disabled; escalate with monitor");
                }
                if (target.startsWith("arn:")) {
                    return Optional.of("an ARN, not a user name");
                }
                return Optional.empty();
            default:
                return none || isActorIp(target, group) || isActorUser(target, group) ? Optional.empty()
                        : Optional.of("not the actor of any evidence line");
        }
    }

    /** Actors are canonical from the parser on; the target is compared in the same form. */
    static boolean isActorIp(String target, EventGroup g) {
        String ip = Ips.canonical(target.strip());
        if (ip == null) {
            return false;
        }
        if (ip.equals(g.actorIp())) {
            return true;
        }
        for (ParsedEvent e : evidence(g)) {
            if (ip.equals(e.actorIp())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code user}, an actor of the group, is an AWS account's root user: a CloudTrail line of
     * the group names it with identity type {@code Root}, or it is a root ARN. Root cannot be
     * disabled by any provider (docs/contract.md, invariant 2): its activity is escalated with monitor.
     */
    public static boolean isAccountRoot(String user, EventGroup g) {
        if (user == null) {
            return false;
        }
        if (user.startsWith("arn:") && user.endsWith(":root")) {
            return true;
        }
        for (ParsedEvent e : evidence(g)) {
            if (user.equals(e.actorUser()) && "Root".equals(e.field(Field.IDENTITY_TYPE))) {
                return true;
            }
        }
        return false;
    }

    static boolean isActorUser(String target, EventGroup g) {
        if (Objects.equals(target, g.actorUser())) {
            return true;
        }
        for (ParsedEvent e : evidence(g)) {
            if (Objects.equals(target, e.actorUser())) {
                return true;
            }
        }
        return false;
    }

    /** The group's samples and, for a cross-actor group, each tracked actor's own lines. */
    private static Iterable<ParsedEvent> evidence(EventGroup g) {
        if (g.actors().isEmpty()) {
            return g.samples();
        }
        List<ParsedEvent> all = new java.util.ArrayList<>(g.samples());
        g.actors().forEach(a -> all.addAll(a.samples()));
        return all;
    }
}
