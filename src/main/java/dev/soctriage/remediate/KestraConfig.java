package dev.soctriage.remediate;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where remediation flows run ({@code KESTRA_URL}, {@code KESTRA_TENANT}, {@code KESTRA_NAMESPACE},
 * {@code KESTRA_USERNAME}/{@code KESTRA_PASSWORD}, {@code KESTRA_API_TOKEN}, {@code KESTRA_SECRET_ARN}).
 * An unset URL is not a start failure: every approval then ends {@code DISPATCH_FAILED} saying so; an
 * {@code http://} URL to anything but loopback is ({@link KestraUrlCheck}).
 */
@ConfigMapping(prefix = "kestra")
public interface KestraConfig {
    /** Base URL, e.g. {@code http://localhost:8080}; empty when unset. */
    Optional<String> url();

    @WithDefault("main")
    String tenant();

    /** Holds the flows {@code block-ip}, {@code disable-user}, {@code monitor}. */
    @WithDefault("soc.remediation")
    String namespace();

    /** Basic auth (Kestra open source); used when no API token is set. */
    Optional<String> username();

    Optional<String> password();

    /** Bearer token (Kestra Enterprise and Cloud); wins over basic auth when both are set. */
    Optional<String> apiToken();

    /**
     * In AWS ({@code KESTRA_SECRET_ARN}): a Secrets Manager secret holding JSON
     * {@code {"username","password"}} or {@code {"apiToken"}}, read at run time and cached; wins over
     * the plain variables above, which are for local runs.
     */
    Optional<String> secretArn();

    /**
     * Read timeout of one Kestra call. An approval makes at most two calls (search, create), each
     * connect + read: they must end inside the approve function's timeout, itself inside API
     * Gateway's 30 s (KestraTimeoutsTest holds the templates to it).
     */
    @WithDefault("PT8S")
    Duration timeout();

    /** Connect timeout of one Kestra call. */
    @WithDefault("PT3S")
    Duration connectTimeout();

    /**
     * After a dispatch failed in a way that may still have created the execution (a create that
     * timed out, was reset or answered 5xx may still land in Kestra meanwhile), how long, counted from
     * the failure, a search that finds no execution is not trusted: a re-approval before then adopts
     * an execution Kestra has, and is refused (409) when Kestra has none yet, so that it cannot create
     * a second one (docs/contract.md, invariant 5). A create that was refused (4xx) or never sent
     * (connection refused, unknown host, TLS handshake) is not waited for.
     */
    @WithDefault("PT1M")
    Duration dispatchGrace();
}
