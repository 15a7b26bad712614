package dev.soctriage.group;

import dev.soctriage.parse.Fields;
import dev.soctriage.parse.Formats;
import dev.soctriage.parse.ParsedEvent;

/**
 * The template of a line: what stays when the variable parts are masked. For formats whose parser
 * recognised the event, the template is built from that event's constant fields (the variable ones —
 * users tried, ports, paths, addresses — become the group's distinct targets); free text (syslog
 * messages, text lines, application log messages) is mined by the batch's {@link TemplateMiner}.
 *
 * <p>OpenSSH's failed-authentication and pre-authentication events share one template, so that a
 * brute force from one address is one group whichever mix of "Invalid user", "Failed password" and
 * "[preauth]" disconnect lines it leaves (a successful login never joins it); its {@link Fields#EVENT}
 * values stay listed in the group's distinct values.
 */
final class Templates {
    /** A template either fixed (text) or mined (cluster id ≥ 0, text resolved when the batch is done). */
    record Template(String text, int cluster) {
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
                    return fixed(SSH_AUTH_FAILURES);
                }
                return fixed("sshd: " + event);
            case Formats.SUDO:
                return event == null ? mined("sudo: ", e.field(Fields.MESSAGE)) : fixed("sudo: " + event);
            case Formats.ACCESS_LOG:
            case Formats.ALB:
                return fixed(e.format() + ": " + or(e.field(Fields.METHOD), "<no method>") + " " + statusClass(e.field(Fields.STATUS)));
            case Formats.CLOUDTRAIL:
                return fixed("cloudtrail: " + or(e.field(Fields.SERVICE), "?") + " " + or(event, "?")
                        + (e.field(Fields.ERROR) != null ? " error=" + e.field(Fields.ERROR) : "")
                        + (e.field(Fields.OUTCOME) != null ? " outcome=" + e.field(Fields.OUTCOME) : ""));
            case Formats.VPC_FLOW:
                return fixed("vpc_flow: " + or(event, "-") + " " + or(e.field(Fields.PROTOCOL), ""));
            case Formats.WAF:
                return fixed("waf: " + or(e.field(Fields.OUTCOME), "?") + " " + or(e.field(Fields.RULE), "-"));
            case Formats.JSON:
            case Formats.LOGFMT:
                if (e.field(Fields.MESSAGE) != null) {
                    return mined(e.format() + ": " + or(e.field(Fields.LEVEL), "") + " ", e.field(Fields.MESSAGE));
                }
                return fixed(e.format() + ": " + or(event, "<no message>"));
            case Formats.SYSLOG:
                return mined(or(e.field(Fields.PROGRAM), "syslog") + ": ", e.field(Fields.MESSAGE));
            default:
                return mined("", e.line());
        }
    }

    String text(Template t) {
        return t.cluster() < 0 ? t.text() : miner.template(t.cluster());
    }

    static boolean isSshAuthFailure(String event) {
        return event.startsWith("Failed ") || event.equals("Invalid user")
                || event.equals("Maximum authentication attempts exceeded") || event.equals("authentication failure")
                || event.equals("PAM more authentication failures") || event.equals("Connection closed by authenticating user")
                || event.equals("Connection closed by invalid user") || event.equals("Disconnected from invalid user")
                || event.equals("Disconnected from authenticating user") || event.startsWith("Disconnecting ");
    }

    private Template mined(String prefix, String text) {
        return new Template(null, miner.add(prefix + (text == null ? "" : text)));
    }

    private static Template fixed(String text) {
        return new Template(text, -1);
    }

    /** "2xx-3xx" (served), "4xx", "5xx"...: successes and redirects are one kind of answer for triage. */
    static String statusClass(String status) {
        if (status == null || status.isEmpty()) {
            return "-";
        }
        char c = status.charAt(0);
        return c == '2' || c == '3' ? "2xx-3xx" : c + "xx";
    }

    private static String or(String v, String otherwise) {
        return v == null ? otherwise : v;
    }
}
