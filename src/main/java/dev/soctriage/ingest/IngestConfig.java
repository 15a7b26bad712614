package dev.soctriage.ingest;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on what one invocation decodes. */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {
    /** Largest decompressed CloudWatch payload or S3 object read, in bytes (a gzip bomb stops here). */
    @WithDefault("268435456")
    long maxDecodedBytes();

    /** Most lines one direct invocation may carry. */
    @WithDefault("100000")
    int maxDirectLines();

    /**
     * Time one invocation may spend triaging, counted from its start; keep it below the function's
     * timeout so model retries never outlive the invocation.
     */
    @WithDefault("PT50S")
    Duration timeBudget();
}
