package dev.soctriage.parse;

import java.time.Instant;
import java.time.ZoneOffset;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.net.Ips;

/**
 * Syslog framing: RFC 3164 ("Nov 24 10:00:01 host sshd[123]: msg"), the ISO-timestamped form rsyslog
 * writes by default on current distributions, and RFC 5424 ("<34>1 2026-11-24T10:00:01Z host sshd 123 -
 * - msg"); each optionally behind a CloudWatch prefix (an ISO timestamp, as CloudWatch exports and
 * {@code aws logs tail} write, optionally followed by the log stream name). The program's message is
 * then read by {@link SshdMessages} or {@link SudoMessages}; other programs stay {@link Format#SYSLOG}.
 */
final class Syslog {
    private Syslog() {
    }

    /** Fills p and returns true when the line is syslog-framed. */
    static boolean parse(Parsed p) {
        String s = p.line;
        int n = s.length();
        int pos = 0;
        Instant time = null;
        boolean bsd = false;
        for (int round = 0; round < 3 && pos < n; round++) {
            if (s.charAt(pos) == '<') {
                int close = pri(s, pos);
                if (close < 0) {
                    return false;
                }
                pos = close + 1;
                if (pos + 1 < n && s.charAt(pos) == '1' && s.charAt(pos + 1) == ' ') {
                    return Rfc5424.parse(p, pos + 2);
                }
                continue;
            }
            if (Times.looksIso(s, pos)) {
                int end = indexOf(s, ' ', pos);
                Instant t = Times.iso(s, pos, end);
                if (t == null || end >= n) {
                    return false;
                }
                time = t;
                pos = end + 1;
                // a CloudWatch prefix may name the log stream before the syslog timestamp
                int next = indexOf(s, ' ', pos);
                if (next + 1 < n && !Times.looksIso(s, pos) && !Times.looksBsd(s, pos) && s.charAt(pos) != '<'
                        && (Times.looksIso(s, next + 1) || Times.looksBsd(s, next + 1))) {
                    pos = next + 1;
                }
                continue;
            }
            if (Times.looksBsd(s, pos)) {
                Instant t = Times.bsd(s, pos, year(p.reference));
                if (t == null) {
                    return false;
                }
                if (t.isAfter(p.reference.plusSeconds(7 * 86400))) {
                    // December's lines read in January
                    t = Times.bsd(s, pos, year(p.reference) - 1);
                }
                time = t;
                bsd = true;
                pos += 15;
                while (pos < n && s.charAt(pos) == ' ') {
                    pos++;
                }
                break;
            }
            break;
        }
        if (time == null || pos >= n) {
            return false;
        }
        // host, then the tag "program[pid]:" (the host may be missing)
        int tokEnd = indexOf(s, ' ', pos);
        String host = null;
        int tagStart = pos;
        if (!isTag(s, pos, tokEnd)) {
            host = s.substring(pos, tokEnd);
            tagStart = tokEnd + 1;
            if (tagStart >= n) {
                return false;
            }
            tokEnd = indexOf(s, ' ', tagStart);
            if (!isTag(s, tagStart, tokEnd)) {
                return looseTag(p, time, host, tagStart);
            }
        }
        int bracket = indexOf(s, '[', tagStart);
        int progEnd = Math.min(bracket, tokEnd - 1);
        String program = s.substring(tagStart, progEnd);
        int msgStart = Math.min(tokEnd + 1, n);
        p.time = time;
        p.put(Field.HOST, host);
        if (bracket < tokEnd) {
            p.put(Field.PID, s.substring(bracket + 1, tokEnd - 2));
        }
        return message(p, program, msgStart);
    }

    /**
     * The program's message. A tag may name the PAM module that wrote the line ({@code sshd(pam_unix)}, as
     * RHEL and its kin wrote PAM's lines): the program is the service ({@code sshd}) and the message is read
     * as PAM's. rsyslog's "message repeated N times: [ msg ]" is read as msg (the message field keeps it whole).
     */
    static boolean message(Parsed p, String tag, int msgStart) {
        String msg = p.line.substring(msgStart);
        String program = tag;
        String module = null;
        int paren = tag.indexOf('(');
        if (paren > 0 && tag.endsWith(")")) {
            program = tag.substring(0, paren);
            module = tag.substring(paren + 1, tag.length() - 1);
        }
        p.put(Field.PROGRAM, program);
        p.put(Field.MESSAGE, msg);
        String inner = repeated(p, msg);
        if (program.equals("sshd") || program.startsWith("sshd-")) {
            p.format = Format.SSHD;
            if (module != null) {
                PamMessages.parse(p, program, inner, true);
            } else {
                SshdMessages.parse(p, inner);
            }
        } else if (program.equals("sudo")) {
            p.format = Format.SUDO;
            SudoMessages.parse(p, inner);
        } else if (module != null || PamMessages.looks(inner)) {
            // PAM's lines of any other service: syslog, whose actor PAM names (rhost=, or su's local user)
            p.format = Format.SYSLOG;
            PamMessages.parse(p, program, inner, module != null);
        } else {
            p.format = Format.SYSLOG;
        }
        return true;
    }

