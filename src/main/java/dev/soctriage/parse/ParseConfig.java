package dev.soctriage.parse;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** How lines are read ({@code TRUSTED_PROXY_CIDRS}). */
@ConfigMapping(prefix = "parse")
public interface ParseConfig {
    /**
     * The proxies and load balancers whose X-Forwarded-For an access log may be believed from, as
     * literal CIDRs or addresses. Empty (the default): the client-address field is the actor and
     * X-Forwarded-For is the client's own claim, never read as the actor.
     */
    Optional<List<String>> trustedProxyCidrs();

    /**
     * The fields of CloudFront real-time log records, in the order of the real-time log configuration
     * ({@code CLOUDFRONT_REALTIME_FIELDS}, comma-separated: {@code timestamp,c-ip,sc-status,...}). Unset: every
     * field, in the order AWS lists them.
     */
    Optional<List<String>> cloudfrontRealtimeFields();
}
