package dev.soctriage.model;

/** Names of the log formats the parsers recognise; {@link #TEXT} is the never-dropped fallback. */
public final class Formats {
    public static final String SSHD = "sshd";
    public static final String SUDO = "sudo";
    public static final String SYSLOG = "syslog";
    public static final String ACCESS_LOG = "access_log";
    public static final String ALB = "alb";
    public static final String CLOUDTRAIL = "cloudtrail";
    public static final String VPC_FLOW = "vpc_flow";
    public static final String WAF = "waf";
    public static final String JSON = "json";
    public static final String LOGFMT = "logfmt";
    public static final String TEXT = "text";

    private Formats() {
    }
}
