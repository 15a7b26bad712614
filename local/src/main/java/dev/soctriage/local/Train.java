package dev.soctriage.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.soctriage.servers.Dynalite;
import dev.soctriage.servers.KestraFake;
import dev.soctriage.servers.LoopbackServer;
import dev.soctriage.servers.S3Mock;

/**
 * Trains each function's start-up cache (docs/startup.md) on real invocations of that function, started
 * through {@code target/lambda/bootstrap} with {@code SOC_AOT_TRAIN=1}, so the cache is made by the JVM,
 * flags and jars that will read it: ingest-triage gets a CloudWatch Logs delivery, a direct invoke, an
 * S3 object (plain, from a notification) and a gzip one (through EventBridge), a redelivery and a control
 * message, with the model on (a stub answering "benign", so the rules' findings stand and the verdicts
 * the other two functions train on exist); list-pending lists, pages, filters and reads one; approve
 * approves, rejects and takes the flow's outcome. Against dynalite, S3Mock, the Kestra fake and
 * {@link ModelStub} on loopback. Each JVM writes its cache when it exits; a cache is put in place only
 * when it was completely written. {@code make build} runs it; so does the container image's build.
 *
 * <pre>java -cp local/target/soc-triage-local.jar dev.soctriage.local.Train</pre>
 */
public final class Train {
    /** A training JVM writes its cache in a child JVM as it exits: that takes seconds on a loaded machine. */
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration INVOKE_TIMEOUT = Duration.ofSeconds(120);
    private static final String BUCKET = "soc-training";

    private final Consumer<String> out;

    Train(Consumer<String> out) {
        this.out = out;
    }

    public static void main(String[] args) {
        int trained = new Train(System.out::println).run(Bootstrap.FUNCTIONS);
        System.exit(trained == Bootstrap.FUNCTIONS.size() ? 0 : 1);
    }

    /** @return how many functions got a cache */
    int run(List<String> functions) {
        long t0 = System.nanoTime();
        Path work = Bootstrap.dir().resolve("training");
        Map<String, LambdaFunction> started = new LinkedHashMap<>();
        try (LoopbackServer dynalite = Dynalite.start();
                LoopbackServer s3 = S3Mock.start();
                KestraFake kestra = new KestraFake(KestraFake.Auth.basic(LocalStack.KESTRA_USER, LocalStack.KESTRA_PASSWORD),
                        LocalStack.KESTRA_NAMESPACE, line -> { });
                ModelStub model = new ModelStub(Duration.ZERO, false)) {
            Map<String, String> env = new LinkedHashMap<>(LocalStack.functionEnv(dynalite.endpoint(), kestra.url(), Map.of()));
            env.put("QUARKUS_S3_ENDPOINT_OVERRIDE", s3.endpoint());
            env.put("QUARKUS_S3_PATH_STYLE_ACCESS", "true");
            env.put("GROQ_API_KEY", "training-only");
            env.put("GROQ_BASE_URL", model.baseUrl());
            for (String fn : functions) {
                started.put(fn, LambdaFunction.startDeployed(fn, env, work, true));
            }
            putObjects(s3.endpoint());
            try (LocalGateway gateway = new LocalGateway(0, invoker(started, LocalStack.LIST),
                    invoker(started, LocalStack.APPROVE), "cognito:groups", out)) {
                if (started.containsKey(LocalStack.INGEST)) {
                    ingest(started.get(LocalStack.INGEST));
                }
                LocalHttp http = new LocalHttp();
                String api = gateway.url();
                if (started.containsKey(LocalStack.LIST)) {
                    list(http, api);
                }
                if (started.containsKey(LocalStack.APPROVE)) {
                    decide(http, api);
                }
            }
        } catch (RuntimeException e) {
            out.accept("train: FAILED: " + e.getMessage());
            started.values().forEach(LambdaFunction::close);
            return 0;
        }
        int trained = 0;
        for (Map.Entry<String, LambdaFunction> f : started.entrySet()) {
            trained += publish(f.getKey(), f.getValue()) ? 1 : 0;
        }
        out.accept(String.format("train: %d of %d start-up caches trained in %.1f s (%s)", trained, started.size(),
                (System.nanoTime() - t0) / 1e9, Bootstrap.dir().resolve("aot")));
        return trained;
    }

    private static LocalGateway.Invoker invoker(Map<String, LambdaFunction> started, String name) {
        return (event, timeout) -> {
            LambdaFunction f = started.get(name);
            if (f == null) {
                throw new RuntimeApiEmulator.FunctionFailedException(name + " is not being trained");
            }
            return f.invoke(event, timeout);
        };
    }

    private void ingest(LambdaFunction f) {
        String cloudWatch = SampleEvents.cloudWatchAuthLog();
        expect(f, "a CloudWatch Logs delivery", cloudWatch, false);
        expect(f, "a direct invoke", SampleEvents.directAccessLog(), false);
        expect(f, "an S3 notification", """
                {"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"%s"},
                "object":{"key":"app/auth.log","size":1}}}]}""".formatted(BUCKET), false);
        expect(f, "an EventBridge S3 event (gzip)", """
                {"source":"aws.s3","detail-type":"Object Created","detail":{"bucket":{"name":"%s"},
                "object":{"key":"web/access.log.gz","size":1}}}""".formatted(BUCKET), false);
        expect(f, "the CloudWatch delivery again", cloudWatch, false);
        expect(f, "a control message", controlMessage(), false);
        expect(f, "a malformed envelope", "{\"awslogs\":{\"data\":\"not base64!\"}}", true);
    }

