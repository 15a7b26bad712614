package dev.soctriage.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.soctriage.model.SourceReading;

/**
 * The invocation's result, as the contract names it, plus {@code memoryHits}, {@code openVerdictHits} and how
 * the lines were read (the contract allows added fields).
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
 * @param formats    lines read per format (wire names, {@code text} for lines of no known format); empty for
 *                   a delivery answered as a duplicate, which is not read again
 * @param unknownLines lines of no known format
 * @param unknownSamples the first few of them (at most {@value SourceReading#MAX_SAMPLES}, cut as evidence is,
 *                   at most {@value SourceReading#SAMPLE_CHARS} characters each): untrusted log text
 */
@RegisterForReflection
public record IngestResult(long events, long groups, long verdicts, long duplicates, long llmCalls, long failed,
        long memoryHits, long openVerdictHits, Map<String, Long> formats, long unknownLines,
        List<String> unknownSamples) {
    public static final IngestResult EMPTY = new IngestResult(0, 0, 0, 0, 0, 0, 0, 0);

    public IngestResult {
        formats = formats == null ? Map.of() : Map.copyOf(new TreeMap<>(formats));
        unknownSamples = unknownSamples == null ? List.of() : List.copyOf(unknownSamples);
    }

    public IngestResult(long events, long groups, long verdicts, long duplicates, long llmCalls, long failed) {
        this(events, groups, verdicts, duplicates, llmCalls, failed, 0, 0);
    }

    public IngestResult(long events, long groups, long verdicts, long duplicates, long llmCalls, long failed,
            long memoryHits, long openVerdictHits) {
        this(events, groups, verdicts, duplicates, llmCalls, failed, memoryHits, openVerdictHits, Map.of(), 0, List.of());
    }

    /** This result with how its lines were read. */
    IngestResult read(Reading r) {
        return new IngestResult(events, groups, verdicts, duplicates, llmCalls, failed, memoryHits, openVerdictHits,
                r.formats(), r.unknown(), r.samples());
    }

    /** Lines per format in name order (Jackson writes a map as it iterates). */
    @Override
    public Map<String, Long> formats() {
        return new TreeMap<>(formats);
    }

    public IngestResult plus(IngestResult o) {
        Map<String, Long> f = new TreeMap<>(formats);
        o.formats.forEach((k, v) -> f.merge(k, v, Long::sum));
        List<String> samples = new ArrayList<>(unknownSamples);
        for (String s : o.unknownSamples) {
            if (samples.size() < SourceReading.MAX_SAMPLES) {
                samples.add(s);
            }
        }
        return new IngestResult(events + o.events, groups + o.groups, verdicts + o.verdicts,
                duplicates + o.duplicates, llmCalls + o.llmCalls, failed + o.failed, memoryHits + o.memoryHits,
                openVerdictHits + o.openVerdictHits, f, unknownLines + o.unknownLines, samples);
    }
}
