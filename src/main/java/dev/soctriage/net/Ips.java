package dev.soctriage.net;

/**
 * IP address recognition and canonical text form, hand-written: no regular expressions, no DNS
 * (InetAddress would resolve names), no exceptions.
 *
 * <p>Canonical form: IPv4 dotted decimal; IPv6 compressed lower-case (RFC 5952); an IPv4-mapped IPv6
 * address becomes its IPv4 address; brackets, ports and zone ids are stripped.
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

    /** True for RFC 1918, loopback, link-local, shared (100.64/10), ULA, unspecified: not a client's own public address. */
    public static boolean isPrivate(String canonical) {
        if (canonical == null) {
            return false;
        }
        if (canonical.indexOf(':') >= 0) {
            return canonical.equals("::1") || canonical.equals("::") || canonical.startsWith("fc")
                    || canonical.startsWith("fd") || canonical.startsWith("fe8") || canonical.startsWith("fe9")
                    || canonical.startsWith("fea") || canonical.startsWith("feb");
        }
        int[] o = new int[4];
        int k = 0;
        int v = 0;
        for (int i = 0; i < canonical.length(); i++) {
            char c = canonical.charAt(i);
            if (c == '.') {
                o[k++] = v;
                v = 0;
            } else {
                v = v * 10 + (c - '0');
            }
        }
        o[3] = v;
        return o[0] == 10 || o[0] == 127 || o[0] == 0 || (o[0] == 172 && o[1] >= 16 && o[1] <= 31)
                || (o[0] == 192 && o[1] == 168) || (o[0] == 169 && o[1] == 254)
                || (o[0] == 100 && o[1] >= 64 && o[1] <= 127);
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
                return compress(groups);
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
        return compress(groups);
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

    private static String compress(int[] g) {
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
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
