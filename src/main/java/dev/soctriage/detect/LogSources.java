package dev.soctriage.detect;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A rule's {@code logsource} (category, product, service) resolved to the {@link Source} it reads,
 * and, for Linux services, the programs whose lines it applies to. A log source this engine has
 * no events for refuses the rule with its name.
 */
final class LogSources {
    /** syslog programs per {@code service} of {@code product: linux}; {@code auth} is what writes to auth.log */
    static final Map<String, List<String>> LINUX_PROGRAMS = Map.of(
            "sshd", List.of("sshd", "sshd-session", "sshd-auth"),
            "sudo", List.of("sudo"),
            "auth", List.of("sshd", "sshd-session", "sshd-auth", "sudo", "su", "login", "passwd", "chpasswd", "useradd",
                    "userdel", "usermod", "groupadd", "systemd-logind", "polkitd", "pkexec", "cron", "CRON"),
            "cron", List.of("cron", "CRON", "crond", "anacron"),
            "vsftpd", List.of("vsftpd"),
            "clamav", List.of("clamd", "freshclam", "clamav", "clamscan", "clamav-milter"),
            "guacamole", List.of("guacd", "guacamole", "guacamole-server"),
            "su", List.of("su"));

    /** What a rule's log source reads: the source, and the programs (null: any) of a Linux service. */
    record Resolved(Source source, List<String> programs, boolean pamOnly) {
    }

    private LogSources() {
    }

    static Resolved resolve(String category, String product, String service) throws RuleRefused {
        String c = lower(category);
        String p = lower(product);
        String s = lower(service);
        if ("aws".equals(p)) {
            if (c != null) {
                throw refused(category, product, service);
            }
            return switch (s == null ? "" : s) {
                case "cloudtrail" -> new Resolved(Source.CLOUDTRAIL, null, false);
                case "vpcflow" -> new Resolved(Source.VPC_FLOW, null, false);
                case "waf" -> new Resolved(Source.AWS_WAF, null, false);
                default -> throw refused(category, product, service);
            };
        }
        if ("webserver".equals(c) || "proxy".equals(c)) {
            if (s != null || p != null && !List.of("apache", "nginx", "iis", "haproxy", "envoy").contains(p)) {
                throw refused(category, product, service);
            }
            return new Resolved(Source.WEB, null, false);
        }
        if ("application".equals(c) && s == null) {
            return new Resolved(Source.APPLICATION, null, false);
        }
        if ("linux".equals(p) && c == null) {
            if (s == null || s.equals("syslog")) {
                return new Resolved(Source.LINUX, null, false);
            }
            if (s.equals("pam")) {
                return new Resolved(Source.LINUX, null, true);
            }
            List<String> programs = LINUX_PROGRAMS.get(s);
            if (programs == null) {
                throw refused(category, product, service);
            }
            return new Resolved(Source.LINUX, programs, false);
        }
        if (c == null && p == null && ("apache".equals(s) || "nginx".equals(s))) {
            return new Resolved(Source.SERVER_ERRORS, null, false);
        }
        throw refused(category, product, service);
    }

    private static RuleRefused refused(String category, String product, String service) {
        return new RuleRefused("no events here for logsource " + "category: " + category + ", product: " + product
                + ", service: " + service);
    }

    private static String lower(String s) {
        return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
    }
}
