package dev.soctriage.parse;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.net.Ips;

/**
 * The fallback: a line no parser recognised is kept whole as text. Addresses that appear in it are
 * listed in {@link Field#MENTIONED_IPS} (at most 5) and are never the actor: in free text nobody
 * knows who did what.
 */
final class TextLine {
    static final int MAX_MENTIONED = 5;

    private TextLine() {
    }

    static void parse(Parsed p) {
        p.format = Format.TEXT;
        p.actorIp = null;
        p.actorUser = null;
        p.put(Field.MENTIONED_IPS, mentionedIps(p.line));
    }

    /** Comma-separated canonical addresses found in free text, or null. */
    static String mentionedIps(String s) {
        if (s == null) {
            return null; // a syslog line whose message part is empty
        }
        Set<String> found = null;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (!addressChar(c)) {
                i++;
                continue;
            }
            int start = i;
            boolean sep = false;
            while (i < n && addressChar(s.charAt(i))) {
                sep |= s.charAt(i) == '.' || s.charAt(i) == ':';
                i++;
            }
            int end = i;
            while (end > start && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == ':')) {
                end--;
            }
            if (sep && end - start >= 2 && end - start <= 45) {
                String ip = Ips.canonicalEndpoint(s.substring(start, end));
                if (ip != null) {
                    if (found == null) {
                        found = new LinkedHashSet<>();
                    }
                    found.add(ip);
                    if (found.size() == MAX_MENTIONED) {
                        break;
                    }
                }
            }
        }
        return found == null ? null : String.join(",", found);
    }

    private static boolean addressChar(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '.' || c == ':';
    }
}
