package dev.soctriage.net;

import java.util.List;

/**
 * The one list of addresses that are never public, whatever the configuration (docs/contract.md,
 * invariant 1): what the IANA special-purpose registries mark not globally reachable, multicast
 * included, and the IPv6 forms that carry such an IPv4 address. The documentation ranges
 * (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) are deliberately absent, so that
 * examples and tests can use them.
 */
public final class NeverPublic {
    static final List<Cidr> IPV4 = List.of(
            Cidr.parse("0.0.0.0/8"), // "this network", unspecified
            Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"), Cidr.parse("192.168.0.0/16"), // RFC 1918
            Cidr.parse("100.64.0.0/10"), // shared address space
            Cidr.parse("127.0.0.0/8"), // loopback
            Cidr.parse("169.254.0.0/16"), // link-local
            Cidr.parse("192.0.0.0/24"), // IETF protocol assignments
            Cidr.parse("198.18.0.0/15"), // benchmarking
            Cidr.parse("224.0.0.0/4"), // multicast
            Cidr.parse("240.0.0.0/4")); // reserved, and the limited broadcast 255.255.255.255
    static final List<Cidr> IPV6 = List.of(
            Cidr.parse("::/128"), Cidr.parse("::1/128"), // unspecified, loopback
            Cidr.parse("fe80::/10"), // link-local
            Cidr.parse("fec0::/10"), // site-local (deprecated, still not global)
            Cidr.parse("fc00::/7"), // unique local
            Cidr.parse("ff00::/8")); // multicast
    /** IPv6 blocks whose last 32 bits are an IPv4 address: IPv4-compatible ::/96 and NAT64 64:ff9b::/96. */
    private static final List<Cidr> EMBED_LAST_32 = List.of(Cidr.parse("::/96"), Cidr.parse("64:ff9b::/96"));
    /** 6to4: the IPv4 address is bits 16..47. */
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
