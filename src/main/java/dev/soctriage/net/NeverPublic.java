package dev.soctriage.net;

import java.util.List;

/**
 * The one list of addresses that are never public, whatever the configuration (docs/contract.md,
 * invariant 1): IANA's IPv4 and IPv6 Special-Purpose Address Registries taken whole — every row whose
 * "Globally Reachable" is False, as one block each, whatever more specific row it holds — plus
 * multicast and site-local, and the IPv6 forms that carry a never-public IPv4 address. How the rows
 * that are not plainly False were read (docs/contract.md, "Never-public addresses"):
 * <ul>
 * <li>True rows nested in a False block (192.0.0.9/32 and 192.0.0.10/32 in 192.0.0.0/24; the anycast,
 * AMT, AS112, ORCHIDv2 and DET rows in 2001::/23) stay never public: the enclosing block decides. They
 * are anycast service addresses and overlay identifiers, never a client to block, and the contract
 * names 192.0.0.0/24 whole.</li>
 * <li>N/A rows: Teredo 2001::/32 and the deprecated ORCHID 2001:10::/28 lie in 2001::/23 and follow it;
 * the deprecated 6to4 relay anycast 192.88.99.0/24 is never public (no client sends from it); 6to4
 * 2002::/16 carries an IPv4 address, which decides.</li>
 * <li>::ffff:0:0/96 (IPv4-mapped, False) is never seen here as IPv6: {@link Ips#bytes} reads it as its
 * IPv4 address, which decides, as the contract says.</li>
 * <li>The documentation rows (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32, 3fff::/20)
 * are False but count as public, so that examples and tests can use them.</li>
 * </ul>
 * The rows, and a test for each, are in {@code SpecialPurposeRegistryTest}; the IPv6 registry as last
 * updated 2025-10-09 (RFC 9602 SRv6 SIDs, RFC 9637 3fff::/20, RFC 9780 dummy prefix).
 */
public final class NeverPublic {
    /** IPv4 Special-Purpose rows whose Globally Reachable is False (documentation rows left out), and more. */
    static final List<Cidr> IPV4 = List.of(
            Cidr.parse("0.0.0.0/8"), // "this network" (and 0.0.0.0/32 "this host on this network")
            Cidr.parse("10.0.0.0/8"), // private-use
            Cidr.parse("100.64.0.0/10"), // shared address space
            Cidr.parse("127.0.0.0/8"), // loopback
            Cidr.parse("169.254.0.0/16"), // link local
            Cidr.parse("172.16.0.0/12"), // private-use
            Cidr.parse("192.0.0.0/24"), // IETF protocol assignments (holds /29, .8, .9, .10, .170, .171)
            Cidr.parse("192.88.99.0/24"), // deprecated 6to4 relay anycast (N/A)
            Cidr.parse("192.168.0.0/16"), // private-use
            Cidr.parse("198.18.0.0/15"), // benchmarking
            Cidr.parse("240.0.0.0/4"), // reserved (and 255.255.255.255/32, limited broadcast)
            Cidr.parse("224.0.0.0/4")); // multicast (its own registry)
    /** IPv6 Special-Purpose rows whose Globally Reachable is False (documentation rows left out), and more. */
    static final List<Cidr> IPV6 = List.of(
            Cidr.parse("::1/128"), // loopback
            Cidr.parse("::/128"), // unspecified
            Cidr.parse("64:ff9b:1::/48"), // local-use IPv4/IPv6 translation
            Cidr.parse("100::/64"), // discard-only
            Cidr.parse("100:0:0:1::/64"), // dummy IPv6 prefix (RFC 9780)
            Cidr.parse("2001::/23"), // IETF protocol assignments (holds Teredo, benchmarking 2001:2::/48, ...)
            Cidr.parse("5f00::/16"), // SRv6 SIDs
            Cidr.parse("fc00::/7"), // unique-local
            Cidr.parse("fe80::/10"), // link-local unicast
            Cidr.parse("fec0::/10"), // site-local (deprecated, never global)
            Cidr.parse("ff00::/8")); // multicast (its own registry)
    /**
     * IPv6 blocks whose last 32 bits are an IPv4 address: IPv4-compatible ::/96 (deprecated) and the
     * NAT64 well-known prefix 64:ff9b::/96 (globally reachable itself, so the IPv4 address decides).
     */
    private static final List<Cidr> EMBED_LAST_32 = List.of(Cidr.parse("::/96"), Cidr.parse("64:ff9b::/96"));
    /** 6to4 (N/A in the registry): the IPv4 address is bits 16..47, and decides. */
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private NeverPublic() {
    }

    /** Whether the address (4 or 16 bytes, as {@link Ips#bytes} gives them) is never public. */
    public static boolean contains(byte[] address) {
        if (address.length == 4) {
            return any(IPV4, address);
        }
        if (any(IPV6, address)) {
            return true;
        }
        for (Cidr c : EMBED_LAST_32) {
            if (c.contains(address) && any(IPV4, java.util.Arrays.copyOfRange(address, 12, 16))) {
                return true;
            }
        }
        return SIX_TO_FOUR.contains(address) && any(IPV4, java.util.Arrays.copyOfRange(address, 2, 6));
    }

    private static boolean any(List<Cidr> blocks, byte[] address) {
        for (Cidr c : blocks) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
