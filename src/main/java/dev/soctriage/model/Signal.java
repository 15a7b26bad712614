package dev.soctriage.model;

import dev.soctriage.triage.RulesEngine;
import dev.soctriage.triage.Signatures;

/** The labels {@link Signatures} puts on single lines; part of the group key, read by the {@link RulesEngine}. */
public final class Signal {
    public static final String NONE = "";
    /** text that tries to instruct a model (the triage's own or any other) */
    public static final String PROMPT_INJECTION = "prompt_injection";
    public static final String LOG4SHELL = "log4shell";
    public static final String CMD_INJECTION = "cmd_injection";
    public static final String SQLI = "sqli";
    public static final String SSRF = "ssrf";
    public static final String PATH_TRAVERSAL = "path_traversal";
    public static final String XSS = "xss";
    public static final String SCANNER = "scanner";
    /** requests for files no client needs (.env, .git/config, wp-config.php...) */
    public static final String PROBE = "probe";
    /** a failed SSH authentication */
    public static final String AUTH_FAILURE = "auth_failure";
    /** sshd's "Invalid user": a user name that does not exist was tried */
    public static final String INVALID_USER = "invalid_user";
    /** an application or web login that failed */
    public static final String LOGIN_FAILURE = "login_failure";
    /** sudo refused: user not in sudoers, or three wrong passwords */
    public static final String SUDO_DENIED = "sudo_denied";
    public static final String FLOW_REJECT = "flow_reject";
    public static final String WAF_BLOCK = "waf_block";
    public static final String ROOT_ACTIVITY = "root_activity";
    public static final String CONSOLE_LOGIN_FAILURE = "console_login_failure";
    public static final String LOGGING_TAMPER = "logging_tamper";
    public static final String SECURITY_TOOL_DISABLED = "security_tool_disabled";
    public static final String S3_PUBLIC = "s3_public";
    public static final String IAM_ADMIN_GRANT = "iam_admin_grant";
    public static final String IAM_FOREIGN_KEY = "iam_foreign_key";
    public static final String IAM_USER_CREATED = "iam_user_created";

    /** Failed logins from outside: the user they name is the account the sender tried, not the sender. */
    public static final java.util.Set<String> FAILED_LOGINS = java.util.Set.of(AUTH_FAILURE, INVALID_USER, LOGIN_FAILURE,
            CONSOLE_LOGIN_FAILURE);

    private Signal() {
    }
}
