package dev.soctriage.pipeline;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The invocation's result, as the contract names it, plus {@code memoryHits} and {@code openVerdictHits}
 * (the contract allows added fields).
 *
 * @param events     log events decoded
 * @param groups     groups triaged
 * @param verdicts   verdicts written
 * @param duplicates events already recorded by an earlier delivery
 * @param llmCalls   model calls made
 * @param failed     records that could not be decoded inside an otherwise good input
 * @param memoryHits groups answered from the memory of benign templates instead of a model call
 * @param openVerdictHits groups the rules tied to an open verdict of at least their severity, which they
 *                   joined without a model call
 */
@RegisterForReflection
public record IngestResult(long events, long groups, long verdicts, long duplicates, long llmCalls, long failed,
        long memoryHits, long openVerdictHits) {
    public static final IngestResult EMPTY = new IngestResult(0, 0, 0, 0, 0, 0, 0, 0);

    public IngestResult(long events, long groups, long verdicts, long duplicates, long llmCalls, long failed) {
        this(events, groups, verdicts, duplicates, llmCalls, failed, 0, 0);
    }

    public IngestResult plus(IngestResult o) {
        return new IngestResult(events + o.events, groups + o.groups, verdicts + o.verdicts,
                duplicates + o.duplicates, llmCalls + o.llmCalls, failed + o.failed, memoryHits + o.memoryHits,
                openVerdictHits + o.openVerdictHits);
    }
}
