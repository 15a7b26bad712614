package dev.soctriage.group;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.parse.ParsedEvent;

/**
 * The template of a line: what stays when the variable parts are masked. For formats whose parser
 * recognised the event, the template is made of that event's constant fields (the variable ones —
 * users tried, ports, paths, addresses — become the group's distinct values); free text (syslog
 * messages, text lines, application log messages) is mined by the batch's {@link TemplateMiner}.
 *
 * <p>OpenSSH's failed-authentication and pre-authentication events share one template, so that a
 * brute force from one address is one group whichever mix of "Invalid user", "Failed password" and
 * "[preauth]" disconnect lines it leaves (a successful login never joins it); its {@link Field#EVENT}
 * values stay listed in the group's distinct values.
 */
final class Templates {
    /**
     * A template: a fixed one is its format, its kind (the format's name or a prefix) and its parts
     * (compared without building its text for every line), a mined one its cluster id (≥ 0), whose
     * text is read when the batch is done.
     */
    record Template(Format format, String kind, String a, String b, String c, String d, int cluster) {
    }

    static final String SSH_AUTH_FAILURES = "sshd: failed or abandoned authentication (Failed …, Invalid user, [preauth] disconnects)";
    /** The cluster id of {@link #overflow}: no mined cluster is negative, no fixed template has it. */
    private static final int OVERFLOW = -2;

    private final TemplateMiner miner;

    Templates(TemplateMiner miner) {
        this.miner = miner;
    }

    Template of(ParsedEvent e) {
        String event = e.field(Field.EVENT);
        Format format = e.format();
        switch (format) {
            case SSHD:
                if (event == null) {
                    return mined("sshd: ", e.field(Field.MESSAGE));
                }
                if (isSshAuthFailure(event) || e.line().endsWith("[preauth]")) {
                    return fixed(format, SSH_AUTH_FAILURES, null, null, null, null);
                }
                return fixed(format, "sshd: ", event, null, null, null);
            case SUDO:
                return event == null ? mined("sudo: ", e.field(Field.MESSAGE)) : fixed(format, "sudo: ", event, null, null, null);
            case ACCESS_LOG:
            case ALB:
            case CLOUDFRONT:
            case API_GATEWAY:
                return fixed(format, e.field(Field.METHOD), statusClass(e.field(Field.STATUS)), null, null);
            case APP_TEXT:
                if (e.field(Field.METHOD) != null && e.field(Field.STATUS) != null) {
                    return fixed(format, e.field(Field.METHOD), statusClass(e.field(Field.STATUS)), null, null);
                }
                return mined(format.wire() + ": " + or(e.field(Field.LEVEL), "") + " ", e.field(Field.MESSAGE));
            case CLOUDTRAIL:
                return fixed(format, e.field(Field.SERVICE), event, e.field(Field.ERROR), e.field(Field.OUTCOME));
            case VPC_FLOW:
                return fixed(format, event, e.field(Field.PROTOCOL), null, null);
            case WAF:
                return fixed(format, e.field(Field.OUTCOME), e.field(Field.RULE), null, null);
            case JSON:
            case LOGFMT:
                if (e.field(Field.MESSAGE) != null) {
                    return mined(format.wire() + ": " + or(e.field(Field.LEVEL), "") + " ", e.field(Field.MESSAGE));
                }
                return fixed(format, event, null, null, null);
            case SYSLOG:
                return mined(or(e.field(Field.PROGRAM), "syslog") + ": ", e.field(Field.MESSAGE));
            default:
                return mined("", e.line());
        }
    }

    /**
     * The one template of a format's lines that come after the batch already holds {@code group.max-groups}
     * groups: they are aggregated, not refused ({@link GroupingSession}).
     */
    static Template overflow(Format format) {
        return new Template(format, null, null, null, null, null, OVERFLOW);
    }

    /** The template's text, e.g. "access_log: GET 2xx-3xx", "cloudtrail: iam.amazonaws.com CreateUser error=AccessDenied". */
    String text(Template t) {
        if (t.cluster() >= 0) {
            return miner.template(t.cluster());
        }
        if (t.cluster() == OVERFLOW) {
            return t.format().wire() + ": lines beyond group.max-groups, every template and actor together";
        }
        String kind = t.kind();
        switch (t.format()) {
            case ACCESS_LOG:
            case ALB:
            case CLOUDFRONT:
            case API_GATEWAY:
            case APP_TEXT:
                return kind + ": " + or(t.a(), "<no method>") + " " + t.b();
            case CLOUDTRAIL:
                return "cloudtrail: " + or(t.a(), "?") + " " + or(t.b(), "?") + (t.c() != null ? " error=" + t.c() : "")
                        + (t.d() != null ? " outcome=" + t.d() : "");
            case VPC_FLOW:
                return "vpc_flow: " + or(t.a(), "-") + " " + or(t.b(), "");
            case WAF:
                return "waf: " + or(t.a(), "?") + " " + or(t.b(), "-");
            case JSON:
            case LOGFMT:
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
                || event.equals("Disconnected from authenticating user") || event.startsWith("Disconnecting ")
                || event.startsWith("PAM: ") || event.equals("User not allowed") || event.equals("ROOT LOGIN REFUSED")
                || event.equals("input_userauth_request: invalid user") || event.equals("check pass; user unknown")
                || event.startsWith("Disconnecting: Too many");
    }

    private Template mined(String prefix, String text) {
        return new Template(null, null, null, null, null, null, miner.add(prefix + (text == null ? "" : text)));
    }

    /** A fixed template named by its format. */
    private static Template fixed(Format format, String a, String b, String c, String d) {
        return fixed(format, format.wire(), a, b, c, d);
    }

    private static Template fixed(Format format, String kind, String a, String b, String c, String d) {
        return new Template(format, kind, a, b, c, d, -1);
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
