package dev.soctriage.bench;

import static dev.soctriage.fixtures.GroqStub.CHAT;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import dev.soctriage.fixtures.GroqStub;
import dev.soctriage.fixtures.IngestEvents;
import dev.soctriage.fixtures.StoredVerdicts;
import dev.soctriage.group.BudgetExceededException;
import dev.soctriage.model.LogEvent;
import dev.soctriage.model.Status;
import dev.soctriage.parse.ParsedEvent;
import dev.soctriage.parse.Parsers;
import dev.soctriage.pipeline.IngestPipeline;
import dev.soctriage.pipeline.IngestResult;
import dev.soctriage.triage.GroqAnswers;
import dev.soctriage.verdict.Verdict;
import dev.soctriage.verdict.VerdictStore;

/**
 * {@code make bench}, volume part (issue 11): the whole ingest-triage pipeline with the model stubbed at
 * 300 ms (WireMock), DynamoDB and S3 on loopback. Prints a Markdown table (also written to
 * {@code target/volume-bench.md}); judges nothing. Runs only with {@code -Dsoc.bench=true}.
 *
 * <p>The stub answers every group "benign": the rules' findings stand (a model cannot silence a rule),
 * so "every attacker found" and "no benign client blocked" measure grouping, the guard and the rules
 * under the model's traffic, not a model's judgement.
 */
@QuarkusTest
@TestProfile(VolumeBenchProfile.class)
@EnabledIfSystemProperty(named = "soc.bench", matches = "true")
class VolumeBench {
    static final int CLIENTS = 250;
    static final int DELIVERIES = 10;
    static final int PER_DELIVERY = 1_000;

    @Inject
    IngestPipeline pipeline;
    @Inject
    VerdictStore store;
    @Inject
    Parsers parsers;
    @Inject
    S3Client s3;
    @Inject
    ObjectMapper json;
    @Inject
    software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo;
    @Inject
    StoredVerdicts verdicts;

    private final StringBuilder out = new StringBuilder();

    private void row(String measure, String value, String goal) {
        out.append("| ").append(measure).append(" | ").append(value).append(" | ").append(goal).append(" |\n");
    }

    private static void modelAnswersIn(int millis) {
        GroqStub.server().resetAll();
        GroqStub.server().stubFor(post(urlPathEqualTo(CHAT))
                .willReturn(GroqAnswers.verdict(false, "low", "monitor", "", "").withFixedDelay(millis)));
    }

