package dev.soctriage.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IpsTest {

    @Test
    void canonical_keepsIpv4_andRejectsOutOfRangeOrPartial() {
        assertEquals("203.0.113.7", Ips.canonical("203.0.113.7"));
        assertNull(Ips.canonical("203.0.113.256"));
        assertNull(Ips.canonical("203.0.113"));
        assertNull(Ips.canonical("203.0.113.7.1"));
        assertNull(Ips.canonical("ec2.amazonaws.com"));
        assertNull(Ips.canonical(""));
        assertNull(Ips.canonical("1..2.3"));
    }

    @Test
    void canonical_compressesIpv6LowerCase_rfc5952() {
        assertEquals("2001:db8::7", Ips.canonical("2001:DB8:0:0:0:0:0:7"));
        assertEquals("2001:db8::1:0:0:1", Ips.canonical("2001:db8:0:0:1:0:0:1"));
        assertEquals("2001:db8:0:1:1:1:1:1", Ips.canonical("2001:db8:0:1:1:1:1:1"));
        assertEquals("::1", Ips.canonical("0:0:0:0:0:0:0:1"));
        assertEquals("::", Ips.canonical("::"));
        assertEquals("fe80::1", Ips.canonical("fe80::1%eth0"));
        assertEquals("2001:db8::", Ips.canonical("2001:db8::"));
        assertNull(Ips.canonical("2001:db8::1::2"));
        assertNull(Ips.canonical("2001:db8:1"));
        assertNull(Ips.canonical("12345::1"));
    }

    @Test
    void canonical_turnsIpv4MappedIntoIpv4() {
        assertEquals("203.0.113.9", Ips.canonical("::ffff:203.0.113.9"));
        assertEquals("203.0.113.9", Ips.canonical("::FFFF:cb00:7109"));
    }

    @Test
    void endpoints_dropPortsAndBrackets() {
        assertEquals("203.0.113.7", Ips.canonicalEndpoint("203.0.113.7:52144"));
        assertEquals("2001:db8::7", Ips.canonicalEndpoint("[2001:db8::7]:443"));
        assertEquals("2001:db8::7", Ips.canonicalEndpoint("2001:db8::7"));
        assertEquals("2001:db8:85a3::8a2e:370:7334", Ips.canonicalWithPort("2001:db8:85a3::8a2e:370:7334:51234"));
        assertEquals("192.0.2.1", Ips.canonicalWithPort("192.0.2.1:80"));
        assertNull(Ips.canonicalWithPort("192.0.2.1"));
    }

    @Test
    void isPrivate_knowsRfc1918LoopbackSharedAndUla() {
        assertTrue(Ips.isPrivate("10.1.2.3"));
        assertTrue(Ips.isPrivate("172.16.0.1"));
        assertTrue(Ips.isPrivate("192.168.1.1"));
        assertTrue(Ips.isPrivate("100.64.0.1"));
        assertTrue(Ips.isPrivate("fd00::1"));
        assertFalse(Ips.isPrivate("172.32.0.1"));
        assertFalse(Ips.isPrivate("203.0.113.7"));
        assertFalse(Ips.isPrivate("2001:db8::1"));
    }
}