    private static final String REPEATED = "message repeated ";

    /** The message rsyslog compressed ("message repeated 5 times: [ Failed password ...]"), else msg itself. */
    private static String repeated(Parsed p, String msg) {
        if (!msg.startsWith(REPEATED) || !msg.endsWith("]")) {
            return msg;
        }
        int times = msg.indexOf(" times: [", REPEATED.length());
        if (times < 0 || times - REPEATED.length() > 6 || !Ips.digits(msg, REPEATED.length(), times)) {
            return msg;
        }
        return msg.substring(times + 9, msg.length() - 1).strip();
    }

    /**
     * The tags macOS writes: a program name with blanks ({@code Microsoft Word[14463]:}) or a sender
     * detail after the pid ({@code sandboxd[129] ([31211]):}). The tag ends at the first ": " within
     * {@value #LOOSE_TAG_MAX} characters.
     */
    private static boolean looseTag(Parsed p, Instant time, String host, int tagStart) {
        String s = p.line;
        int colon = s.indexOf(": ", tagStart);
        if (colon < 0 || colon - tagStart > LOOSE_TAG_MAX) {
            return false;
        }
        int headEnd = colon;
        int detail = s.lastIndexOf(" (", colon);
        int blank = detail > tagStart ? s.indexOf(' ', detail + 2) : -1;
        if (detail > tagStart && s.charAt(colon - 1) == ')' && (blank < 0 || blank >= colon)) {
            headEnd = detail;
        }
        int bracket = s.indexOf('[', tagStart);
        String pid = null;
        int progEnd = headEnd;
        if (bracket > tagStart && bracket < headEnd && s.charAt(headEnd - 1) == ']') {
            pid = s.substring(bracket + 1, headEnd - 1);
            if (!isPid(pid)) {
                return false;
            }
            progEnd = bracket;
        }
        for (int i = tagStart; i < progEnd; i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '/' || c == ' ')) {
                return false;
            }
        }
        if (progEnd == tagStart || s.charAt(progEnd - 1) == ' ') {
            return false;
        }
        p.time = time;
        p.put(Field.HOST, host);
        p.put(Field.PID, pid);
        return message(p, s.substring(tagStart, progEnd), colon + 2);
    }

    private static final int LOOSE_TAG_MAX = 160;

    /** A syslog tag: a program name of [A-Za-z0-9_./-], then optionally [pid], then a colon. */
    private static boolean isTag(String s, int from, int to) {
        if (to - from < 2 || s.charAt(to - 1) != ':') {
            return false;
        }
        int i = from;
        while (i < to - 1) {
            char c = s.charAt(i);
            if (c == '[') {
                break;
            }
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                    || c == '-' || c == '/' || c == '(' || c == ')')) {
                return false;
            }
            i++;
        }
        if (i == from) {
            return false;
        }
        if (i < to - 1) {
            // [pid]
            if (s.charAt(to - 2) != ']') {
                return false;
            }
            for (int k = i + 1; k < to - 2; k++) {
                char c = s.charAt(k);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
        }
        return true;
    }

    /** A process id: 1 to 10 digits. */
    static boolean isPid(String s) {
        if (s.isEmpty() || s.length() > 10) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int pri(String s, int from) {
        int i = from + 1;
        while (i < s.length() && i - from <= 4) {
            char c = s.charAt(i);
            if (c == '>') {
                return i > from + 1 ? i : -1;
            }
            if (c < '0' || c > '9') {
                return -1;
            }
            i++;
        }
        return -1;
    }

    static int indexOf(String s, char c, int from) {
        int i = s.indexOf(c, from);
        return i < 0 ? s.length() : i;
    }

    private static int year(Instant reference) {
        return reference.atOffset(ZoneOffset.UTC).getYear();
    }
}