    @Test
    void volume() throws Exception {
        out.append("## VolumeBench (").append(LocalDate.now()).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs visible, load average ")
                .append(String.format("%.1f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
                .append(")\n\n| measure | value | goal |\n|---|---|---|\n");

        // 0. warm-up (not measured): the JIT and the clients' first calls, as a warm function has them
        modelAnswersIn(300);
        for (int i = 0; i < 3; i++) {
            pipeline.ingest(IngestEvents.direct("bench-warmup-" + UUID.randomUUID(), web(1_000, 100 + i)));
        }
        memoryForgetsEverything();
        queueDecided();
        CircuitBreakerMaintenance.get().resetAll();

        // 1. the model down (HTTP 503), breaker closed: rules answer, the breaker opens
        GroqStub.server().resetAll();
        GroqStub.server().stubFor(post(urlPathEqualTo(CHAT)).willReturn(GroqAnswers.serverError(503)));
        List<String> down = web(1_000, 11);
        long t0 = System.nanoTime();
        IngestResult r = pipeline.ingest(IngestEvents.direct("bench-down-" + UUID.randomUUID(), down));
        long downMs = (System.nanoTime() - t0) / 1_000_000;
        row("one 1,000-line web delivery, model down (503), fresh breaker, no verdict open: answered by the rules in",
                downMs + " ms (" + r.groups() + " groups, " + r.llmCalls() + " calls before the breaker opened, "
                        + r.verdicts() + " verdicts)", "≤ 2 s");
        t0 = System.nanoTime();
        r = pipeline.ingest(IngestEvents.direct("bench-down-" + UUID.randomUUID(), web(1_000, 12)));
        row("the next delivery while the breaker is open", (System.nanoTime() - t0) / 1_000_000 + " ms ("
                + r.llmCalls() + " calls)", "");
        CircuitBreakerMaintenance.get().resetAll();

        // 2. one 1,000-line web delivery with the model at 300 ms, nothing remembered yet, no verdict open
        memoryForgetsEverything();
        queueDecided();
        modelAnswersIn(300);
        t0 = System.nanoTime();
        r = pipeline.ingest(IngestEvents.direct("bench-web-" + UUID.randomUUID(), web(1_000, 13)));
        row("one 1,000-line web delivery (" + CLIENTS + " clients, 3 attackers), model at 300 ms, memory empty, no verdict open",
                (System.nanoTime() - t0) / 1_000_000 + " ms (" + r.groups() + " groups, " + r.llmCalls() + " calls)",
                "≤ 2 s");

        // 3. issue 11's traffic: 12 deliveries of web browsing by 250 clients with a web attacker, a scanner
        // and a prober, and sshd logins with a brute force among them; twice
        memoryForgetsEverything();
        for (int pass = 1; pass <= 3; pass++) {
            if (pass != 2) {
                queueDecided();
            }
            modelAnswersIn(300);
            long calls = 0;
            long hits = 0;
            long joins = 0;
            t0 = System.nanoTime();
            int total = 0;
            for (int d = 0; d < 12; d++) {
                List<String> batch = new ArrayList<>(web(700, pass * 1000 + d));
                batch.addAll(sshd(133, pass * 1000 + d));
                total += batch.size();
                IngestResult x = pipeline.ingest(IngestEvents.direct("bench-issue-" + pass + "-" + UUID.randomUUID(), batch));
                calls += x.llmCalls();
                hits += x.memoryHits();
                joins += x.openVerdictHits();
            }
            Prompts p = prompts(GroqStub.server().getAllServeEvents());
            row("issue 11's traffic (web: " + CLIENTS + " clients, an injector, a scanner, a prober; sshd: logins, a brute force), "
                    + PASSES[pass - 1] + ": model calls for " + String.format("%,d", total) + " lines in 12 deliveries",
                    String.format("%,d (%.0f× fewer; %d about signal groups); %d memory hits, %d joined open verdicts; prompt mean %,.0f tokens, max %,d; %,d ms in all",
                            calls, (double) total / Math.max(calls, 1), p.withSignal, hits, joins, p.meanTokens, p.maxTokens,
                            (System.nanoTime() - t0) / 1_000_000),
                    pass == 1 ? "≥ 100×" : pass == 2 ? "≥ 1,000×" : "");
        }

        // 4. the mixed corpus of every format, 10 deliveries of 1,000 lines, twice (the second pass: similar traffic)
        memoryForgetsEverything();
        for (int pass = 1; pass <= 3; pass++) {
            if (pass != 2) {
                queueDecided();
            }
            modelAnswersIn(300);
            List<Corpus.Line> lines = new Corpus(100 + pass, CLIENTS).lines(DELIVERIES * PER_DELIVERY);
            String source = "bench-mixed-" + pass + "-" + UUID.randomUUID();
            long calls = 0;
            long hits = 0;
            long groups = 0;
            long joins = 0;
            long signalCalls = 0;
            t0 = System.nanoTime();
            for (int d = 0; d < DELIVERIES; d++) {
                List<String> batch = new ArrayList<>();
                for (Corpus.Line l : lines.subList(d * PER_DELIVERY, (d + 1) * PER_DELIVERY)) {
                    batch.add(new String(l.bytes(), StandardCharsets.UTF_8));
                }
                IngestResult x = pipeline.ingest(IngestEvents.direct(source + "#" + d, batch));
                calls += x.llmCalls();
                hits += x.memoryHits();
                joins += x.openVerdictHits();
                groups += x.groups();
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Prompts p = prompts(GroqStub.server().getAllServeEvents());
            signalCalls = p.withSignal;
            int total = DELIVERIES * PER_DELIVERY;
            row("mixed corpus, " + CLIENTS + " benign web clients, " + PASSES[pass - 1] + ": model calls for "
                    + String.format("%,d", total) + " lines in " + DELIVERIES + " deliveries",
                    String.format("%,d (%.0f× fewer; %d of them about signal groups); "
                            + "%d groups, %d memory hits, %d joined open verdicts, %,d ms in all", calls,
                            (double) total / Math.max(calls, 1), signalCalls, groups, hits, joins, ms),
                    pass == 1 ? "≥ 100×" : pass == 2 ? "≥ 1,000×" : "");
            row("pass " + pass + ": prompt tokens per call (chars/4, both messages)",
                    String.format("mean %,.0f, max %,d", p.meanTokens, p.maxTokens), "mean ≤ 2,000");
            Found f = found(lines, source);
            row("pass " + pass + ": attackers found / benign clients blocked",
                    f.found + " of " + f.attackers + " found" + (f.missed.isEmpty() ? "" : " (missed " + f.missed + ")")
                            + "; " + f.benignBlocked.size() + " benign blocked " + f.benignBlocked,
                    "all / 0");
        }

        // 5. 200,000 dissimilar lines in one S3 object
        modelAnswersIn(300);
        String bucket = "bench-volume";
        if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        String key = "dissimilar/" + UUID.randomUUID() + ".log";
        byte[] body = dissimilar(200_000, 7);
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
        t0 = System.nanoTime();
        String outcome;
        try {
            r = pipeline.ingest(IngestEvents.s3Notification(bucket, key, body.length));
            outcome = String.format("triaged: %,d events, %,d groups, %,d model calls, %d verdicts", r.events(), r.groups(),
                    r.llmCalls(), r.verdicts());
        } catch (BudgetExceededException e) {
            outcome = "not done in one invocation: " + e.getMessage();
        }
        row("200,000 dissimilar lines in one S3 object (" + body.length / 1_000_000 + " MB), model at 300 ms",
                outcome + "; " + String.format("%,d", (System.nanoTime() - t0) / 1_000_000) + " ms", "within ingest.time-budget (50 s), or partly written and continued by the retry");

        System.out.println(out);
        Files.writeString(Path.of("target", "volume-bench.md"), out.toString());
    }

    /** Web traffic: {@link #CLIENTS} clients browsing, one SQL injector, one scanner, one 404-heavy prober. */
    static List<String> web(int n, long seed) {
        Random r = new Random(seed);
        String[] pages = {"/", "/products", "/products/42", "/cart", "/static/app.js", "/static/site.css", "/login", "/account"};
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String ts = String.format("[24/Nov/2026:10:%02d:%02d +0000]", i / 60 % 60, i % 60);
            int k = r.nextInt(100);
            if (k < 3) {
                lines.add("203.0.113.150 - - " + ts + " \"GET /products?id=1%27%20UNION%20SELECT%20password%20FROM%20users-- HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"");
            } else if (k < 5) {
                lines.add("198.51.100.177 - - " + ts + " \"GET /.env HTTP/1.1\" 404 0 \"-\" \"Nuclei - Open-source project (github.com/projectdiscovery/nuclei)\"");
            } else if (k < 8) {
                lines.add("198.51.100.188 - - " + ts + " \"GET /old/page-" + i + ".php HTTP/1.1\" 404 0 \"-\" \"Mozilla/5.0\"");
            } else {
                int c = r.nextInt(CLIENTS);
                String ip = c % 4 == 3 ? "2001:db8:" + Integer.toHexString(0x100 + c) + "::" + (c + 1) : "192.0.2." + (c % 250 + 1);
                String page = pages[r.nextInt(pages.length)];
                lines.add(ip + " - - " + ts + " \"" + (page.equals("/login") && r.nextBoolean() ? "POST" : "GET") + " " + page
                        + " HTTP/1.1\" " + (r.nextInt(50) == 0 ? 404 : 200) + " " + (200 + r.nextInt(5000))
                        + " \"-\" \"Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0\"");
            }
        }
        return lines;
    }

    /** sshd: three admins' accepted logins and sessions, and one address guessing passwords. */
    static List<String> sshd(int n, long seed) {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String head = String.format("Nov 24 10:%02d:%02d ip-10-0-1-5 sshd[%d]: ", i / 60 % 60, i % 60, 1000 + r.nextInt(9000));
            if (r.nextInt(3) == 0) {
                lines.add(head + "Failed password for " + (r.nextBoolean() ? "root" : "invalid user u" + r.nextInt(999))
                        + " from 203.0.113.107 port " + (1024 + r.nextInt(60000)) + " ssh2");
            } else {
                String[] admins = {"alice 198.51.100.20", "bob 198.51.100.21", "deploy 192.0.2.200"};
                String[] a = admins[r.nextInt(admins.length)].split(" ");
                lines.add(head + (r.nextBoolean() ? "Accepted publickey for " + a[0] + " from " + a[1] + " port "
                        + (1024 + r.nextInt(60000)) + " ssh2: ED25519 SHA256:abc" : "Received disconnect from " + a[1]
                        + " port " + (1024 + r.nextInt(60000)) + ":11: disconnected by user"));
            }
        }
        return lines;
    }

    static final String[] PASSES = { "pass 1 (queue empty, memory empty)", "pass 2 (pass 1's verdicts still open, memory kept)",
        "pass 3 (every verdict decided, memory kept)" };

    /** An analyst decides every open verdict (rejects it): the next sighting of a threat opens a new one. */
    private void queueDecided() {
        for (Status s : new Status[] { Status.PENDING, Status.DISPATCH_FAILED }) {
            for (VerdictStore.Page page = store.list(s, null, 100, null); !page.items().isEmpty();
                    page = store.list(s, null, 100, null)) {
                page.items().forEach(v -> store.reject(v.id(), new VerdictStore.Decision("bench", java.time.Instant.now(), "cleared")));
            }
        }
    }

    /** Forgets every remembered template (a new day, as far as the bench is concerned). */
    private void memoryForgetsEverything() {
        dynamo.scanPaginator(b -> b.tableName("soc-verdicts").projectionExpression("id")).items().stream()
                .map(item -> item.get("id").s()).filter(id -> id.startsWith("m_"))
                .forEach(id -> dynamo.deleteItem(b -> b.tableName("soc-verdicts")
                        .key(java.util.Map.of("id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(id)))));
    }

    /** Lines that share little: random words of random lengths, so the miner meets many routes. */
    static byte[] dissimilar(int n, long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder(n * 80);
        for (int i = 0; i < n; i++) {
            int words = 3 + r.nextInt(12);
            for (int w = 0; w < words; w++) {
                int len = 2 + r.nextInt(9);
                for (int c = 0; c < len; c++) {
                    b.append((char) ('a' + r.nextInt(26)));
                }
                b.append(w + 1 < words ? ' ' : '\n');
            }
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    record Prompts(double meanTokens, int maxTokens, int withSignal) {
    }

    /** Sizes of the prompts the stub received (then forgotten), and how many were about a signal group. */
    Prompts prompts(List<ServeEvent> events) throws IOException {
        long sum = 0;
        int max = 0;
        int signal = 0;
        for (ServeEvent e : events) {
            JsonNode req = json.readTree(e.getRequest().getBodyAsString());
            int chars = 0;
            for (JsonNode m : req.path("messages")) {
                chars += m.path("content").asText().length();
            }
            sum += chars / 4;
            max = Math.max(max, chars / 4);
            signal += req.path("messages").path(1).path("content").asText().contains("\"signal\":\"\"") ? 0 : 1;
        }
        GroqStub.server().resetRequests();
        return new Prompts(events.isEmpty() ? 0 : (double) sum / events.size(), max, signal);
    }

    record Found(int attackers, int found, Set<String> missed, Set<String> benignBlocked) {
    }

    /** The corpus's attackers (actors of its attack lines) against the verdicts written for {@code source}. */
    Found found(List<Corpus.Line> lines, String source) {
        Set<String> attackers = new HashSet<>();
        Set<String> benign = new HashSet<>();
        List<LogEvent> events = new ArrayList<>(lines.size());
        for (Corpus.Line l : lines) {
            events.add(new LogEvent("b" + events.size(), 0, new String(l.bytes(), StandardCharsets.UTF_8)));
        }
        List<ParsedEvent> parsed = parsers.parseAll(events);
        for (int i = 0; i < lines.size(); i++) {
            ParsedEvent e = parsed.get(i);
            String actor = e.actorIp() != null ? e.actorIp() : e.actorUser();
            if (actor != null) {
                (lines.get(i).attack() ? attackers : benign).add(actor);
            }
        }
        benign.removeAll(attackers);
        Set<String> targets = new HashSet<>();
        Set<String> blocked = new HashSet<>();
        for (Verdict v : verdicts.all(Status.PENDING)) {
            if (v.evidence().sources().stream().anyMatch(x -> x.startsWith(source)) && v.target() != null) {
                targets.add(v.target());
                if ("ip".equals(v.assessment().targetType())) {
                    blocked.add(v.target());
                }
            }
        }
        Set<String> missed = new HashSet<>(attackers);
        missed.removeAll(targets);
        Set<String> benignBlocked = new HashSet<>(blocked);
        benignBlocked.retainAll(benign);
        return new Found(attackers.size(), attackers.size() - missed.size(), missed, benignBlocked);
    }
}
