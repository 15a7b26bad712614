package dev.soctriage.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** The log formats the parsers recognise; {@link #TEXT} is the never-dropped fallback. */
public enum Format {
    SSHD("sshd"),
    SUDO("sudo"),
    SYSLOG("syslog"),
    ACCESS_LOG("access_log"),
    ALB("alb"),
    /** Amazon CloudFront's standard (W3C) and real-time access logs */
    CLOUDFRONT("cloudfront"),
    /** Amazon API Gateway's access logs (the JSON and CLF templates) */
    API_GATEWAY("api_gateway"),
    CLOUDTRAIL("cloudtrail"),
    VPC_FLOW("vpc_flow"),
    WAF("waf"),
    JSON("json"),
    LOGFMT("logfmt"),
    /** an application's levelled text log (Python logging and OpenStack's oslo.log, Java and Go loggers) */
    APP_TEXT("app_text"),
    TEXT("text");

    private final String wire;

    Format(String wire) {
        this.wire = wire;
    }

    /** The name group keys, templates and prompts carry, e.g. {@code access_log}. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The wire name, so that a group key built by concatenation stays byte-identical. */
    @Override
    public String toString() {
        return wire;
    }
}
