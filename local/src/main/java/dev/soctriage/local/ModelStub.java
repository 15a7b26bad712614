package dev.soctriage.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.soctriage.servers.LoopbackHttp;

/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1 that answers every call after a fixed
 * delay with a schema-valid verdict: what the benchmarks measure against ("the model at 300 ms") and
 * what the start-up caches are trained with, so the model client's path is in them. Benign answers
 * leave the rules' findings standing (a benign answer cannot silence a rule), as in VolumeBench;
 * malicious ones ({@code monitor} without a target) exercise the model-verdict path.
 */
public final class ModelStub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "model-stub");
        t.setDaemon(true);
        return t;
    });
    private final Duration delay;
    private final boolean malicious;
    private final AtomicInteger calls = new AtomicInteger();

    public ModelStub(Duration delay, boolean malicious) {
        this.delay = delay;
        this.malicious = malicious;
        try {
            server = LoopbackHttp.open(0, 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the model stub", e);
        }
        server.setExecutor(threads);
        server.createContext("/openai/v1/chat/completions", this::answer);
        server.start();
    }

    /** The value of {@code GROQ_BASE_URL}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/openai/v1";
    }

    /** Chat-completion calls answered so far. */
    public int calls() {
        return calls.get();
    }

    private void answer(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getRequestBody().readAllBytes();
            calls.incrementAndGet();
            Thread.sleep(delay.toMillis());
            ObjectNode verdict = JSON.createObjectNode().put("malicious", malicious)
                    .put("severity", malicious ? "medium" : "low")
                    .put("threatType", malicious ? "Suspicious activity" : "Routine traffic")
                    .put("action", "monitor").put("target", "")
                    .put("reasoning", malicious ? "Stub: watch this pattern." : "Stub: ordinary activity.");
            verdict.putArray("mitre");
            ObjectNode body = JSON.createObjectNode().put("id", "stub-" + calls.get()).put("object", "chat.completion");
            ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", verdict.toString());
            body.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 40).put("total_tokens", 140);
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
