package dev.soctriage.verdict;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.soctriage.model.SourceReading;

/**
 * How each log source's lines were read, kept per source across deliveries for the console
 * (docs/contract.md, "GET /verdicts/sources"): counters that deliveries add to, and the latest delivery's
 * samples of unknown lines. Nothing else of the log text is stored.
 *
 * <p>Domain exceptions: {@link StoreUnavailableException} (transient: throttling, network; the caller
 * fails so the platform retries).
 */
public interface SourceReadings {

    /**
     * Adds one delivery's reading to its source's: one write, whatever the delivery's size.
     *
     * @param formats lines per format wire name
     * @param samples the delivery's first unknown lines, already cut; none keeps the samples stored before
     */
    void record(String source, long lines, Map<String, Long> formats, long unknownLines, List<String> samples,
            Instant now);

    /** The sources read most recently first, at most {@code limit} (1..100): one query. */
    List<SourceReading> recent(int limit);
}
