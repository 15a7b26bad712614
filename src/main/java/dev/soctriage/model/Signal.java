package dev.soctriage.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The labels the line classifier (triage's signatures) puts on single lines; part of the group key
 * and of the feedback key, read by the rules. The wire names are stored in those keys: never change one.
 */
public enum Signal {
    /** no signature matched */
    NONE(""),
    /** text that tries to instruct a model (the triage's own or any other) */
    PROMPT_INJECTION("prompt_injection"),
    LOG4SHELL("log4shell"),
    CMD_INJECTION("cmd_injection"),
    SQLI("sqli"),
    SSRF("ssrf"),
    PATH_TRAVERSAL("path_traversal"),
    XSS("xss"),
    SCANNER("scanner"),
    /** requests for files no client needs (.env, .git/config, wp-config.php...) */
    PROBE("probe"),
    /** a failed SSH authentication */
    AUTH_FAILURE("auth_failure"),
    /** sshd's "Invalid user": a user name that does not exist was tried */
    INVALID_USER("invalid_user"),
    /** an application or web login that failed */
    LOGIN_FAILURE("login_failure"),
    /** sudo refused: user not in sudoers, or three wrong passwords */
    SUDO_DENIED("sudo_denied"),
    FLOW_REJECT("flow_reject"),
    WAF_BLOCK("waf_block"),
    ROOT_ACTIVITY("root_activity"),
    CONSOLE_LOGIN_FAILURE("console_login_failure"),
    LOGGING_TAMPER("logging_tamper"),
    SECURITY_TOOL_DISABLED("security_tool_disabled"),
    S3_PUBLIC("s3_public"),
    IAM_ADMIN_GRANT("iam_admin_grant"),
    IAM_FOREIGN_KEY("iam_foreign_key"),
    IAM_USER_CREATED("iam_user_created"),
    /** a detection rule (Sigma) matched a line that none of the labels above names */
    DETECTION("detection");

    private final String wire;

    Signal(String wire) {
        this.wire = wire;
    }

    /** The label as group keys, feedback keys and prompts carry it ("" for {@link #NONE}). */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The wire name, so that a key built by concatenation stays byte-identical. */
    @Override
    public String toString() {
        return wire;
    }

    /** A failed login from outside: the user it names is the account the sender tried, not the sender. */
    public boolean isFailedLogin() {
        return this == AUTH_FAILURE || this == INVALID_USER || this == LOGIN_FAILURE || this == CONSOLE_LOGIN_FAILURE;
    }
}