    private void list(LocalHttp http, String api) {
        LocalHttp.Answer all = http.get(api + "/verdicts");
        check("GET /verdicts", all, 200);
        LocalHttp.Answer page = http.get(api + "/verdicts?limit=1&severity=medium");
        check("GET /verdicts?limit=1", page, 200);
        String next = page.json().path("nextToken").asText("");
        if (!next.isEmpty()) {
            check("the next page", http.get(api + "/verdicts?limit=1&severity=medium&nextToken="
                    + java.net.URLEncoder.encode(next, StandardCharsets.UTF_8)), 200);
        }
        check("GET /verdicts?order=lastSeen", http.get(api + "/verdicts?order=lastSeen&status=PENDING"), 200);
        for (JsonNode v : all.json().path("items")) {
            check("GET /verdicts/{id}", http.get(api + "/verdicts/" + v.path("id").asText()), 200);
            break;
        }
        check("GET an unknown verdict", http.get(api + "/verdicts/v_00000000000000000000000000000000"), 404);
        check("GET with a bad limit", http.get(api + "/verdicts?limit=1000"), 400);
    }

    private void decide(LocalHttp http, String api) {
        JsonNode items = http.get(api + "/verdicts?limit=100").json().path("items");
        JsonNode bruteForce = LocalRun.bruteForceVerdict(items);
        if (bruteForce == null) {
            throw new IllegalStateException("no brute-force verdict to approve: ingest-triage's training found none");
        }
        String id = bruteForce.path("id").asText();
        LocalHttp.Answer approved = http.post(api + "/verdicts/" + id + "/approve", "{\"comment\":\"training\"}");
        check("approve", approved, 200);
        check("approve again", http.post(api + "/verdicts/" + id + "/approve", "{}"), 409);
        check("the flow's outcome", http.post(api + "/verdicts/" + id + "/outcome", "{\"executionId\":\""
                + approved.json().path("kestraExecutionId").asText() + "\",\"state\":\"SUCCESS\",\"detail\":\"training\"}",
                "X-Local-User", "kestra", "X-Local-Groups", "soc-remediation"), 200);
        for (JsonNode v : items) {
            if (!v.path("id").asText().equals(id)) {
                check("reject", http.post(api + "/verdicts/" + v.path("id").asText() + "/reject",
                        "{\"reason\":\"training\"}"), 200);
                break;
            }
        }
        check("approve without a body", http.post(api + "/verdicts/not-an-id/approve", "{}"), 400);
    }

    private void expect(LambdaFunction f, String what, String event, boolean error) {
        RuntimeApiEmulator.Result r = f.invoke(event, INVOKE_TIMEOUT);
        if (r.error() != error) {
            throw new IllegalStateException(f.name() + " <- " + what + ": " + (r.error() ? "failed: " : "answered: ")
                    + r.body());
        }
    }

    private static void check(String what, LocalHttp.Answer a, int status) {
        if (a.status() != status) {
            throw new IllegalStateException(what + " answered " + a.status() + " (expected " + status + "): " + a.body());
        }
    }

    /**
     * Stops the training JVM (it writes the cache while exiting) and moves the cache, then its identity,
     * into place; an incomplete cache is dropped and the last good one kept.
     */
    private boolean publish(String fn, LambdaFunction f) {
        boolean exited = f.stop(EXIT_TIMEOUT);
        Path cache = Bootstrap.cache(fn);
        Path part = cache.resolveSibling(cache.getFileName() + ".part");
        Path id = Bootstrap.identity(fn);
        Path idPart = id.resolveSibling(id.getFileName() + ".part");
        try {
            if (exited && Files.isRegularFile(part) && Files.size(part) > 0 && Files.isRegularFile(idPart)) {
                Files.move(part, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Files.move(idPart, id, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                out.accept(String.format("train: %-13s %s (%d MB)", fn, cache, Files.size(cache) >> 20));
                return true;
            }
            out.accept("train: " + fn + ": no cache written" + (exited ? "" : " (the JVM did not exit in time)")
                    + "; it starts without one. See " + f.log());
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(part);
                Files.deleteIfExists(idPart);
            } catch (IOException ignored) {
                // a leftover part file is overwritten by the next training
            }
            f.close();
        }
    }

    /** A log file in plain text and one gzip'd, in path-style S3 (S3Mock reads unsigned requests). */
    private static void putObjects(String endpoint) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        put(http, endpoint + "/" + BUCKET, new byte[0]);
        put(http, endpoint + "/" + BUCKET + "/app/auth.log",
                String.join("\n", SampleEvents.lines(SampleEvents.AUTH_LOG)).getBytes(StandardCharsets.UTF_8));
        put(http, endpoint + "/" + BUCKET + "/web/access.log.gz",
                SampleEvents.gzip(String.join("\n", SampleEvents.lines(SampleEvents.ACCESS_LOG))));
    }

    private static void put(HttpClient http, String url, byte[] body) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("S3 PUT " + url + " answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String controlMessage() {
        String json = "{\"messageType\":\"CONTROL_MESSAGE\",\"owner\":\"CloudwatchLogs\",\"logGroup\":\"\","
                + "\"logStream\":\"\",\"subscriptionFilters\":[],\"logEvents\":[{\"id\":\"\",\"timestamp\":0,"
                + "\"message\":\"CWL CONTROL MESSAGE: Checking health of destination Lambda function.\"}]}";
        return SampleEvents.cloudWatchEnvelope(json);
    }
}
