package dev.soctriage.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.soctriage.group.EventGroup;
import dev.soctriage.group.Grouper;
import dev.soctriage.group.Label;
import dev.soctriage.group.LineClassifier;
import dev.soctriage.model.Signal;
import dev.soctriage.model.Format;
import dev.soctriage.model.LogEvent;
import dev.soctriage.parse.ParsedEvent;
import dev.soctriage.parse.Parsers;
import dev.soctriage.text.UntrustedText;

/**
 * {@code make bench} for log understanding: throughput of decode (UTF-8) + parse + group on one thread
 * over a deterministic mixed 100k-line corpus, and for one 10k-line batch the number of groups (model
 * calls) and an estimate of prompt tokens against one call per line. Prints a Markdown table.
 *
 * <p>Arguments (optional): runs (default 9), warm-up runs (default 6), seed (default 42).
 */
public final class PipelineBench {
    static final int LINES = 100_000;
    static final int BATCH = 10_000;

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;

        List<Corpus.Line> corpus = new Corpus(seed, 8).lines(LINES);
        String[] ids = new String[LINES];
        for (int i = 0; i < LINES; i++) {
            ids[i] = "b" + (i / BATCH) + "-" + (i % BATCH);
        }
        Parsers parsers = new Parsers(Clock.systemUTC());
        Grouper grouper = new Grouper();
        // the production classifier: the signatures and the Sigma engine with the built-in pack, and SigmaHQ's
        // folders too when they are found ($SIGMA_RULES, ../shared/sigma/rules, /work/shared/sigma/rules)
        java.nio.file.Path sigmaHq = SigmaHqFolder.find();
        dev.soctriage.detect.Detections detections = dev.soctriage.detect.Detections.load(
                sigmaHq == null ? List.of() : List.of(sigmaHq), Map.of());
        LineClassifier classifier = new dev.soctriage.triage.DetectionClassifier(new dev.soctriage.triage.Signatures(),
                detections);
        LineClassifier signaturesOnly = new dev.soctriage.triage.Signatures();

        Throughput production = throughput(corpus, ids, parsers, grouper, classifier, runs, warmups);
        // the Java signatures alone, as before the Sigma engine
        Throughput javaOnly = throughput(corpus, ids, parsers, grouper, signaturesOnly, runs, warmups);
        // the same without the signatures: how much of a line's time is parsing and grouping
        Throughput unlabelled = throughput(corpus, ids, parsers, grouper, LineClassifier.NONE, runs, warmups);

        BatchFigures main = batchFigures(new Corpus(seed, 8).lines(BATCH), parsers, grouper, classifier);
        System.out.println("## PipelineBench (seed " + seed + ", " + Runtime.getRuntime().availableProcessors() + " CPUs visible, one thread, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ")");
        System.out.println();
        System.out.println("Rules loaded: " + detections.report().rules() + " per-event rules and " + detections.report().correlations()
                + " correlations (built-in pack" + (sigmaHq == null ? ", SigmaHQ's folders not found" : " and " + sigmaHq) + "), "
                + detections.report().refused().size() + " documents refused.");
        System.out.println();
        System.out.println("| measure | value | goal |");
        System.out.println("|---|---|---|");
        System.out.printf("| decode+parse+group, %,d lines (10 batches of %,d), median of %d runs, per CPU-second of the thread | %s | ≥ 200,000 |%n",
                LINES, BATCH, runs, production.thread);
        System.out.printf("| the same, per CPU-second of the whole JVM (GC and JIT threads included) | %s | |%n", production.process);
        System.out.printf("| the same, per wall-clock second (load average %.1f when done) | %s | |%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), production.wall);
        System.out.printf("| the same per thread CPU-second, the Java signatures alone (no Sigma rules) | %s | |%n",
                javaOnly.thread);
        System.out.printf("| the same per thread CPU-second, lines not labelled (no signatures: parsing and grouping alone) | %s | |%n",
                unlabelled.thread);
        System.out.printf("| groups (= model calls) for one %,d-line batch | %,d (%.0f× fewer than %,d per-line calls) | ≥ 100× |%n",
                BATCH, main.groups, (double) BATCH / main.groups, BATCH);
        System.out.printf("| prompt tokens (chars/4), grouped vs per line | %,d vs %,d (%.0f× fewer) | |%n",
                main.groupTokens, main.lineTokens, (double) main.lineTokens / main.groupTokens);
        System.out.printf("| groups mixing attack and benign lines | %d of %d (attack lines %,d) | 0 |%n", main.mixed, main.groups, main.attackLines);
        System.out.println();
        System.out.println("Groups per format in that batch: " + main.perFormat);
        for (int clients : new int[] {50, 200}) {
            BatchFigures wide = batchFigures(new Corpus(seed, clients).lines(BATCH), parsers, grouper, classifier);
            System.out.printf("With %d distinct benign web clients (access log and ALB) instead of 8: %,d groups (%.0f×).%n",
                    clients, wide.groups, (double) BATCH / wide.groups);
        }
        System.out.println("(checksum " + (production.checksum + javaOnly.checksum + unlabelled.checksum) + ")");
    }

