package dev.soctriage.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * IANA's IPv4 and IPv6 Special-Purpose Address Registries, row by row, written out here apart from
 * {@link NeverPublic} so that the test is the registry, not the code's copy of it. Each row's first and
 * last address, and one in its middle, must be never public or public as the row's "Globally Reachable"
 * and docs/contract.md ("Never-public addresses") say:
 * <ul>
 * <li>{@code never}: False, or a row nested in a False block, or an N/A row read as never public;</li>
 * <li>{@code public}: True at the top level, or a documentation row (public by the contract);</li>
 * <li>{@code embedded}: the address carries an IPv4 address, which decides (checked with 10.0.0.1 and
 * 203.0.113.7 inside it).</li>
 * </ul>
 */
class SpecialPurposeRegistryTest {

    @ParameterizedTest(name = "{0} {1} (globally reachable {2}) -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            0.0.0.0/8          | This network                             | False | never
            0.0.0.0/32         | This host on this network                | False | never
            10.0.0.0/8         | Private-Use                              | False | never
            100.64.0.0/10      | Shared Address Space                     | False | never
            127.0.0.0/8        | Loopback                                 | False | never
            169.254.0.0/16     | Link Local                               | False | never
            172.16.0.0/12      | Private-Use                              | False | never
            192.0.0.0/24       | IETF Protocol Assignments                | False | never
            192.0.0.0/29       | IPv4 Service Continuity Prefix           | False | never
            192.0.0.8/32       | IPv4 dummy address                       | False | never
            192.0.0.9/32       | Port Control Protocol Anycast            | True  | never
            192.0.0.10/32      | Traversal Using Relays around NAT Anycast | True | never
            192.0.0.170/32     | NAT64/DNS64 Discovery                    | False | never
            192.0.0.171/32     | NAT64/DNS64 Discovery                    | False | never
            192.0.2.0/24       | Documentation (TEST-NET-1)               | False | public
            192.31.196.0/24    | AS112-v4                                 | True  | public
            192.52.193.0/24    | AMT                                      | True  | public
            192.88.99.0/24     | Deprecated (6to4 Relay Anycast)          | N/A   | never
            192.168.0.0/16     | Private-Use                              | False | never
            192.175.48.0/24    | Direct Delegation AS112 Service          | True  | public
            198.18.0.0/15      | Benchmarking                             | False | never
            198.51.100.0/24    | Documentation (TEST-NET-2)               | False | public
            203.0.113.0/24     | Documentation (TEST-NET-3)               | False | public
            240.0.0.0/4        | Reserved                                 | False | never
            255.255.255.255/32 | Limited Broadcast                        | False | never
            ::1/128            | Loopback Address                         | False | never
            ::/128             | Unspecified Address                      | False | never
            ::ffff:0:0/96      | IPv4-mapped Address                      | False | embedded
            64:ff9b::/96       | IPv4-IPv6 Translat.                      | True  | embedded
            64:ff9b:1::/48     | IPv4-IPv6 Translat. (local use)          | False | never
            100::/64           | Discard-Only Address Block               | False | never
            100:0:0:1::/64     | Dummy IPv6 Prefix                        | False | never
            2001::/23          | IETF Protocol Assignments                | False | never
            2001::/32          | TEREDO                                   | N/A   | never
            2001:1::1/128      | Port Control Protocol Anycast            | True  | never
            2001:1::2/128      | Traversal Using Relays around NAT Anycast | True | never
            2001:1::3/128      | DNS-SD Service Registration Protocol Anycast | True | never
            2001:2::/48        | Benchmarking                             | False | never
            2001:3::/32        | AMT                                      | True  | never
            2001:4:112::/48    | AS112-v6                                 | True  | never
            2001:10::/28       | Deprecated (previously ORCHID)           | N/A   | never
            2001:20::/28       | ORCHIDv2                                 | True  | never
            2001:30::/28       | Drone Remote ID Protocol Entity Tags     | True  | never
            2001:db8::/32      | Documentation                            | False | public
            2002::/16          | 6to4                                     | N/A   | embedded
            2620:4f:8000::/48  | Direct Delegation AS112 Service          | True  | public
            3fff::/20          | Documentation                            | False | public
            5f00::/16          | Segment Routing (SRv6) SIDs              | False | never
            fc00::/7           | Unique-Local                             | False | never
            fe80::/10          | Link-Local Unicast                       | False | never
            """)
    void registryRow_isNeverPublicOrPublic_asItsGloballyReachableSays(String block, String name, String reachable,
            String expected) throws UnknownHostException {
        if (expected.equals("embedded")) {
            assertEmbeddedIpv4Decides(block);
            return;
        }
        boolean never = expected.equals("never");
        for (String address : firstMiddleLast(block)) {
            assertEquals(never, Ips.isNeverPublic(address), block + " " + name + ": " + address);
        }
    }

    /** Not in the special-purpose registries, never public by the contract: multicast, site-local. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            224.0.0.0/4 | Multicast
            ff00::/8    | Multicast
            fec0::/10   | Site-local (deprecated)
            """)
    void outsideTheRegistries_theContractsOwnBlocks_areNeverPublic(String block, String name)
            throws UnknownHostException {
        for (String address : firstMiddleLast(block)) {
            assertEquals(true, Ips.isNeverPublic(address), block + " " + name + ": " + address);
        }
    }

    private static void assertEmbeddedIpv4Decides(String block) {
        switch (block) {
            case "::ffff:0:0/96" -> {
                assertEquals(true, Ips.isNeverPublic("::ffff:10.0.0.1"));
                assertEquals(false, Ips.isNeverPublic("::ffff:203.0.113.7"));
            }
            case "64:ff9b::/96" -> {
                assertEquals(true, Ips.isNeverPublic("64:ff9b::a00:1"));
                assertEquals(false, Ips.isNeverPublic("64:ff9b::cb00:7107"));
            }
            case "2002::/16" -> {
                assertEquals(true, Ips.isNeverPublic("2002:a00:1::1"));
                assertEquals(false, Ips.isNeverPublic("2002:cb00:7107::1"));
            }
            default -> throw new IllegalArgumentException("no embedded form known for " + block);
        }
    }

    /** The block's first, middle and last address, as text. */
    private static String[] firstMiddleLast(String block) throws UnknownHostException {
        int slash = block.indexOf('/');
        byte[] network = InetAddress.getByName(block.substring(0, slash)).getAddress(); // a literal: no lookup
        int bits = network.length * 8;
        int prefix = Integer.parseInt(block.substring(slash + 1));
        BigInteger first = new BigInteger(1, network);
        BigInteger size = BigInteger.ONE.shiftLeft(bits - prefix);
        BigInteger last = first.add(size).subtract(BigInteger.ONE);
        BigInteger middle = first.add(size.shiftRight(1));
        return new String[] {text(first, network.length), text(middle, network.length), text(last, network.length)};
    }

    private static String text(BigInteger value, int length) throws UnknownHostException {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int n = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - n, out, length - n, n);
        return InetAddress.getByAddress(out).getHostAddress();
    }
}
