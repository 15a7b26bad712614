package dev.soctriage.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.soctriage.detect.Detections;
import dev.soctriage.model.LogEvent;
import dev.soctriage.parse.ParsedEvent;
import dev.soctriage.parse.Parsers;
import dev.soctriage.text.UntrustedText;

/**
 * The Sigma engine alone, per format: thread CPU time of {@link Detections#match} over PipelineBench's
 * corpus (seed 42, 20,000 lines, parsed once beforehand), best of 15 passes, with the built-in pack and
 * SigmaHQ's folders when found. Prints how each source is indexed (rules no atom gates, index keys,
 * literals, what is scanned). {@code -Dbench.sigmahq=false}: the built-in pack alone.
 */
public final class DetectionBench {
    private DetectionBench() {
    }

    public static void main(String[] args) {
        List<Corpus.Line> corpus = new Corpus(42, 8).lines(20_000);
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            events.add(new LogEvent("x" + i, 0, UntrustedText.decodeUtf8(corpus.get(i).bytes())));
        }
        List<ParsedEvent> parsed = new Parsers(Clock.systemUTC()).parseAll(events);
        Map<String, List<ParsedEvent>> byFormat = new TreeMap<>();
        for (ParsedEvent e : parsed) {
            byFormat.computeIfAbsent(e.format().wire(), k -> new ArrayList<>()).add(e);
        }
        Path sigmaHq = SigmaHqFolder.find();
        Detections d = Detections.load(sigmaHq == null ? List.of() : List.of(sigmaHq), Map.of());
        System.out.println("## DetectionBench (" + d.report().rules() + " rules, " + d.report().correlations()
                + " correlations; " + (sigmaHq == null ? "built-in pack alone" : "built-in pack and " + sigmaHq) + "; load average "
                + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + ")");
        System.out.println();
        System.out.println("| format | lines | µs per line (thread CPU, best of 15) |");
        System.out.println("|---|---|---|");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double total = 0;
        long sink = 0;
        for (Map.Entry<String, List<ParsedEvent>> en : byFormat.entrySet()) {
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 15; round++) {
                long t = threads.getCurrentThreadCpuTime();
                for (ParsedEvent e : en.getValue()) {
                    sink += d.match(e).length;
                }
                best = Math.min(best, threads.getCurrentThreadCpuTime() - t);
            }
            total += best / 1000.0;
            System.out.printf("| %s | %,d | %.2f |%n", en.getKey(), en.getValue().size(), best / 1000.0 / en.getValue().size());
        }
        System.out.printf("| all | %,d | %.2f |%n%n", parsed.size(), total / parsed.size());
        System.out.println(d.debugStats() + "(checksum " + sink + ")");
    }
}
