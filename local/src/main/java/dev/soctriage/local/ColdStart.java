package dev.soctriage.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.soctriage.servers.Dynalite;
import dev.soctriage.servers.KestraFake;
import dev.soctriage.servers.LoopbackServer;
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
 * <pre>java -cp local/target/soc-triage-local.jar dev.soctriage.local.ColdStart 5</pre> (part of {@code make bench})
 */
public final class ColdStart {
    private static final ObjectMapper JSON = new ObjectMapper();
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
        AtomicReference<LambdaFunction> reads = new AtomicReference<>();
        AtomicReference<LambdaFunction> decisions = new AtomicReference<>();
        try (LoopbackServer dynalite = Dynalite.start();
                KestraFake kestra = new KestraFake(KestraFake.Auth.basic(LocalStack.KESTRA_USER,
                        LocalStack.KESTRA_PASSWORD), LocalStack.KESTRA_NAMESPACE, line -> { });
                ModelStub model = new ModelStub(MODEL_DELAY, false);
                LocalGateway gateway = new LocalGateway(0, (e, t) -> reads.get().invoke(e, t),
                        (e, t) -> decisions.get().invoke(e, t), "cognito:groups", System.err::println)) {
            Map<String, String> env = LocalStack.functionEnv(dynalite.endpoint(), kestra.url(), Map.of());
            LocalHttp http = new LocalHttp();
            System.out.printf("cold start, median of %d (ms; RSS after the first answer in MB); load average %s%n", runs,
                    loadAverage());
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
                            reads.set(f);
                            decisions.set(f);
                            answer = switch (fn) {
                                case LocalStack.LIST -> "GET /verdicts -> " + http.get(gateway.url() + "/verdicts").status();
                                case LocalStack.APPROVE -> "POST approve -> " + http.post(gateway.url()
                                        + "/verdicts/v_00000000000000000000000000000000/approve", "{}").status();
                                default -> "direct event, rules -> error=" + f.invoke(SampleEvents.directAccessLog(),
                                        Duration.ofSeconds(120)).error();
                            };
                            long answered = System.currentTimeMillis();
                            Run r = new Run(f.api().firstPoll().getNow(answered) - f.startedAt(), answered - f.startedAt(),
                                    rssMb(f.pid()), cpuMs(f.pid()));
                            // the Java 17 start's first run trains its AppCDS archive: not counted
                            if (how == Start.DEPLOYED || i > 0) {
                                measured.add(r);
                            }
                            if (i == 0 && how == Start.DEPLOYED) {
                                answer += cacheNote(f.log());
                            }
                        }
                    }
                    System.out.printf("%-14s %-26s %7d %7d %7d %7d  %s%n", fn, how.label, median(measured, Run::initMs),
                            median(measured, Run::firstMs), median(measured, Run::cpuMs), median(measured, Run::rssMb),
                            answer);
                }
            }
            endToEnd(runs, env, work, model, http, gateway, reads);
        }
    }

    /**
     * An event into a cold ingest-triage (the model on, answering after 300 ms) → its verdict listed by
     * list-pending, which is warm (started before, one list served).
     */
    private static void endToEnd(int runs, Map<String, String> baseEnv, Path work, ModelStub model, LocalHttp http,
            LocalGateway gateway, AtomicReference<LambdaFunction> reads) throws Exception {
        Map<String, String> env = new HashMap<>(baseEnv);
        env.put("GROQ_API_KEY", "bench-only");
        env.put("GROQ_BASE_URL", model.baseUrl());
        HttpClient client = HttpClient.newHttpClient();
        System.out.printf("%nan event into a cold ingest-triage -> listed by a warm list-pending, model at %d ms, median of %d%n",
                MODEL_DELAY.toMillis(), runs);
        for (Start how : Start.values()) {
            try (LambdaFunction list = start(how, LocalStack.LIST, baseEnv, work, false)) {
                reads.set(list);
                http.get(gateway.url() + "/verdicts");
                List<Long> listed = new ArrayList<>();
                List<Long> answered = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    String source = "cold-start/" + how + "/" + System.nanoTime();
                    try (LambdaFunction ingest = start(how, LocalStack.INGEST, env, work, false)) {
                        RuntimeApiEmulator.Result r = ingest.invoke(LatencyBench.bruteForce(source, 100 * how.ordinal() + i).toString(),
                                Duration.ofSeconds(120));
                        answered.add(System.currentTimeMillis() - ingest.startedAt());
                        if (r.error()) {
                            throw new IllegalStateException("ingest-triage failed: " + r.body());
                        }
                        waitListed(client, gateway.url(), source);
                        listed.add(System.currentTimeMillis() - ingest.startedAt());
                    }
                }
                System.out.printf("  %-26s spawn -> answered %d ms, spawn -> listed %d ms (model calls so far: %d)%n",
                        how.label, median(answered, x -> x), median(listed, x -> x), model.calls());
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

    static void waitListed(HttpClient http, String gateway, String source) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/verdicts?limit=100")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode v : JSON.readTree(r.body()).path("items")) {
                if (source.equals(v.path("source").asText())) {
                    return;
                }
            }
        }
        throw new IllegalStateException("verdict for " + source + " not listed within 30 s");
    }

    /** What the bootstrap said about the cache (nothing: it was used). */
    private static String cacheNote(Path log) {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.startsWith("bootstrap:")).findFirst().map(l -> " [" + l + "]").orElse(" [cache used]");
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** utime + stime of the process (fields 14 and 15 of /proc/PID/stat, in clock ticks of 10 ms). */
    static long cpuMs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    static long rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    static <T> long median(List<T> xs, java.util.function.ToLongFunction<T> f) {
        if (xs.isEmpty()) {
            return -1;
        }
        long[] s = xs.stream().mapToLong(f).sorted().toArray();
        return s[s.length / 2];
    }
}
