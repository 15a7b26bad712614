package dev.soctriage.triage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Thresholds of the rules engine; counts are per group (one actor, one template, one batch). */
@ConfigMapping(prefix = "triage.rules")
public interface RulesConfig {
    /** Failed SSH logins from one address that make a brute force. */
    @WithDefault("5")
    int sshFailures();

    /** Failed SSH logins from one address at which a brute force is high severity. */
    @WithDefault("50")
    int sshFailuresHigh();

    /** Distinct user names one actor must try for password spraying (and invalid-user enumeration). */
    @WithDefault("5")
    int sprayUsers();

    /** At most this many tries per user on average: more is brute force, not spraying. */
    @WithDefault("3")
    int sprayTriesPerUser();

    /** Distinct non-existent user names tried for an enumeration. */
    @WithDefault("3")
    int enumerationUsers();

    /** Requests for sensitive files (.env, .git/...) from one client for web scanning. */
    @WithDefault("3")
    int probes();

    /** Failed console logins from one address for a burst. */
    @WithDefault("5")
    int consoleFailures();

    /** IAM users created by one principal in one batch. */
    @WithDefault("3")
    int iamUsersCreated();
}
