package dev.soctriage.servers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The one Kestra fake: the part of Kestra's REST API that {@code approve} calls, on 127.0.0.1, with
 * state, used by the local stack ({@code make run}) and by the application's tests. It records every
 * call:
 * <ul>
 * <li>{@code POST /api/v1/{tenant}/executions/{namespace}/{flowId}} with {@code multipart/form-data}
 * inputs and repeatable {@code labels=key:value}: creates an execution and answers Kestra's Execution
 * JSON (state {@code CREATED}, {@code url});</li>
 * <li>{@code GET /api/v1/{tenant}/executions/search}: the executions created here, filtered by
 * {@code filters[namespace][EQUALS]}, {@code filters[flowId][EQUALS]}, {@code filters[labels][EQUALS][key]=value}
 * (Kestra 2.x) or {@code labels=key:value} (older releases), {@code size}: {@code {"results":[...],"total":n}};</li>
 * <li>{@code GET /api/v1/{tenant}/executions/{id}};</li>
 * <li>{@code GET /_local/kestra/calls}: the executions created, for people;</li>
 * <li>{@code POST /_local/kestra/creates}: how the following creates are answered ({@link #scriptCreates});</li>
 * <li>{@code POST /_local/kestra/outage}: connections refused for a while ({@link #scriptOutage}).</li>
 * </ul>
 * Like open-source Kestra it requires HTTP basic auth (or what {@link Auth} says), knows only its
 * deployed flows (404 otherwise) and refuses {@code system.*} labels other than {@code system.correlationId}.
 *
 * <p>Tests script failures with {@link #onCreate} and {@link #onSearch}: an error status, a raw body,
 * an answer that comes late (the execution exists, but a caller with a shorter timeout never sees
 * the answer: a lost answer), an execution that lands late, a connection reset before or after the
 * execution is made, a search that ignores its filters; and with {@link #refuseConnections()} a Kestra
 * that is down. The HTTP server sits behind a {@link TcpFront}, so a reset is a real RST and a refusal
 * a real closed port.
 */
public final class KestraFake implements AutoCloseable {
    /** The namespace of the flows in {@code kestra/}. */
    public static final String NAMESPACE = "soc.remediation";
    /** The flows of {@code kestra/}. */
    public static final Set<String> FLOWS = Set.of("block-ip", "disable-user", "monitor");
    /** The longest outage {@code POST /_local/kestra/outage} scripts. */
    static final int MAX_OUTAGE_SECONDS = 60;
    private static final Pattern CREATE = Pattern.compile("/api/v1/([^/]+)/executions/([^/]+)/([^/]+)");
    private static final Pattern SEARCH = Pattern.compile("/api/v1/([^/]+)/executions/search");
    private static final Pattern GET_ONE = Pattern.compile("/api/v1/([^/]+)/executions/([^/]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the {@code Authorization} header must be; {@link #NONE} accepts any caller. */
    public record Auth(String header) {
        public static final Auth NONE = new Auth(null);

        public static Auth basic(String user, String password) {
            return new Auth("Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }

        public static Auth bearer(String token) {
            return new Auth("Bearer " + token);
        }
    }

    /**
     * How the fake answers a kind of call: {@link #normally()}, {@link #late}, {@link #slow}, {@link #error},
     * {@link #raw}, {@link #reset()}, {@link #resetAfterCreating()}, or for searches {@link #unfiltered()}.
     */
    public static final class Answer {
        private enum Cut { NONE, INSTEAD_OF_HANDLING, INSTEAD_OF_ANSWER }

        private final int status;
        private final String body;
        private final Duration before;
        private final Duration delay;
        private final boolean unfiltered;
        private final Cut cut;

        private Answer(int status, String body, Duration before, Duration delay, boolean unfiltered, Cut cut) {
            this.status = status;
            this.body = body;
            this.before = before;
            this.delay = delay;
            this.unfiltered = unfiltered;
            this.cut = cut;
        }

        /** As Kestra does. */
        public static Answer normally() {
            return new Answer(0, null, Duration.ZERO, Duration.ZERO, false, Cut.NONE);
        }

        /** As Kestra does, {@code delay} late: a create has happened even if the caller gave up waiting. */
        public static Answer late(Duration delay) {
            return new Answer(0, null, Duration.ZERO, delay, false, Cut.NONE);
        }

        /**
         * As Kestra does, after {@code delay}: the execution lands only then, so a caller that gave up
         * waiting and searched at once found nothing (a Kestra slow to store what it was sent).
         */
        public static Answer slow(Duration delay) {
            return new Answer(0, null, delay, Duration.ZERO, false, Cut.NONE);
        }

        /** Kestra's error shape, {@code {"message":...}}, with this status; nothing is created. */
        public static Answer error(int status, String message) {
            return new Answer(status, KestraFake.error(message), Duration.ZERO, Duration.ZERO, false, Cut.NONE);
        }

        /** Exactly this status and JSON body; nothing is created. */
        public static Answer raw(int status, String json) {
            return new Answer(status, json, Duration.ZERO, Duration.ZERO, false, Cut.NONE);
        }

        /** For searches: every execution of the tenant, as a server that ignored the filters would answer. */
        public static Answer unfiltered() {
            return new Answer(0, null, Duration.ZERO, Duration.ZERO, true, Cut.NONE);
        }

        /** The request is read whole, then the connection reset (RST); nothing is created. */
        public static Answer reset() {
            return new Answer(0, null, Duration.ZERO, Duration.ZERO, false, Cut.INSTEAD_OF_HANDLING);
        }

        /** Handled as Kestra does (a create makes its execution), then the connection reset instead of the answer. */
        public static Answer resetAfterCreating() {
            return new Answer(0, null, Duration.ZERO, Duration.ZERO, false, Cut.INSTEAD_OF_ANSWER);
        }
    }

    /**
     * One request as it reached the fake.
     *
     * @param headers lower-case names, first value
     * @param parts   the multipart fields of a create (empty otherwise)
     * @param status  what the fake answered; 0 when it reset the connection instead
     */
    public record Call(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
            Map<String, String> parts, int status) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The first value of a query parameter, or null. */
        public String param(String name) {
            List<String> v = query.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        public boolean isCreate() {
            return method.equals("POST") && CREATE.matcher(path).matches();
        }

        public boolean isSearch() {
            return method.equals("GET") && SEARCH.matcher(path).matches();
        }
    }

    private final HttpServer server;
    private final TcpFront front;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kestra-fake");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kestra-fake-outage");
        t.setDaemon(true);
        return t;
    });
    private final Auth initialAuth;
    private final String initialNamespace;
    private final Consumer<String> out;
    private final FakeExecutions executions = new FakeExecutions();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Auth auth;
    private volatile Answer onCreate = Answer.normally();
    private volatile Answer onSearch = Answer.normally();

    /**
     * @param namespace where the flows of {@code kestra/} are deployed
     * @param out       receives one line per execution created (ids, flow, target, approver: no secrets)
     */
    public KestraFake(Auth auth, String namespace, Consumer<String> out) {
        this.initialAuth = auth;
        this.initialNamespace = namespace;
        this.out = out;
        reset();
        try {
            server = LoopbackHttp.open(0, 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the Kestra fake", e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        front = new TcpFront(server.getAddress(), threads);
    }

    /** {@code http://127.0.0.1:port}, the value of {@code KESTRA_URL}. */
    public String url() {
        return "http://127.0.0.1:" + front.port();
    }

    /** The executions created so far, as Kestra answered them (with their {@code inputs}). */
    public List<ObjectNode> executions() {
        return executions.all();
    }

    /** Every call to {@code /api/v1/...} so far, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The create calls, answered or not. */
    public List<Call> creates() {
        return calls.stream().filter(Call::isCreate).toList();
    }

    public List<Call> searches() {
        return calls.stream().filter(Call::isSearch).toList();
    }

    /** How the following creates are answered, until {@link #reset()}. */
    public void onCreate(Answer answer) {
        this.onCreate = answer;
    }

    /** How the following searches are answered, until {@link #reset()}. */
    public void onSearch(Answer answer) {
        this.onSearch = answer;
    }

    /** Which caller is accepted from now on, until {@link #reset()}. */
    public void auth(Auth auth) {
        this.auth = auth;
    }

    /** Deploys more flows (ids) in a namespace, until {@link #reset()}. */
    public void deploy(String namespace, String... flowIds) {
        executions.deploy(namespace, Set.of(flowIds));
    }

    /**
     * Kestra down: its port refuses connections (a connect fails before anything is sent) and the open
     * connections are closed, until {@link #acceptConnections()} or {@link #reset()}.
     */
    public void refuseConnections() {
        front.refuse();
    }

    /** Connections open through the front now (for the fake's own tests). */
    int openConnections() {
        return front.openConnections();
    }

    /** Kestra back, on the same port. */
    public void acceptConnections() {
        front.accept();
    }

    /** Forgets executions and calls, answers normally, accepts the first caller and flows again, and connections. */
    public void reset() {
        executions.reset(initialNamespace, FLOWS);
        calls.clear();
        auth = initialAuth;
        onCreate = Answer.normally();
        onSearch = Answer.normally();
        if (front != null) {
            front.accept();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex; InputStream in = ex.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            Reply control = control(method, path, body);
            if (control != null) {
                send(ex, control);
                return;
            }
            Map<String, List<String>> query = QueryString.parse(ex.getRequestURI().getRawQuery());
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            Map<String, String> parts = new LinkedHashMap<>();
            boolean authorized = auth.header() == null || auth.header().equals(headers.get("authorization"));
            Answer scripted = !path.startsWith("/api/v1/") || !authorized ? Answer.normally()
                    : method.equals("GET") && SEARCH.matcher(path).matches() ? onSearch
                    : method.equals("POST") && CREATE.matcher(path).matches() ? onCreate
                    : Answer.normally();
            if (scripted.cut == Answer.Cut.INSTEAD_OF_HANDLING) {
                calls.add(new Call(method, path, query, Map.copyOf(headers), Map.of(), 0));
                front.reset(ex.getRemoteAddress().getPort());
                return;
            }
            sleep(scripted.before);
            Reply reply = !path.startsWith("/api/v1/") ? new Reply(404, error("Not Found"))
                    : !authorized ? new Reply(401, error("Unauthorized"))
                    : scripted.body != null ? new Reply(scripted.status, scripted.body)
                    : api(method, path, query, headers.get("content-type"), body, parts, scripted.unfiltered);
            boolean cut = scripted.cut == Answer.Cut.INSTEAD_OF_ANSWER;
            calls.add(new Call(method, path, query, Map.copyOf(headers), Map.copyOf(parts), cut ? 0 : reply.status()));
            if (cut) {
                front.reset(ex.getRemoteAddress().getPort());
                return;
            }
            sleep(scripted.delay);
            send(ex, reply);
        }
    }

    /** The {@code /_local/kestra/...} endpoints, or null for any other path. */
    private Reply control(String method, String path, byte[] body) {
        if (method.equals("GET") && path.equals("/_local/kestra/calls")) {
            return new Reply(200, JSON.createArrayNode().addAll(executions.all()).toString());
        }
        if (method.equals("POST") && path.equals("/_local/kestra/creates")) {
            return scriptCreates(body);
        }
        if (method.equals("POST") && path.equals("/_local/kestra/outage")) {
            return scriptOutage(body);
        }
        return null;
    }

    private Reply api(String method, String path, Map<String, List<String>> query, String contentType, byte[] body,
            Map<String, String> parts, boolean unfiltered) {
        Matcher m;
        if (method.equals("GET") && (m = SEARCH.matcher(path)).matches()) {
            return reply(executions.search(QueryString.decode(m.group(1)), query, unfiltered));
        }
        if (method.equals("GET") && (m = GET_ONE.matcher(path)).matches()) {
            String id = QueryString.decode(m.group(2));
            return executions.byId(id).map(e -> new Reply(200, e.toString()))
                    .orElseGet(() -> new Reply(404, error("Execution not found: " + id)));
        }
        if (method.equals("POST") && (m = CREATE.matcher(path)).matches()) {
            return create(QueryString.decode(m.group(1)), QueryString.decode(m.group(2)),
                    QueryString.decode(m.group(3)), query, contentType, body, parts);
        }
        return new Reply(404, error("Not Found"));
    }

    /**
     * {@code POST /_local/kestra/creates} {@code {"status":503,"message":"..."}}: the following creates
     * fail with that status and Kestra's error shape; {@code {"status":0}} answers them normally again.
     * For people and browser tests trying a Kestra outage against the running stack.
     */
    private Reply scriptCreates(byte[] body) {
        try {
            JsonNode script = JSON.readTree(body);
            int status = script.path("status").asInt(-1);
            if (status == 0) {
                onCreate = Answer.normally();
            } else if (status >= 400 && status <= 599) {
                onCreate = Answer.error(status, script.path("message").asText("scripted failure"));
            } else {
                return new Reply(400, error("status must be 0 (answer normally) or 400..599"));
            }
            return new Reply(200, JSON.createObjectNode().put("status", status).toString());
        } catch (IOException e) {
            return new Reply(400, error("body must be JSON: {\"status\":503,\"message\":\"...\"}"));
        }
    }

    /**
     * {@code POST /_local/kestra/outage} {@code {"seconds":5}}: a moment after answering, the port
     * refuses connections for that long (at most {@value #MAX_OUTAGE_SECONDS}), then listens again on
     * the same port. For people and browser tests trying a Kestra that cannot be reached at all (this
     * endpoint is on the same port, hence the time limit).
     */
    private Reply scriptOutage(byte[] body) {
        int seconds;
        try {
            seconds = JSON.readTree(body).path("seconds").asInt(0);
        } catch (IOException e) {
            seconds = 0;
        }
        if (seconds < 1 || seconds > MAX_OUTAGE_SECONDS) {
            return new Reply(400, error("body must be {\"seconds\":n}, n from 1 to " + MAX_OUTAGE_SECONDS));
        }
        // after this answer has left: the pipe that carries it is closed by the refusal
        timer.schedule(front::refuse, 200, TimeUnit.MILLISECONDS);
        timer.schedule(front::accept, 200 + seconds * 1000L, TimeUnit.MILLISECONDS);
        return new Reply(200, JSON.createObjectNode().put("seconds", seconds).toString());
    }

    private Reply create(String tenant, String ns, String flow, Map<String, List<String>> params, String contentType,
            byte[] body, Map<String, String> parts) {
        if (!executions.deployed(ns, flow)) {
            return new Reply(404, error("Flow not found: " + ns + "." + flow));
        }
        try {
            parts.putAll(Multipart.parse(contentType, body));
        } catch (IllegalArgumentException e) {
            return new Reply(415, error("Inputs must be multipart/form-data: " + e.getMessage()));
        }
        FakeExecutions.Result r = executions.create(url(), tenant, ns, flow, params, parts);
        if (r.status() == 200) {
            JsonNode e = readTree(r.json());
            out.accept("kestra: execution " + e.path("id").asText() + " of " + ns + "/" + flow + " created: verdictId="
                    + parts.get("verdictId") + " action=" + parts.get("action") + " target=" + parts.get("target")
                    + " approvedBy=" + parts.get("approvedBy"));
        }
        return reply(r);
    }

    private static Reply reply(FakeExecutions.Result r) {
        return new Reply(r.status(), r.json());
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("the fake wrote JSON it cannot read", e);
        }
    }

    private static void send(HttpExchange ex, Reply reply) {
        byte[] bytes = reply.json().getBytes(StandardCharsets.UTF_8);
        try {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(reply.status(), bytes.length);
            ex.getResponseBody().write(bytes);
        } catch (IOException callerGone) {
            // a caller that timed out has closed the connection: its answer is lost, as with Kestra
        }
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String error(String message) {
        return JSON.createObjectNode().put("message", message).toString();
    }

    @Override
    public void close() {
        front.close();
        server.stop(0);
        timer.shutdownNow();
        threads.shutdownNow();
    }

    private record Reply(int status, String json) {
    }
}
