package dev.soctriage.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** The log formats the parsers recognise; {@link #TEXT} is the never-dropped fallback. */
public enum Format {
    SSHD,
    SUDO,
    SYSLOG,
    ACCESS_LOG,
    ALB,
    /** Amazon CloudFront's standard (W3C) and real-time access logs */
    CLOUDFRONT,
    /** Amazon API Gateway's access logs (the JSON and CLF templates) */
    API_GATEWAY,
    CLOUDTRAIL,
    VPC_FLOW,
    WAF,
    JSON,
    LOGFMT,
    /** an application's levelled text log (Python logging and OpenStack's oslo.log, Java and Go loggers) */
    APP_TEXT,
    TEXT;

    private static final String[] WIRE = WireNames.of(values());

    /** The name group keys, templates and prompts carry, e.g. {@code access_log}. */
    @JsonValue
    public String wire() {
        return WIRE[ordinal()];
    }

    /** The wire name, so that a group key built by concatenation stays byte-identical. */
    @Override
    public String toString() {
        return wire();
    }
}
