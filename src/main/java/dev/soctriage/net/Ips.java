package dev.soctriage.net;

/**
 * The one IP address parser: recognition, canonical text form and bytes, hand-written (it runs on
 * every log line): no regular expressions, no DNS (InetAddress would resolve names), no exceptions.
 *
 * <p>Canonical form (docs/contract.md, invariant 1): IPv4 dotted decimal without leading zeros (an
 * octet is 1–3 decimal digits, read as decimal, never octal); IPv6 compressed lower case (RFC 5952);
 * an IPv4-mapped IPv6 address becomes its IPv4 address; brackets, ports and zone ids are stripped.
 * Names and other IPv4 spellings ("1.2.3", "0x7f.0.0.1", "2130706433") are not addresses.
 */
public final class Ips {
    private Ips() {
    }

    /** The canonical form of a bare address (brackets and zone id allowed), or null when it is not one. */
    public static String canonical(String s) {
        if (s == null) {
            return null;
        }
        return canonical(s, 0, s.length());
    }

    public static String canonical(String s, int from, int to) {
        if (to - from >= 2 && s.charAt(from) == '[' && s.charAt(to - 1) == ']') {
            from++;
            to--;
        }
        if (to - from < 2 || to - from > 64) {
            return null;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == ':') {
                return v6(s, from, to);
            }
        }
        return trimV4(s, from, to);
    }

    /**
     * The canonical address of an "address:port" or "[v6]:port" endpoint, or of a bare address; null
     * when none. An unbracketed text with several colons is read as a bare IPv6 address first, then as
     * IPv6 followed by a port (the form ALB writes).
     */
    public static String canonicalEndpoint(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        int n = s.length();
        if (s.charAt(0) == '[') {
            int close = s.indexOf(']');
            return close > 0 ? canonical(s, 1, close) : null;
        }
        int first = s.indexOf(':');
        if (first < 0) {
            return canonical(s, 0, n);
        }
        int last = s.lastIndexOf(':');
        if (first == last) {
            return digits(s, last + 1, n) ? canonical(s, 0, last) : null;
        }
        String whole = canonical(s, 0, n);
        if (whole != null) {
            return whole;
        }
        return digits(s, last + 1, n) ? canonical(s, 0, last) : null;
    }

    /** The canonical address of "address:port" where the port is always present ("[v6]:port" or "v6:port"), or null. */
    public static String canonicalWithPort(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        if (s.charAt(0) == '[') {
            return canonicalEndpoint(s);
        }
        int last = s.lastIndexOf(':');
        return last > 0 && digits(s, last + 1, s.length()) ? canonical(s, 0, last) : null;
    }

    /**
     * True unless the text is an address that may be blocked: what {@link NeverPublic} lists
     * (docs/contract.md, invariant 1), and anything that is not an address at all.
     */
    public static boolean isNeverPublic(String address) {
        byte[] b = bytes(address);
        return b == null || NeverPublic.contains(b);
    }

    /**
     * The address's bytes: 4 for IPv4 and IPv4-mapped IPv6, 16 for other IPv6; null when the text
     * (brackets and zone id allowed) is not an address.
     */
    public static byte[] bytes(String s) {
        if (s == null) {
            return null;
        }
        int from = 0;
        int to = s.length();
        if (to - from >= 2 && s.charAt(from) == '[' && s.charAt(to - 1) == ']') {
            from++;
            to--;
        }
        if (to - from < 2 || to - from > 64) {
            return null;
        }
        if (s.indexOf(':', from) < 0 || s.indexOf(':', from) >= to) {
            long v = v4(s, from, to);
            return v < 0 ? null : new byte[] { (byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v };
        }
        int[] g = groups(s, from, to);
        if (g == null) {
            return null;
        }
        if (isMapped(g)) {
            return new byte[] { (byte) (g[6] >> 8), (byte) g[6], (byte) (g[7] >> 8), (byte) g[7] };
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[2 * i] = (byte) (g[i] >> 8);
            b[2 * i + 1] = (byte) g[i];
        }
        return b;
    }

    public static boolean digits(String s, int from, int to) {
        if (from >= to || to - from > 5) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The IPv4 address as an int-packed long, or -1. Octets are decimal, 1–3 digits, at most 255. */
    static long v4(String s, int from, int to) {
        long value = 0;
        int octets = 0;
        int i = from;
        while (i < to) {
            int start = i;
            int v = 0;
            while (i < to && i - start < 4) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                v = v * 10 + (c - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || len > 3 || v > 255) {
                return -1;
            }
            value = (value << 8) | v;
            octets++;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != '.' || octets == 4) {
                return -1;
            }
            i++;
            if (i == to) {
                return -1;
            }
        }
        return octets == 4 ? value : -1;
    }

    private static String trimV4(String s, int from, int to) {
        long v = v4(s, from, to);
        return v < 0 ? null : v4Text(v);
    }

    private static String v4Text(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }

    private static String v6(String s, int from, int to) {
        int[] groups = groups(s, from, to);
        return groups == null ? null : compress(groups);
    }

    /** The eight 16-bit groups of an IPv6 literal (zone id ignored), or null. */
    private static int[] groups(String s, int from, int to) {
        int pct = -1;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '%') {
                pct = i;
                break;
            }
        }
        if (pct >= 0) {
            to = pct;
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = from;
        if (to - from >= 2 && s.charAt(i) == ':' && s.charAt(i + 1) == ':') {
            gap = 0;
            i += 2;
            if (i == to) {
                return groups;
            }
        } else if (i < to && s.charAt(i) == ':') {
            return null;
        }
        while (i < to) {
            int start = i;
            int v = 0;
            while (i < to && i - start < 5) {
                int d = hex(s.charAt(i));
                if (d < 0) {
                    break;
                }
                v = (v << 4) | d;
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                // embedded IPv4 in the last 32 bits
                long v4 = v4(s, start, to);
                if (v4 < 0 || count > 6) {
                    return null;
                }
                groups[count++] = (int) (v4 >> 16);
                groups[count++] = (int) (v4 & 0xffff);
                i = to;
                break;
            }
            int len = i - start;
            if (len == 0 || len > 4 || count == 8) {
                return null;
            }
            groups[count++] = v;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
                if (i == to) {
                    break;
                }
            } else if (i == to) {
                return null;
            }
        }
        if (gap < 0 && count != 8) {
            return null;
        }
        if (gap >= 0) {
            if (count > 7) {
                return null;
            }
            int move = count - gap;
            int[] full = new int[8];
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - move, move);
            groups = full;
        }
        return groups;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean isMapped(int[] g) {
        return g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff;
    }

    private static String compress(int[] g) {
        if (isMapped(g)) {
            return v4Text(((long) g[6] << 16) | g[7]);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8;) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestLen = j - i;
                bestStart = i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            b.append(Integer.toHexString(g[i]));
            if (i < 7) {
                b.append(':');
            }
        }
        return b.toString();
    }
}
