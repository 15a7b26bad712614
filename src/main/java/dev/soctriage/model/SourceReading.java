package dev.soctriage.model;

import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How a log source's lines were read, over its recent deliveries: lines per format and lines of no known
 * format, with the latest few of those (docs/contract.md, "GET /verdicts/sources"). An operator reads it to
 * see that a log is being read as noise: a source whose lines are mostly {@code text} is not understood.
 *
 * @param source         the verdicts' {@code source} of these deliveries (log group, {@code s3://bucket/key}, ...)
 * @param firstDelivery  when the first counted delivery was read (ISO-8601 UTC)
 * @param lastDelivery   when the latest one was
 * @param deliveries     deliveries counted
 * @param lines          their lines
 * @param formats        lines per format ({@link Format} wire names), unknown lines under {@code text}
 * @param unknownLines   lines of no known format
 * @param unknownSamples the latest delivery's first unknown lines (at most {@value #MAX_SAMPLES}, each at
 *                       most {@value #SAMPLE_CHARS} characters): log text, untrusted, shown as text only
 */
@RegisterForReflection
public record SourceReading(String source, String firstDelivery, String lastDelivery, long deliveries, long lines,
        Map<String, Long> formats, long unknownLines, List<String> unknownSamples) {
    public static final int MAX_SAMPLES = 5;
    public static final int SAMPLE_CHARS = 512;
}
