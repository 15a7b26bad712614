package dev.soctriage.ingest;

import java.util.List;

import dev.soctriage.model.LogEvent;

/**
 * What one invocation delivered, decoded.
 *
 * @param source     the verdicts' {@code source}: the direct event's source, the CloudWatch log group,
 *                   or {@code s3://bucket/key}
 * @param deliveryId a digest of the input that is the same when the same input is delivered again
 * @param events     the decoded lines, in delivery order
 * @param failures   records inside an otherwise good input that could not be decoded, each with its
 *                   reason (counted as {@code failed}; never contains log text)
 * @param control    true for a CloudWatch control message: acknowledged, nothing to triage
 */
public record LogBatch(String source, String deliveryId, List<LogEvent> events, List<String> failures,
        boolean control) {

    public static LogBatch control(String source) {
        return new LogBatch(source, "control", List.of(), List.of(), true);
    }
}
