package dev.soctriage.bench;

import java.util.Locale;

import dev.soctriage.group.LineClassifier;
import dev.soctriage.parse.Fields;
import dev.soctriage.parse.Formats;
import dev.soctriage.parse.ParsedEvent;

/**
 * A stand-in for the triage package's signatures, for the bench only: labels a line by what it shows
 * (never by the corpus's truth), cheaply, as a LineClassifier must.
 */
final class BenchClassifier implements LineClassifier {
    @Override
    public String classify(ParsedEvent e) {
        String event = e.field(Fields.EVENT);
        switch (e.format()) {
            case Formats.SSHD:
                return event != null && (event.startsWith("Failed") || event.startsWith("Invalid")
                        || e.line().endsWith("[preauth]")) ? "ssh_auth_failure" : "";
            case Formats.SUDO:
                return event != null && (event.contains("NOT in sudoers") || event.contains("incorrect password")) ? "sudo_denied" : "";
            case Formats.CLOUDTRAIL:
                if ("Failure".equals(e.field(Fields.OUTCOME))) {
                    return "console_login_failure";
                }
                return "iam.amazonaws.com".equals(e.field(Fields.SERVICE)) && event != null && event.startsWith("Create")
                        || "AttachUserPolicy".equals(event) ? "iam_persistence" : "";
            case Formats.VPC_FLOW:
                return "REJECT".equals(e.field(Fields.OUTCOME)) ? "vpc_reject" : "";
            case Formats.WAF:
                return "BLOCK".equals(e.field(Fields.OUTCOME)) ? "waf_block" : web(e);
            case Formats.JSON:
            case Formats.LOGFMT:
                String msg = e.field(Fields.MESSAGE);
                return msg != null && msg.contains("login failed") ? "auth_failure" : "";
            default:
                return web(e);
        }
    }

    private static String web(ParsedEvent e) {
        String path = e.field(Fields.PATH);
        if (path == null) {
            return "";
        }
        String p = path.toLowerCase(Locale.ROOT);
        if (p.contains("union%20select") || p.contains("%27%20or%20")) {
            return "sqli";
        }
        if (p.contains("%3cscript") || p.contains("<script")) {
            return "xss";
        }
        return p.contains("../") || p.contains("/etc/passwd") ? "path_traversal" : "";
    }
}
