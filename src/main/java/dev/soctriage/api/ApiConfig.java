package dev.soctriage.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who may use the HTTP API ({@code ANALYST_GROUP}, {@code ANALYST_GROUPS_CLAIM}, {@code REMEDIATION_GROUP}). */
@ConfigMapping(prefix = "api")
public interface ApiConfig {
    /** Group that may list, read, approve and reject. */
    @WithDefault("soc-analysts")
    String analystGroup();

    /** JWT claim holding the caller's groups. */
    @WithDefault("cognito:groups")
    String groupsClaim();

    /** Group that may report a remediation outcome (the Kestra flows' identity). */
    @WithDefault("soc-remediation")
    String remediationGroup();

    /** OAuth scope that may report a remediation outcome (a client-credentials app client). */
    @WithDefault("soc/remediation")
    String remediationScope();

    /** Longest accepted {@code comment}, {@code reason} or outcome {@code detail}, in characters. */
    @WithDefault("1000")
    int maxTextLength();
}
