package dev.soctriage.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP literals parsed without any name lookup: IPv4 strictly as a dotted quad, IPv6 only when the text
 * has the shape of an IPv6 literal (for such text {@link InetAddress#getByName} either parses it or
 * fails, it never resolves). Names and odd IPv4 forms ("1.2", "0x7f.1") are not addresses.
 */
public final class IpAddresses {
    private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private IpAddresses() {
    }

    /** The address's bytes (4 or 16; an IPv4-mapped IPv6 address gives its 4 IPv4 bytes), or empty. */
    public static Optional<byte[]> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        var m = V4.matcher(s);
        if (m.matches()) {
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(m.group(i + 1));
                if (octet > 255) {
                    return Optional.empty();
                }
                b[i] = (byte) octet;
            }
            return Optional.of(b);
        }
        if (s.length() <= 45 && V6.matcher(s).matches() && s.indexOf(':') != s.lastIndexOf(':')) {
            try {
                return Optional.of(InetAddress.getByName(s).getAddress());
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** True when both texts are addresses and the same address ("::ffff:1.2.3.4" equals "1.2.3.4"). */
    public static boolean same(String a, String b) {
        Optional<byte[]> x = parse(a);
        Optional<byte[]> y = parse(b);
        return x.isPresent() && y.isPresent() && java.util.Arrays.equals(x.get(), y.get());
    }
}
