package dev.soctriage.secrets;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Secrets read at run time from AWS Secrets Manager (docs/contract.md, "Configuration"): the Groq key
 * ({@code GROQ_API_KEY_SECRET_ARN}) and the Kestra credentials ({@code KESTRA_SECRET_ARN}).
 */
@ConfigMapping(prefix = "secrets")
public interface SecretsConfig {
    /**
     * How long a value read is reused ({@code SECRETS_TTL}); a rotated secret reaches a warm function
     * within this time, without a deploy.
     */
    @WithDefault("PT5M")
    Duration ttl();

    /** A local Secrets Manager API (tests); unset in AWS, where the region's endpoint is used. */
    Optional<URI> endpointOverride();
}
