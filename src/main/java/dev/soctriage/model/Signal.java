package dev.soctriage.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The labels the line classifier (triage's signatures) puts on single lines; part of the group key
 * and of the feedback key, read by the rules. The wire names are stored in those keys: never change one.
 */
public enum Signal {
    /** no signature matched */
    NONE,
    /** text that tries to instruct a model (the triage's own or any other) */
    PROMPT_INJECTION,
    LOG4SHELL,
    CMD_INJECTION,
    SQLI,
    SSRF,
    PATH_TRAVERSAL,
    XSS,
    SCANNER,
    /** requests for files no client needs (.env, .git/config, wp-config.php...) */
    PROBE,
    /** a failed SSH authentication */
    AUTH_FAILURE,
    /** sshd's "Invalid user": a user name that does not exist was tried */
    INVALID_USER,
    /** an application or web login that failed */
    LOGIN_FAILURE,
    /** sudo refused: user not in sudoers, or three wrong passwords */
    SUDO_DENIED,
    FLOW_REJECT,
    WAF_BLOCK,
    ROOT_ACTIVITY,
    CONSOLE_LOGIN_FAILURE,
    LOGGING_TAMPER,
    SECURITY_TOOL_DISABLED,
    S3_PUBLIC,
    IAM_ADMIN_GRANT,
    IAM_FOREIGN_KEY,
    IAM_USER_CREATED,
    /** a detection rule (Sigma) matched a line that none of the labels above names */
    DETECTION;

    private static final String[] WIRE = WireNames.of(values());

    /** The label as group keys, feedback keys and prompts carry it ("" for {@link #NONE}). */
    @JsonValue
    public String wire() {
        return this == NONE ? "" : WIRE[ordinal()];
    }

    /** The wire name, so that a key built by concatenation stays byte-identical. */
    @Override
    public String toString() {
        return wire();
    }

    /** A failed login from outside: the user it names is the account the sender tried, not the sender. */
    public boolean isFailedLogin() {
        return this == AUTH_FAILURE || this == INVALID_USER || this == LOGIN_FAILURE || this == CONSOLE_LOGIN_FAILURE;
    }
}
