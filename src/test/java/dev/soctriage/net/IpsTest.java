package dev.soctriage.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
    void neverPublic_knowsRfc1918LoopbackSharedAndUla() {
        assertTrue(Ips.isNeverPublic("10.1.2.3"));
        assertTrue(Ips.isNeverPublic("172.16.0.1"));
        assertTrue(Ips.isNeverPublic("192.168.1.1"));
        assertTrue(Ips.isNeverPublic("100.64.0.1"));
        assertTrue(Ips.isNeverPublic("fd00::1"));
        assertFalse(Ips.isNeverPublic("172.32.0.1"));
        assertFalse(Ips.isNeverPublic("203.0.113.7"));
        assertFalse(Ips.isNeverPublic("2001:db8::1"));
    }

    /** Issue 13 item 6: the stored target is the canonical text of the address the guard accepted. */
    @Test
    void canonical_dropsLeadingZeros_andWritesMappedAsIpv4() {
        assertEquals("203.0.113.7", Ips.canonical("203.0.113.007"));
        assertEquals("203.0.113.7", Ips.canonical("::ffff:cb00:7107"));
        assertEquals("203.0.113.7", Ips.canonical("[::FFFF:203.0.113.7]"));
        assertEquals("2001:db8::1", Ips.canonical("2001:0DB8:0000::0001"));
        assertEquals("::a00:1", Ips.canonical("::10.0.0.1"));
        assertEquals("64:ff9b::cb00:7107", Ips.canonical("64:ff9b::203.0.113.7"));
    }

    @Test
    void bytes_areFourForIpv4AndMapped_sixteenOtherwise_nullForNonAddresses() {
        assertArrayEquals(new byte[] { (byte) 203, 0, 113, 7 }, Ips.bytes("::ffff:203.0.113.7"));
        assertArrayEquals(new byte[] { 10, 0, 0, 1 }, Ips.bytes("010.000.000.001"));
        assertEquals(16, Ips.bytes("::a00:1").length);
        assertNull(Ips.bytes("localhost"));
        assertNull(Ips.bytes("1.2.3.4/24"));
        assertNull(Ips.bytes(null));
    }

    @Test
    void neverPublic_isOneList_multicastIncluded_documentationExcluded() {
        assertTrue(Ips.isNeverPublic("224.0.0.1"));
        assertTrue(Ips.isNeverPublic("ff02::1"));
        assertTrue(Ips.isNeverPublic("10.1.2.3"));
        assertTrue(Ips.isNeverPublic("64:ff9b::a00:1"));
        assertTrue(Ips.isNeverPublic("not an address"));
        assertFalse(Ips.isNeverPublic("203.0.113.7"));
        assertFalse(Ips.isNeverPublic("2001:db8::1"));
    }
}
