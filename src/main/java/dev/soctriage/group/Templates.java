package dev.soctriage.group;

import dev.soctriage.model.Fields;
import dev.soctriage.model.Formats;
import dev.soctriage.parse.ParsedEvent;

/**
 * The template of a line: what stays when the variable parts are masked. For formats whose parser
 * recognised the event, the template is made of that event's constant fields (the variable ones —
 * users tried, ports, paths, addresses — become the group's distinct values); free text (syslog
 * messages, text lines, application log messages) is mined by the batch's {@link TemplateMiner}.
 *
 * <p>OpenSSH's failed-authentication and pre-authentication events share one template, so that a
 * brute force from one address is one group whichever mix of "Invalid user", "Failed password" and
 * "[preauth]" disconnect lines it leaves (a successful login never joins it); its {@link Fields#EVENT}
 * values stay listed in the group's distinct values.
 */
final class Templates {
    /**
     * A template: a fixed one is its parts (compared without building its text for every line), a
     * mined one its cluster id (≥ 0), whose text is read when the batch is done.
     */
    record Template(String kind, String a, String b, String c, String d, int cluster) {
    }

    static final String SSH_AUTH_FAILURES = "sshd: failed or abandoned authentication (Failed …, Invalid user, [preauth] disconnects)";

    private final TemplateMiner miner;

    Templates(TemplateMiner miner) {
        this.miner = miner;
    }

    Template of(ParsedEvent e) {
        String event = e.field(Fields.EVENT);
        switch (e.format()) {
            case Formats.SSHD:
                if (event == null) {
                    return mined("sshd: ", e.field(Fields.MESSAGE));
                }
                if (isSshAuthFailure(event) || e.line().endsWith("[preauth]")) {
                    return fixed(SSH_AUTH_FAILURES, null, null, null, null);
                }
                return fixed("sshd: ", event, null, null, null);
            case Formats.SUDO:
                return event == null ? mined("sudo: ", e.field(Fields.MESSAGE)) : fixed("sudo: ", event, null, null, null);
            case Formats.ACCESS_LOG:
            case Formats.ALB:
                return fixed(e.format(), e.field(Fields.METHOD), statusClass(e.field(Fields.STATUS)), null, null);
            case Formats.CLOUDTRAIL:
                return fixed(Formats.CLOUDTRAIL, e.field(Fields.SERVICE), event, e.field(Fields.ERROR), e.field(Fields.OUTCOME));
            case Formats.VPC_FLOW:
                return fixed(Formats.VPC_FLOW, event, e.field(Fields.PROTOCOL), null, null);
            case Formats.WAF:
                return fixed(Formats.WAF, e.field(Fields.OUTCOME), e.field(Fields.RULE), null, null);
            case Formats.JSON:
            case Formats.LOGFMT:
                if (e.field(Fields.MESSAGE) != null) {
                    return mined(e.format() + ": " + or(e.field(Fields.LEVEL), "") + " ", e.field(Fields.MESSAGE));
                }
                return fixed(e.format(), event, null, null, null);
            case Formats.SYSLOG:
                return mined(or(e.field(Fields.PROGRAM), "syslog") + ": ", e.field(Fields.MESSAGE));
            default:
                return mined("", e.line());
        }
    }

    /** The template's text, e.g. "access_log: GET 2xx-3xx", "cloudtrail: iam.amazonaws.com CreateUser error=AccessDenied". */
    String text(Template t) {
        if (t.cluster() >= 0) {
            return miner.template(t.cluster());
        }
        String kind = t.kind();
        switch (kind) {
            case Formats.ACCESS_LOG:
            case Formats.ALB:
                return kind + ": " + or(t.a(), "<no method>") + " " + t.b();
            case Formats.CLOUDTRAIL:
                return "cloudtrail: " + or(t.a(), "?") + " " + or(t.b(), "?") + (t.c() != null ? " error=" + t.c() : "")
                        + (t.d() != null ? " outcome=" + t.d() : "");
            case Formats.VPC_FLOW:
                return "vpc_flow: " + or(t.a(), "-") + " " + or(t.b(), "");
            case Formats.WAF:
                return "waf: " + or(t.a(), "?") + " " + or(t.b(), "-");
            case Formats.JSON:
            case Formats.LOGFMT:
                return kind + ": " + or(t.a(), "<no message>");
            default:
                return t.a() == null ? kind : kind + t.a();
        }
    }

    static boolean isSshAuthFailure(String event) {
        return event.startsWith("Failed ") || event.equals("Invalid user")
                || event.equals("Maximum authentication attempts exceeded") || event.equals("authentication failure")
                || event.equals("PAM more authentication failures") || event.equals("Connection closed by authenticating user")
                || event.equals("Connection closed by invalid user") || event.equals("Disconnected from invalid user")
                || event.equals("Disconnected from authenticating user") || event.startsWith("Disconnecting ");
    }

    private Template mined(String prefix, String text) {
        return new Template(null, null, null, null, null, miner.add(prefix + (text == null ? "" : text)));
    }

    private static Template fixed(String kind, String a, String b, String c, String d) {
        return new Template(kind, a, b, c, d, -1);
    }

    /** "2xx-3xx" (served), "4xx", "5xx"...: successes and redirects are one kind of answer for triage. */
    static String statusClass(String status) {
        if (status == null || status.isEmpty()) {
            return "-";
        }
        return switch (status.charAt(0)) {
            case '2', '3' -> "2xx-3xx";
            case '4' -> "4xx";
            case '5' -> "5xx";
            case '1' -> "1xx";
            default -> status;
        };
    }

    private static String or(String v, String otherwise) {
        return v == null ? otherwise : v;
    }
}
