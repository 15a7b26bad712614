package dev.soctriage.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one address parser: canonical text, endpoints, the never-public ranges. An empty expected cell is null. */
class IpsTest {

    /** Issue 13 item 6 (leading zeros, mapped as IPv4): the stored target is the canonical text of the address the guard accepted. */
    @ParameterizedTest(name = "canonical_{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            keepsIpv4_andRejectsOutOfRangeOrPartial | 203.0.113.7 | 203.0.113.7
            keepsIpv4_andRejectsOutOfRangeOrPartial | 203.0.113.256 |
            keepsIpv4_andRejectsOutOfRangeOrPartial | 203.0.113 |
            keepsIpv4_andRejectsOutOfRangeOrPartial | 203.0.113.7.1 |
            keepsIpv4_andRejectsOutOfRangeOrPartial | ec2.amazonaws.com |
            keepsIpv4_andRejectsOutOfRangeOrPartial | '' |
            keepsIpv4_andRejectsOutOfRangeOrPartial | 1..2.3 |
            compressesIpv6LowerCase_rfc5952 | 2001:DB8:0:0:0:0:0:7 | 2001:db8::7
            compressesIpv6LowerCase_rfc5952 | 2001:db8:0:0:1:0:0:1 | 2001:db8::1:0:0:1
            compressesIpv6LowerCase_rfc5952 | 2001:db8:0:1:1:1:1:1 | 2001:db8:0:1:1:1:1:1
            compressesIpv6LowerCase_rfc5952 | 0:0:0:0:0:0:0:1 | ::1
            compressesIpv6LowerCase_rfc5952 | :: | ::
            compressesIpv6LowerCase_rfc5952 | fe80::1%eth0 | fe80::1
            compressesIpv6LowerCase_rfc5952 | 2001:db8:: | 2001:db8::
            compressesIpv6LowerCase_rfc5952 | 2001:db8::1::2 |
            compressesIpv6LowerCase_rfc5952 | 2001:db8:1 |
            compressesIpv6LowerCase_rfc5952 | 12345::1 |
            turnsIpv4MappedIntoIpv4 | ::ffff:203.0.113.9 | 203.0.113.9
            turnsIpv4MappedIntoIpv4 | ::FFFF:cb00:7109 | 203.0.113.9
            dropsLeadingZeros_andWritesMappedAsIpv4 | 203.0.113.007 | 203.0.113.7
            dropsLeadingZeros_andWritesMappedAsIpv4 | ::ffff:cb00:7107 | 203.0.113.7
            dropsLeadingZeros_andWritesMappedAsIpv4 | [::FFFF:203.0.113.7] | 203.0.113.7
            dropsLeadingZeros_andWritesMappedAsIpv4 | 2001:0DB8:0000::0001 | 2001:db8::1
            dropsLeadingZeros_andWritesMappedAsIpv4 | ::10.0.0.1 | ::a00:1
            dropsLeadingZeros_andWritesMappedAsIpv4 | 64:ff9b::203.0.113.7 | 64:ff9b::cb00:7107
            """)
    void canonical(String rule, String text, String expected) {
        assertEquals(expected, Ips.canonical(text), rule);
    }

    @ParameterizedTest(name = "endpoints_dropPortsAndBrackets: {0}({1}) -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            canonicalEndpoint | 203.0.113.7:52144 | 203.0.113.7
            canonicalEndpoint | [2001:db8::7]:443 | 2001:db8::7
            canonicalEndpoint | 2001:db8::7 | 2001:db8::7
            canonicalWithPort | 2001:db8:85a3::8a2e:370:7334:51234 | 2001:db8:85a3::8a2e:370:7334
            canonicalWithPort | 192.0.2.1:80 | 192.0.2.1
            canonicalWithPort | 192.0.2.1 |
            """)
    void endpoints_dropPortsAndBrackets(String method, String text, String expected) {
        assertEquals(expected, method.equals("canonicalEndpoint") ? Ips.canonicalEndpoint(text) : Ips.canonicalWithPort(text));
    }

    @ParameterizedTest(name = "neverPublic_{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            knowsRfc1918LoopbackSharedAndUla | 10.1.2.3 | true
            knowsRfc1918LoopbackSharedAndUla | 172.16.0.1 | true
            knowsRfc1918LoopbackSharedAndUla | 192.168.1.1 | true
            knowsRfc1918LoopbackSharedAndUla | 100.64.0.1 | true
            knowsRfc1918LoopbackSharedAndUla | fd00::1 | true
            knowsRfc1918LoopbackSharedAndUla | 172.32.0.1 | false
            knowsRfc1918LoopbackSharedAndUla | 203.0.113.7 | false
            knowsRfc1918LoopbackSharedAndUla | 2001:db8::1 | false
            isOneList_multicastIncluded_documentationExcluded | 224.0.0.1 | true
            isOneList_multicastIncluded_documentationExcluded | ff02::1 | true
            isOneList_multicastIncluded_documentationExcluded | 10.1.2.3 | true
            isOneList_multicastIncluded_documentationExcluded | 64:ff9b::a00:1 | true
            isOneList_multicastIncluded_documentationExcluded | not an address | true
            isOneList_multicastIncluded_documentationExcluded | 203.0.113.7 | false
            isOneList_multicastIncluded_documentationExcluded | 2001:db8::1 | false
            """)
    void neverPublic(String rule, String text, boolean expected) {
        assertEquals(expected, Ips.isNeverPublic(text), rule);
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
}