    /** Medians (with min and max) of lines per second, as table cells. */
    record Throughput(String thread, String process, String wall, long checksum) {
    }

    static Throughput throughput(List<Corpus.Line> corpus, String[] ids, Parsers parsers, Grouper grouper,
            LineClassifier classifier, int runs, int warmups) {
        double[] rates = new double[runs];
        double[] cpuRates = new double[runs];
        double[] processRates = new double[runs];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long sink = 0;
        for (int run = -warmups; run < runs; run++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long processStart = os.getProcessCpuTime();
            for (int b = 0; b < LINES; b += BATCH) {
                List<LogEvent> events = new ArrayList<>(BATCH);
                for (int i = b; i < b + BATCH; i++) {
                    events.add(new LogEvent(ids[i], 0, UntrustedText.capLine(UntrustedText.decodeUtf8(corpus.get(i).bytes()))));
                }
                sink += grouper.group(parsers.parseAll(events), classifier).size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            double processSeconds = (os.getProcessCpuTime() - processStart) / 1e9;
            if (run >= 0) {
                rates[run] = LINES / seconds;
                cpuRates[run] = LINES / cpuSeconds;
                processRates[run] = LINES / processSeconds;
            }
        }
        return new Throughput(cell(cpuRates), cell(processRates), cell(rates), sink);
    }

    private static String cell(double[] rates) {
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        return String.format("%,.0f lines/s (min %,.0f, max %,.0f)", sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }

    record BatchFigures(int groups, long groupTokens, long lineTokens, int mixed, int attackLines, Map<String, Integer> perFormat) {
    }

    /**
     * The event with its actor marked benign: the actor is part of the group key and read by nothing
     * else that groups (templates read fields and text), and whether it is null is kept, so that a
     * failed login's grouping by address alone is unchanged.
     */
    private static ParsedEvent benign(ParsedEvent e) {
        boolean actorless = e.actorIp() == null && e.actorUser() == null;
        String ip = actorless ? "#benign" : e.actorIp() == null ? null : e.actorIp() + "#benign";
        String user = e.actorUser() == null ? null : e.actorUser() + "#benign";
        return new ParsedEvent(e.event(), e.format(), e.time(), ip, user, e.fields());
    }

    /** Groups, token estimates, and how many groups would split if the corpus's truth were part of the key. */
    static BatchFigures batchFigures(List<Corpus.Line> lines, Parsers parsers, Grouper grouper, LineClassifier classifier) {
        List<LogEvent> events = new ArrayList<>(lines.size());
        Map<String, Boolean> truth = new HashMap<>();
        int attack = 0;
        for (int i = 0; i < lines.size(); i++) {
            LogEvent e = new LogEvent("t-" + i, 0, UntrustedText.decodeUtf8(lines.get(i).bytes()));
            events.add(e);
            truth.put(e.id(), lines.get(i).attack());
            attack += lines.get(i).attack() ? 1 : 0;
        }
        List<ParsedEvent> parsed = parsers.parseAll(events);
        List<EventGroup> groups = grouper.group(parsed, classifier);
        // the truth in the key: benign actors renamed (main's check: a benign line in an attack group splits
        // off), and an attack line no signature names given a label its format never carries (it would
        // otherwise group across actors: an attack line in a benign cross-actor group splits off)
        LineClassifier marked = new LineClassifier() {
            @Override
            public Signal classify(ParsedEvent e) {
                return mark(e, Label.of(classifier.classify(e))).signal();
            }

            @Override
            public boolean namesAttemptedUser(Signal label) {
                return classifier.namesAttemptedUser(label);
            }

            /** The classifier's own labels (its Sigma rules' too), an unnamed attack line marked. */
            @Override
            public Delivery delivery() {
                Delivery inner = classifier.delivery();
                return new Delivery() {
                    @Override
                    public Label label(ParsedEvent e) {
                        return mark(e, inner.label(e));
                    }

                    @Override
                    public List<String> groupRules(Label label, String actorIp, String actorUser) {
                        return inner.groupRules(label, actorIp, actorUser);
                    }
                };
            }

            private Label mark(ParsedEvent e, Label label) {
                if (!label.equals(Label.NONE) || !truth.get(e.event().id())) {
                    return label;
                }
                return Label.of(e.format() == Format.CLOUDTRAIL ? Signal.XSS : Signal.IAM_FOREIGN_KEY);
            }
        };
        List<EventGroup> split = grouper.group(parsed.stream().map(e -> truth.get(e.event().id()) ? e : benign(e)).toList(),
                marked);
        long groupChars = 0;
        Map<String, Integer> perFormat = new TreeMap<>();
        for (EventGroup g : groups) {
            groupChars += GroupRendering.group(g).length();
            perFormat.merge(g.format().wire(), 1, Integer::sum);
        }
        long lineChars = 0;
        for (ParsedEvent e : parsed) {
            lineChars += GroupRendering.line(e).length();
        }
        return new BatchFigures(groups.size(), groupChars / 4, lineChars / 4, split.size() - groups.size(), attack, perFormat);
    }
}
