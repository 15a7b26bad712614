package dev.soctriage.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARMUP = 10;
    private static final int ROUNDS = 40;

    public static void main(String[] args) throws Exception {
        System.out.println("load average " + ColdStart.loadAverage());
        run("rules engine", Map.of());
        try (ModelStub model = new ModelStub(ColdStart.MODEL_DELAY, false)) {
            run("model at " + ColdStart.MODEL_DELAY.toMillis() + " ms", Map.of("GROQ_API_KEY", "bench-only",
                    "GROQ_BASE_URL", model.baseUrl()));
        }
    }

    private static void run(String triage, Map<String, String> env) throws Exception {
        Path work = ProjectPaths.root().resolve(".local/bench");
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, env, work, s -> { }))) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<Long> ingestMs = new ArrayList<>();
            List<Long> totalMs = new ArrayList<>();
            for (int i = 0; i < WARMUP + ROUNDS; i++) {
                String source = "bench/" + System.nanoTime();
                long t0 = System.nanoTime();
                stack.ingest(bruteForce(source, i).toString());
                long t1 = System.nanoTime();
                waitListed(http, stack.gatewayUrl(), source);
                long t2 = System.nanoTime();
                if (i >= WARMUP) {
                    ingestMs.add((t1 - t0) / 1_000_000);
                    totalMs.add((t2 - t0) / 1_000_000);
                }
            }
            System.out.println("latency, " + ROUNDS + " rounds after " + WARMUP + " warm-up, warm functions, " + triage + ":");
            System.out.printf("  ingest-triage invocation (20 lines -> verdict written): median %d ms, p90 %d ms, max %d ms%n",
                    pct(ingestMs, 50), pct(ingestMs, 90), Collections.max(ingestMs));
            System.out.printf("  line handed over -> verdict listed by GET /verdicts:     median %d ms, p90 %d ms, max %d ms%n",
                    pct(totalMs, 50), pct(totalMs, 90), Collections.max(totalMs));
            System.out.println("  function cold starts this run (ms): " + stack.initMillis());
        }
    }

    static ObjectNode bruteForce(String source, int round) {
        ObjectNode e = JSON.createObjectNode().put("source", source);
        ArrayNode lines = e.putArray("lines");
        String ip = "203.0.113." + (1 + round % 200);
        for (int i = 0; i < 20; i++) {
            lines.add(String.format("Nov 25 01:00:%02d bench sshd[%d]: Failed password for user%d from %s port %d ssh2",
                    i, 1000 + i, i % 4, ip, 40000 + i));
        }
        return e;
    }

    private static void waitListed(HttpClient http, String gateway, String source) throws Exception {
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

    private static long pct(List<Long> values, int p) {
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
    }
}
