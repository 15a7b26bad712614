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
import dev.soctriage.model.Signal;
import dev.soctriage.net.Cidr;
import dev.soctriage.net.IpAddresses;
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
    /** Never public, whatever the configuration; the documentation ranges are deliberately absent. */
    static final List<Cidr> NEVER_PUBLIC = List.of(
            Cidr.parse("0.0.0.0/8"), Cidr.parse("10.0.0.0/8"), Cidr.parse("100.64.0.0/10"),
            Cidr.parse("127.0.0.0/8"), Cidr.parse("169.254.0.0/16"), Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.168.0.0/16"), Cidr.parse("224.0.0.0/4"), Cidr.parse("240.0.0.0/4"),
            Cidr.parse("::/128"), Cidr.parse("::1/128"), Cidr.parse("fe80::/10"), Cidr.parse("fc00::/7"),
            Cidr.parse("ff00::/8"));

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
        Optional<byte[]> bytes = IpAddresses.parse(ip);
        if (bytes.isEmpty()) {
            return Optional.of("not an IP address");
        }
        if (NEVER_PUBLIC.stream().anyMatch(c -> c.contains(bytes.get()))) {
            return Optional.of("not a public address");
        }
        if (allowlist.stream().anyMatch(c -> c.contains(bytes.get()))) {
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
                return isActorUser(target, group) ? Optional.empty()
                        : Optional.of("not the actor of any evidence line");
            default:
                return none || isActorIp(target, group) || isActorUser(target, group) ? Optional.empty()
                        : Optional.of("not the actor of any evidence line");
        }
    }

    static boolean isActorIp(String target, EventGroup g) {
        if (IpAddresses.same(target, g.actorIp())) {
            return true;
        }
        for (ParsedEvent e : evidence(g)) {
            if (IpAddresses.same(target, e.actorIp())) {
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
