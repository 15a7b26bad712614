package dev.soctriage.net;

import java.util.Arrays;

/** An address block, e.g. {@code 10.0.0.0/8} or {@code fc00::/7}; a bare address is a /32 or /128. */
public record Cidr(byte[] network, int prefix) {

    /** @throws IllegalArgumentException when the text is not a literal block (names are never resolved) */
    public static Cidr parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = IpAddresses.parse(addr)
                .orElseThrow(() -> new IllegalArgumentException("not an IP block: " + text));
        int max = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? max : Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IP block: " + text, e);
        }
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("prefix out of range: " + text);
        }
        return new Cidr(bytes, prefix);
    }

    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        return Arrays.toString(network) + "/" + prefix;
    }
}
