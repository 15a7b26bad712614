package dev.soctriage.bench.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.soctriage.local.LocalHttp;
import dev.soctriage.local.LocalStack;
import dev.soctriage.local.ModelStub;
import dev.soctriage.servers.ProjectPaths;

/**
 * "From a log line arriving to a plan on the analyst's screen": on the local stack (dynalite, the
 * three functions under the AWS runtime client, the gateway), the time from handing ingest-triage
 * a fresh 20-line SSH brute force to the analyst's {@code GET /verdicts} listing its verdict.
 * Warm functions (the first rounds are discarded); once with the rules engine alone, once with the model
 * on, stubbed to answer after 300 ms ({@link ModelStub}). A harness, not a test: it prints figures and
 * judges nothing.
 *
 * <p>Run: {@code make bench} (after {@code make build}).
 */
public final class LatencyBench {
    private static final int WARMUP = 10;
    private static final int ROUNDS = 40;

    /** Arguments (for a quick look, not for figures): the measured rounds, then the warm-up rounds; 40 and 10. */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : ROUNDS;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : WARMUP;
        System.out.println("load average " + ProcessFigures.loadAverage());
        run("rules engine", Map.of(), rounds, warmup);
        try (ModelStub model = new ModelStub(ColdStart.MODEL_DELAY, false)) {
            run("model at " + ColdStart.MODEL_DELAY.toMillis() + " ms", Map.of("GROQ_API_KEY", "bench-only",
                    "GROQ_BASE_URL", model.baseUrl()), rounds, warmup);
        }
    }

    private static void run(String triage, Map<String, String> env, int rounds, int warmup) throws Exception {
        Path work = ProjectPaths.root().resolve(".local/bench");
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, env, work, s -> { }))) {
            LocalHttp http = new LocalHttp();
            List<Long> ingestMs = new ArrayList<>();
            List<Long> totalMs = new ArrayList<>();
            for (int i = 0; i < warmup + rounds; i++) {
                String source = "bench/" + System.nanoTime();
                long t0 = System.nanoTime();
                stack.ingest(RoundTrip.bruteForce(source, i).toString());
                long t1 = System.nanoTime();
                RoundTrip.waitListed(http, stack.gatewayUrl(), source);
                long t2 = System.nanoTime();
                if (i >= warmup) {
                    ingestMs.add((t1 - t0) / 1_000_000);
                    totalMs.add((t2 - t0) / 1_000_000);
                }
            }
            System.out.println("latency, " + rounds + " rounds after " + warmup + " warm-up, warm functions, " + triage + ":");
            System.out.printf("  ingest-triage invocation (20 lines -> verdict written): median %d ms, p90 %d ms, max %d ms%n",
                    ProcessFigures.percentile(ingestMs, 50), ProcessFigures.percentile(ingestMs, 90), Collections.max(ingestMs));
            System.out.printf("  line handed over -> verdict listed by GET /verdicts:     median %d ms, p90 %d ms, max %d ms%n",
                    ProcessFigures.percentile(totalMs, 50), ProcessFigures.percentile(totalMs, 90), Collections.max(totalMs));
            System.out.println("  function cold starts this run (ms): " + stack.initMillis());
        }
    }
}
