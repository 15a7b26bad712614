package dev.soctriage.pipeline;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.soctriage.model.Format;
import dev.soctriage.model.SourceReading;
import dev.soctriage.parse.ParsedEvent;
import dev.soctriage.text.Texts;
import dev.soctriage.text.UntrustedText;

/**
 * One delivery's reading, counted while its chunks are parsed: lines per format, and the first few lines of
 * no known format ({@link Format#TEXT}) as samples, cut as evidence is and shorter still. Bounded whatever
 * the delivery's size: a counter per format and {@value SourceReading#MAX_SAMPLES} samples.
 */
final class Reading {
    private final EnumMap<Format, Long> counts = new EnumMap<>(Format.class);
    private final List<String> samples = new ArrayList<>(SourceReading.MAX_SAMPLES);

    void add(List<ParsedEvent> chunk) {
        for (ParsedEvent e : chunk) {
            counts.merge(e.format(), 1L, Long::sum);
            if (e.format() == Format.TEXT && samples.size() < SourceReading.MAX_SAMPLES) {
                samples.add(sample(e.line()));
            }
        }
    }

    /** A line as a sample: the evidence rule, then at most {@value SourceReading#SAMPLE_CHARS} characters. */
    static String sample(String line) {
        return Texts.cap(UntrustedText.evidence(line == null ? "" : line), SourceReading.SAMPLE_CHARS,
                UntrustedText.TRUNCATED);
    }

    /** Lines per format wire name, in name order. */
    Map<String, Long> formats() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((f, n) -> out.put(f.wire(), n));
        return out;
    }

    long unknown() {
        return counts.getOrDefault(Format.TEXT, 0L);
    }

    long lines() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    List<String> samples() {
        return List.copyOf(samples);
    }
}
