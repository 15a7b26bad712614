package dev.soctriage.parse;

import java.time.Instant;

/**
 * What collections of logs put in front of each line, read past when the line is no format of its own.
 * Each prefix has a fixed shape written by the tool that collected the lines, not by whoever the line
 * is about, so reading past it cannot move an actor:
 * <ul>
 * <li>a file name ({@code app-api.log.1.2026-11-24_10:00:01 ...}, {@code grep -H}'s {@code auth.log:...}): a
 * first token holding ".log";</li>
 * <li>the alert tag, epoch seconds, date and node that the HPC logs of Sandia and LANL carry
 * ({@code - 1764000000 2026.11.24 node17 Nov 24 10:00:01 node17/node17 crond[4242]: ...}): the epoch is the
 * line's time.</li>
 * </ul>
 */
final class Prefixes {
    /** the line after its prefix, and the time the prefix gives (or null) */
    record Inner(String line, Instant time) {
    }

    private static final int FILE_NAME_MAX = 160;

    private Prefixes() {
    }

    /** The line without a known prefix, or null when it has none. */
    static Inner strip(String s) {
        int sp = s.indexOf(' ');
        if (sp <= 0 || sp + 1 >= s.length()) {
            return null;
        }
        Inner hpc = hpc(s, sp);
        if (hpc != null) {
            return hpc;
        }
        String first = s.substring(0, sp);
        int colon = first.indexOf(".log:");
        if (colon > 0) {
            return new Inner(s.substring(colon + 5), null);
        }
        if (first.indexOf(".log") > 0 && sp <= FILE_NAME_MAX) {
            return new Inner(s.substring(sp + 1), null);
        }
        return null;
    }

    /** "TAG EPOCH YYYY.MM.DD NODE rest": TAG is "-" or upper-case letters, EPOCH ten digits. */
    private static Inner hpc(String s, int sp) {
        String tag = s.substring(0, sp);
        if (!tag.equals("-") && !upper(tag)) {
            return null;
        }
        int epochEnd = s.indexOf(' ', sp + 1);
        if (epochEnd != sp + 11 || Times.num(s, sp + 1, 10) < 0) {
            return null;
        }
        int dateEnd = s.indexOf(' ', epochEnd + 1);
        if (dateEnd != epochEnd + 11 || s.charAt(epochEnd + 5) != '.' || s.charAt(epochEnd + 8) != '.') {
            return null;
        }
        int nodeEnd = s.indexOf(' ', dateEnd + 1);
        if (nodeEnd <= dateEnd + 1 || nodeEnd + 1 >= s.length()) {
            return null;
        }
        String rest = s.substring(nodeEnd + 1);
        // these logs write "Nov 9 12:01:01": syslog pads the day to two places
        if (rest.length() > 6 && rest.charAt(3) == ' ' && rest.charAt(5) == ' ' && Character.isDigit(rest.charAt(4))) {
            rest = rest.substring(0, 4) + " " + rest.substring(4);
        }
        long epoch = Long.parseLong(s.substring(sp + 1, epochEnd));
        return new Inner(rest, Instant.ofEpochSecond(epoch));
    }

    private static boolean upper(String t) {
        if (t.isEmpty() || t.length() > 32) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c == '_' || c >= '0' && c <= '9' && i > 0)) {
                return false;
            }
        }
        return true;
    }
}
