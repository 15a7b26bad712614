package dev.soctriage.bench.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.soctriage.local.LambdaFunction;
import dev.soctriage.local.LocalStack;
import dev.soctriage.local.ModelStub;
import dev.soctriage.local.RuntimeApiEmulator;
import dev.soctriage.local.RuntimeClasspath;
import dev.soctriage.servers.ProjectPaths;

/**
 * Cold starts as deployed: each function started through {@code target/lambda/bootstrap} (Java 25, its
 * trained start-up cache) against a local Runtime API, one JVM at a time: spawn → initialised (first poll
 * of the Runtime API), spawn → first answer, and the JVM's resident memory then; and an event into a cold
 * ingest-triage, the model stubbed at 300 ms, until a warm list-pending lists its verdict. Beside each, the
 * same on the start this project used before (Java 17, C1, SerialGC, AppCDS trained by its first run), so
 * the ratio is visible. Medians of N runs (argument, default 5). A harness: it prints figures, judges
 * nothing.
 *
 * <pre>java -cp bench/target/soc-triage-bench.jar:local/target/soc-triage-local.jar dev.soctriage.bench.stack.ColdStart 5</pre>
 * (part of {@code make bench})
 */
public final class ColdStart {
    /** The model's answer time in the end-to-end row (issue 18's figure). */
    static final Duration MODEL_DELAY = Duration.ofMillis(300);

    /** How a function JVM is started. */
    enum Start {
        DEPLOYED("target/lambda/bootstrap"), JAVA17("Java 17 + AppCDS");

        final String label;

        Start(String label) {
            this.label = label;
        }
    }

    /** One measured start. */
    /** cpuMs: the function JVM's CPU time (user + system, all its threads) until it answered. */
    record Run(long initMs, long firstMs, long rssMb, long cpuMs) {
    }

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path work = ProjectPaths.root().resolve("target/cold-start");
        try (FunctionRig rig = new FunctionRig(); ModelStub model = new ModelStub(MODEL_DELAY, false)) {
            Map<String, String> env = rig.env();
            System.out.printf("cold start, median of %d (ms; RSS after the first answer in MB); load average %s%n", runs,
                    ProcessFigures.loadAverage());
            System.out.println("(cpu: the function JVM's CPU time until it answered, user + system: the work, which a loaded"
                    + " machine stretches less than the wall-clock figures)");
            System.out.printf("%-14s %-26s %7s %7s %7s %7s  %s%n", "function", "started by", "init", "first", "cpu", "RSS",
                    "first answer");
            for (String fn : List.of(LocalStack.LIST, LocalStack.APPROVE, LocalStack.INGEST)) {
                for (Start how : Start.values()) {
                    List<Run> measured = new ArrayList<>();
                    String answer = "";
                    for (int i = 0; i < runs + (how == Start.JAVA17 ? 1 : 0); i++) {
                        try (LambdaFunction f = start(how, fn, env, work, i == 0)) {
                            rig.serve(f);
                            answer = rig.firstRequest(fn, f, "direct event, rules");
                            long answered = System.currentTimeMillis();
                            Run r = new Run(f.api().firstPoll().getNow(answered) - f.startedAt(), answered - f.startedAt(),
                                    ProcessFigures.rssMb(f.pid()), ProcessFigures.cpuMs(f.pid()));
                            // the Java 17 start's first run trains its AppCDS archive: not counted
                            if (how == Start.DEPLOYED || i > 0) {
                                measured.add(r);
                            }
                            if (i == 0 && how == Start.DEPLOYED) {
                                answer += cacheNote(f.log());
                            }
                        }
                    }
                    System.out.printf("%-14s %-26s %7d %7d %7d %7d  %s%n", fn, how.label,
                            ProcessFigures.median(measured, Run::initMs), ProcessFigures.median(measured, Run::firstMs),
                            ProcessFigures.median(measured, Run::cpuMs), ProcessFigures.median(measured, Run::rssMb), answer);
                }
            }
            endToEnd(runs, env, work, model, rig);
        }
    }

    /**
     * An event into a cold ingest-triage (the model on, answering after 300 ms) → its verdict listed by
     * list-pending, which is warm (started before, one list served).
     */
    private static void endToEnd(int runs, Map<String, String> baseEnv, Path work, ModelStub model, FunctionRig rig) {
        Map<String, String> env = new HashMap<>(baseEnv);
        env.put("GROQ_API_KEY", "bench-only");
        env.put("GROQ_BASE_URL", model.baseUrl());
        System.out.printf("%nan event into a cold ingest-triage -> listed by a warm list-pending, model at %d ms, median of %d%n",
                MODEL_DELAY.toMillis(), runs);
        for (Start how : Start.values()) {
            try (LambdaFunction list = start(how, LocalStack.LIST, baseEnv, work, false)) {
                rig.serveReads(list);
                rig.http().get(rig.gatewayUrl() + "/verdicts");
                List<Long> listed = new ArrayList<>();
                List<Long> answered = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    String source = "cold-start/" + how + "/" + System.nanoTime();
                    try (LambdaFunction ingest = start(how, LocalStack.INGEST, env, work, false)) {
                        RuntimeApiEmulator.Result r = ingest.invoke(RoundTrip.bruteForce(source, 100 * how.ordinal() + i).toString(),
                                Duration.ofSeconds(120));
                        answered.add(System.currentTimeMillis() - ingest.startedAt());
                        if (r.error()) {
                            throw new IllegalStateException("ingest-triage failed: " + r.body());
                        }
                        RoundTrip.waitListed(rig.http(), rig.gatewayUrl(), source);
                        listed.add(System.currentTimeMillis() - ingest.startedAt());
                    }
                }
                System.out.printf("  %-26s spawn -> answered %d ms, spawn -> listed %d ms (model calls so far: %d)%n",
                        how.label, ProcessFigures.median(answered, x -> x), ProcessFigures.median(listed, x -> x), model.calls());
            }
        }
    }

    private static LambdaFunction start(Start how, String fn, Map<String, String> env, Path work, boolean first) {
        if (how == Start.DEPLOYED) {
            return LambdaFunction.startDeployed(fn, env, work, false);
        }
        Map<String, String> e = new HashMap<>(env);
        e.put("QUARKUS_FUNQY_EXPORT", fn);
        return LambdaFunction.start(fn, RuntimeClasspath.packagedFunction(), LocalStack.HANDLER, e, work.resolve("java17"),
                first);
    }

    /** What the bootstrap said about the cache (nothing: it was used). */
    private static String cacheNote(Path log) {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.startsWith("bootstrap:")).findFirst().map(l -> " [" + l + "]").orElse(" [cache used]");
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }
}
