package dev.soctriage.servers;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * <li>{@code POST /_local/kestra/creates}: how the following creates are answered ({@link #scriptCreates}).</li>
 * </ul>
 * Like open-source Kestra it requires HTTP basic auth (or what {@link Auth} says), knows only its
 * deployed flows (404 otherwise) and refuses {@code system.*} labels other than {@code system.correlationId}.
 *
 * <p>Tests script failures with {@link #onCreate} and {@link #onSearch}: an error status, a raw body,
 * an answer that comes late (the execution exists, but a caller with a shorter timeout never sees
 * the answer: a lost answer), a search that ignores its filters.
 */
public final class KestraFake implements AutoCloseable {
    /** The namespace of the flows in {@code kestra/}. */
    public static final String NAMESPACE = "soc.remediation";
    /** The flows of {@code kestra/}. */
    public static final Set<String> FLOWS = Set.of("block-ip", "disable-user", "monitor");
    private static final Pattern CREATE = Pattern.compile("/api/v1/([^/]+)/executions/([^/]+)/([^/]+)");
    private static final Pattern SEARCH = Pattern.compile("/api/v1/([^/]+)/executions/search");
    private static final Pattern GET_ONE = Pattern.compile("/api/v1/([^/]+)/executions/([^/]+)");
    private static final Pattern LABEL_FILTER = Pattern.compile("filters\\[labels]\\[(?:EQUALS|EQ)]\\[(.+)]");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

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
     * How the fake answers a kind of call: {@link #normally()}, {@link #late}, {@link #error},
     * {@link #raw}, or for searches {@link #unfiltered()}.
     */
    public static final class Answer {
        private final int status;
        private final String body;
        private final Duration delay;
        private final boolean unfiltered;

        private Answer(int status, String body, Duration delay, boolean unfiltered) {
            this.status = status;
            this.body = body;
            this.delay = delay;
            this.unfiltered = unfiltered;
        }

        /** As Kestra does. */
        public static Answer normally() {
            return new Answer(0, null, Duration.ZERO, false);
        }

        /** As Kestra does, {@code delay} late: a create has happened even if the caller gave up waiting. */
        public static Answer late(Duration delay) {
            return new Answer(0, null, delay, false);
        }

        /** Kestra's error shape, {@code {"message":...}}, with this status; nothing is created. */
        public static Answer error(int status, String message) {
            return new Answer(status, KestraFake.error(message), Duration.ZERO, false);
        }

        /** Exactly this status and JSON body; nothing is created. */
        public static Answer raw(int status, String json) {
            return new Answer(status, json, Duration.ZERO, false);
        }

        /** For searches: every execution of the tenant, as a server that ignored the filters would answer. */
        public static Answer unfiltered() {
            return new Answer(0, null, Duration.ZERO, true);
        }
    }

    /**
     * One request as it reached the fake.
     *
     * @param headers lower-case names, first value
     * @param parts   the multipart fields of a create (empty otherwise)
     * @param status  what the fake answered
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

    private record Reply(int status, String json) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kestra-fake");
        t.setDaemon(true);
        return t;
    });
    private final Auth initialAuth;
    private final String initialNamespace;
    private final Consumer<String> out;
    private final List<ObjectNode> executions = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Set<String>> flows = new ConcurrentHashMap<>();
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
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the Kestra fake", e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:port}, the value of {@code KESTRA_URL}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The executions created so far, as Kestra answered them (with their {@code inputs}). */
    public List<ObjectNode> executions() {
        return List.copyOf(executions);
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
        flows.computeIfAbsent(namespace, n -> ConcurrentHashMap.newKeySet()).addAll(List.of(flowIds));
    }

    /** Forgets executions and calls, answers normally, accepts the first caller and flows again. */
    public void reset() {
        executions.clear();
        calls.clear();
        flows.clear();
        flows.put(initialNamespace, ConcurrentHashMap.newKeySet());
        flows.get(initialNamespace).addAll(FLOWS);
        auth = initialAuth;
        onCreate = Answer.normally();
        onSearch = Answer.normally();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex; InputStream in = ex.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            if (method.equals("GET") && path.equals("/_local/kestra/calls")) {
                send(ex, new Reply(200, JSON.createArrayNode().addAll(executions).toString()));
                return;
            }
            if (method.equals("POST") && path.equals("/_local/kestra/creates")) {
                send(ex, scriptCreates(body));
                return;
            }
            Map<String, List<String>> query = QueryString.parse(ex.getRequestURI().getRawQuery());
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            Map<String, String> parts = new LinkedHashMap<>();
            Answer scripted = Answer.normally();
            Reply reply;
            if (!path.startsWith("/api/v1/")) {
                reply = new Reply(404, error("Not Found"));
            } else if (auth.header() != null && !auth.header().equals(headers.get("authorization"))) {
                reply = new Reply(401, error("Unauthorized"));
            } else {
                Matcher m;
                if (method.equals("GET") && (m = SEARCH.matcher(path)).matches()) {
                    scripted = onSearch;
                    reply = scripted.body != null ? new Reply(scripted.status, scripted.body)
                            : search(QueryString.decode(m.group(1)), query, scripted.unfiltered);
                } else if (method.equals("GET") && (m = GET_ONE.matcher(path)).matches()) {
                    String id = QueryString.decode(m.group(2));
                    reply = executions.stream().filter(e -> e.get("id").asText().equals(id)).findFirst()
                            .map(e -> new Reply(200, e.toString()))
                            .orElseGet(() -> new Reply(404, error("Execution not found: " + id)));
                } else if (method.equals("POST") && (m = CREATE.matcher(path)).matches()) {
                    scripted = onCreate;
                    reply = scripted.body != null ? new Reply(scripted.status, scripted.body)
                            : create(QueryString.decode(m.group(1)), QueryString.decode(m.group(2)),
                                    QueryString.decode(m.group(3)), query, headers.get("content-type"), body, parts);
                } else {
                    reply = new Reply(404, error("Not Found"));
                }
            }
            calls.add(new Call(method, path, query, Map.copyOf(headers), Map.copyOf(parts), reply.status()));
            sleep(scripted.delay);
            send(ex, reply);
        }
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

    private Reply create(String tenant, String ns, String flow, Map<String, List<String>> params, String contentType,
            byte[] body, Map<String, String> parts) {
        if (!flows.getOrDefault(ns, Set.of()).contains(flow)) {
            return new Reply(404, error("Flow not found: " + ns + "." + flow));
        }
        try {
            parts.putAll(Multipart.parse(contentType, body));
        } catch (IllegalArgumentException e) {
            return new Reply(415, error("Inputs must be multipart/form-data: " + e.getMessage()));
        }
        List<String[]> labels = new ArrayList<>();
        for (String l : params.getOrDefault("labels", List.of())) {
            int colon = l.indexOf(':');
            if (colon <= 0) {
                return new Reply(400, error("Invalid label: " + l));
            }
            String key = l.substring(0, colon);
            if (key.startsWith("system.") && !key.equals("system.correlationId")) {
                return new Reply(400, error("System labels can only be set by Kestra itself, offending label: " + key));
            }
            labels.add(new String[] { key, l.substring(colon + 1) });
        }
        String id = newId();
        String now = Instant.now().toString();
        ObjectNode e = JSON.createObjectNode();
        e.put("id", id).put("namespace", ns).put("flowId", flow).put("flowRevision", 1).put("tenantId", tenant);
        ObjectNode in = e.putObject("inputs");
        parts.forEach(in::put);
        ArrayNode ls = e.putArray("labels");
        labels.forEach(l -> ls.addObject().put("key", l[0]).put("value", l[1]));
        ObjectNode state = e.putObject("state");
        state.put("current", "CREATED").put("startDate", now);
        state.putArray("histories").addObject().put("state", "CREATED").put("date", now);
        e.put("originalId", id).put("deleted", false)
                .put("url", url() + "/ui/" + tenant + "/executions/" + ns + "/" + flow + "/" + id);
        executions.add(e);
        out.accept("kestra: execution " + id + " of " + ns + "/" + flow + " created: verdictId="
                + parts.get("verdictId") + " action=" + parts.get("action") + " target=" + parts.get("target")
                + " approvedBy=" + parts.get("approvedBy"));
        return new Reply(200, e.toString());
    }

    private Reply search(String tenant, Map<String, List<String>> params, boolean unfiltered) {
        Map<String, String> wanted = new LinkedHashMap<>();
        params.getOrDefault("labels", List.of()).forEach(l -> {
            int colon = l.indexOf(':');
            wanted.put(colon < 0 ? l : l.substring(0, colon), colon < 0 ? "" : l.substring(colon + 1));
        });
        params.forEach((k, v) -> {
            Matcher m = LABEL_FILTER.matcher(k);
            if (m.matches()) {
                wanted.put(m.group(1), v.get(0));
            }
        });
        String ns = unfiltered ? null : first(params, "namespace", "filters[namespace][EQUALS]");
        String flow = unfiltered ? null : first(params, "flowId", "filters[flowId][EQUALS]");
        List<ObjectNode> hits = executions.stream()
                .filter(e -> e.get("tenantId").asText().equals(tenant))
                .filter(e -> ns == null || e.get("namespace").asText().equals(ns))
                .filter(e -> flow == null || e.get("flowId").asText().equals(flow))
                .filter(e -> unfiltered
                        || wanted.entrySet().stream().allMatch(w -> hasLabel(e, w.getKey(), w.getValue())))
                .toList();
        String size = first(params, "size");
        ObjectNode page = JSON.createObjectNode();
        int shown = size == null ? hits.size() : Math.min(hits.size(), Integer.parseInt(size));
        page.putArray("results").addAll(hits.subList(0, shown));
        page.put("total", hits.size());
        return new Reply(200, page.toString());
    }

    private static boolean hasLabel(ObjectNode e, String key, String value) {
        for (var l : e.get("labels")) {
            if (l.get("key").asText().equals(key) && l.get("value").asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String first(Map<String, List<String>> params, String... names) {
        for (String n : names) {
            if (params.containsKey(n)) {
                return params.get(n).get(0);
            }
        }
        return null;
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

    private static String error(String message) {
        return JSON.createObjectNode().put("message", message).toString();
    }

    /** Kestra's ids are 22 base62 characters. */
    private static String newId() {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder b = new StringBuilder(22);
        for (int i = 0; i < 22; i++) {
            b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
