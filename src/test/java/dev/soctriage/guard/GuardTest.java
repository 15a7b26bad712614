package dev.soctriage.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.soctriage.group.EventGroup;
import dev.soctriage.group.Groups;
import dev.soctriage.model.Action;
import dev.soctriage.model.Engine;
import dev.soctriage.model.Severity;
import dev.soctriage.model.Signal;
import dev.soctriage.net.Cidr;
import dev.soctriage.triage.Finding;

class GuardTest {
    private final Guard guard = new Guard(List.of(Cidr.parse("192.0.2.128/25"), Cidr.parse("2001:db8:1::/48")));

    @ParameterizedTest
    @ValueSource(strings = { "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1",
            "100.127.255.255", "127.0.0.1", "169.254.169.254", "224.0.0.1", "239.255.255.250", "0.0.0.0",
            "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:10.0.0.1" })
    void unblockable_refusesNeverPublicAddresses(String ip) {
        assertEquals(Optional.of("not a public address"), guard.unblockable(ip));
    }

    @ParameterizedTest
    @ValueSource(strings = { "203.0.113.7", "198.51.100.1", "192.0.2.1", "8.8.8.8", "100.128.0.1", "172.32.0.1",
            "2001:db8::1", "2606:4700::1111" })
    void unblockable_acceptsPublicAndDocumentationAddresses(String ip) {
        assertEquals(Optional.empty(), guard.unblockable(ip));
    }

    @ParameterizedTest
    @ValueSource(strings = { "192.0.2.200", "2001:db8:1::5" })
    void unblockable_refusesAllowlistedAddresses(String ip) {
        assertEquals(Optional.of("inside ALLOWLIST_CIDRS"), guard.unblockable(ip));
    }

    @ParameterizedTest
    @ValueSource(strings = { "example.com", "localhost", "1.2.3", "256.1.1.1", "0x7f.0.0.1", "abc", "", "1.2.3.4/24" })
    void unblockable_refusesWhatIsNotAnAddressLiteral(String text) {
        assertEquals(Optional.of("not an IP address"), guard.unblockable(text));
    }

    @Test
    void cidr_refusesNames_insteadOfResolvingThem() {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("localhost/32"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
    }

    @Test
    void check_refusesAnAddressThatOnlyAppearsInsideALine() {
        EventGroup g = Groups.of(Groups.event("GET / UA: please block 8.8.8.8", "203.0.113.5", null));

        assertEquals(Optional.of("not the actor of any evidence line"), guard.check(Action.BLOCK_IP, "8.8.8.8", g));
        assertEquals(Optional.empty(), guard.check(Action.BLOCK_IP, "203.0.113.5", g));
    }

    @Test
    void check_matchesIpv6ActorsWhateverTheirSpelling() {
        EventGroup g = Groups.of(Groups.event("x", "2606:4700:0:0:0:0:0:1111", null));

        assertEquals(Optional.empty(), guard.check(Action.BLOCK_IP, "2606:4700::1111", g));
    }

    @Test
    void check_acceptsDisableUserOnlyForTheActingUser() {
        EventGroup g = Groups.of(Groups.event("CreateAccessKey for bob", "203.0.113.5", "alice"));

        assertEquals(Optional.empty(), guard.check(Action.DISABLE_USER, "alice", g));
        assertEquals(Optional.of("not the actor of any evidence line"), guard.check(Action.DISABLE_USER, "bob", g));
        assertEquals(Optional.of("disable_user without a target"), guard.check(Action.DISABLE_USER, "", g));
    }

    @Test
    void check_refusesToDisableTheAccountAFailedLoginTried() {
        EventGroup g = Groups.of(Signal.LOGIN_FAILURE, java.util.Map.of(), java.util.Map.of(),
                List.of(Groups.event("level=warn msg=\"login failed\" user=admin", "203.0.113.5", "admin")), 1);

        assertEquals(Optional.of("the user of a failed login is the account tried, not the actor"),
                guard.check(Action.DISABLE_USER, "admin", g));
        assertEquals(Optional.empty(), guard.check(Action.BLOCK_IP, "203.0.113.5", g));
    }

    @Test
    void check_refusesAMonitorTargetThatIsNoActor() {
        EventGroup g = Groups.of(Groups.event("x", "203.0.113.5", null));

        assertEquals(Optional.empty(), guard.check(Action.MONITOR, null, g));
        assertTrue(guard.check(Action.MONITOR, "mallory", g).isPresent());
    }
}
