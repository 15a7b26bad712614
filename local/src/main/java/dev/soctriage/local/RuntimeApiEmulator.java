package dev.soctriage.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.soctriage.servers.LoopbackHttp;

/**
 * The AWS Lambda Runtime API (version 2018-06-01) for one function, on 127.0.0.1: what Lambda's
 * service side does for a runtime. The Runtime Interface Client polls {@code GET .../invocation/next};
 * this server holds that request open until {@link #invoke} queues an event (answering at once with an
 * empty 204 crashes the client's native HTTP code), then waits for {@code POST .../response} or
 * {@code .../error}. One invocation at a time, as a Lambda execution environment does.
 */
public final class RuntimeApiEmulator implements AutoCloseable {
    private static final String BASE = "/2018-06-01/runtime/";
    private static final long DEADLINE_MS = 900_000;

    private final String functionName;
    private final HttpServer server;
    private final ExecutorService threads;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();
    private volatile String initError;

    private record Pending(String requestId, byte[] payload, CompletableFuture<Result> result) {
    }

    /**
     * What the function answered.
     *
     * @param error true when the runtime reported {@code /error}: {@code body} is then Lambda's error
     *              JSON ({@code errorMessage}, {@code errorType}, ...)
     */
    public record Result(boolean error, String body) {
    }

    /** The function could not start, or died before answering. */
    public static final class FunctionFailedException extends RuntimeException {
        public FunctionFailedException(String message) {
            super(message);
        }
    }

    public RuntimeApiEmulator(String functionName) {
        this.functionName = functionName;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runtime-api-" + functionName);
            t.setDaemon(true);
            return t;
        });
        try {
            server = LoopbackHttp.open(0, 16);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the Runtime API for " + functionName, e);
        }
        server.setExecutor(threads);
        server.createContext(BASE, this::handle);
        server.start();
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Completes with the wall-clock time (epoch ms) of the runtime's first poll: init is done. */
    public CompletableFuture<Long> firstPoll() {
        return firstPoll;
    }

    /** Sends one event and waits for the function's answer. */
    public Result invoke(String eventJson, Duration timeout) {
        Pending p = new Pending(UUID.randomUUID().toString(), eventJson.getBytes(StandardCharsets.UTF_8),
                new CompletableFuture<>());
        if (initError != null) {
            throw new FunctionFailedException(functionName + " failed to start: " + initError);
        }
        queue.add(p);
        try {
            return p.result().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            queue.remove(p);
            throw new FunctionFailedException(functionName + " did not answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new FunctionFailedException(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FunctionFailedException("interrupted while waiting for " + functionName);
        }
    }

    /** Fails whatever waits on this function: its process is gone. */
    public void functionDied(String why) {
        initError = why;
        FunctionFailedException failure = new FunctionFailedException(functionName + " " + why);
        firstPoll.completeExceptionally(failure);
        inFlight.values().forEach(p -> p.result().completeExceptionally(failure));
        for (Pending p; (p = queue.poll()) != null;) {
            p.result().completeExceptionally(failure);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex; InputStream in = ex.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String path = ex.getRequestURI().getPath().substring(BASE.length());
            String method = ex.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(ex);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/response")) {
                complete(ex, path.substring("invocation/".length(), path.length() - "/response".length()), false, body);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/error")) {
                complete(ex, path.substring("invocation/".length(), path.length() - "/error".length()), true, body);
            } else if (method.equals("POST") && path.equals("init/error")) {
                functionDied("reported an init error: " + new String(body, StandardCharsets.UTF_8));
                send(ex, 202, "{\"status\":\"OK\"}");
            } else {
                send(ex, 404, "{\"errorMessage\":\"unknown Runtime API path\",\"errorType\":\"InvalidRequest\"}");
            }
        }
    }

    private void next(HttpExchange ex) throws IOException {
        firstPoll.complete(System.currentTimeMillis());
        Pending p;
        try {
            p = queue.take(); // the long poll: the runtime waits here between invocations
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // shutting down: the client sees the connection close
        }
        inFlight.put(p.requestId(), p);
        var h = ex.getResponseHeaders();
        h.set("Content-Type", "application/json");
        h.set("Lambda-Runtime-Aws-Request-Id", p.requestId());
        h.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + DEADLINE_MS));
        h.set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:000000000000:function:" + functionName);
        h.set("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + p.requestId().replace("-", "").substring(0, 24) + ";Parent=0000000000000000;Sampled=0");
        ex.sendResponseHeaders(200, p.payload().length);
        ex.getResponseBody().write(p.payload());
    }

    private void complete(HttpExchange ex, String requestId, boolean error, byte[] body) throws IOException {
        Pending p = inFlight.remove(requestId);
        if (p == null) {
            send(ex, 400, "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
            return;
        }
        send(ex, 202, "{\"status\":\"OK\"}");
        p.result().complete(new Result(error, new String(body, StandardCharsets.UTF_8)));
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
