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

    /**
     * Time, counted from the invocation's start, by which reading, parsing and grouping must be done;
     * past it the delivery is refused before anything is written (then retried, then dead-lettered).
     * The rest of {@link #timeBudget()} is for judging and writing.
     */
    @WithDefault("PT30S")
    Duration groupingBudget();

    /**
     * Time kept at the end of {@link #timeBudget()} whatever there is to write (the journal, the marker,
     * a slow store): model calls stop before it, and before the time the delivery's verdicts need on top
     * ({@link #writeEstimate()}).
     */
    @WithDefault("PT5S")
    Duration writeReserve();

    /**
     * What one verdict write may take (a few conditional writes): the verdicts a delivery will write, in
     * parallel batches of {@code store.write-concurrency}, are budgeted at this each, and model calls
     * stop in time for them.
     */
    @WithDefault("PT0.04S")
    Duration writeEstimate();

    /** Lines read, parsed and grouped at a time (a large S3 object is streamed in such chunks). */
    @WithDefault("4096")
    int chunkLines();
}
