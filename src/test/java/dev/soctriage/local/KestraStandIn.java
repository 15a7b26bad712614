package dev.soctriage.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The part of Kestra's REST API that {@code approve} calls, on 127.0.0.1, recording every call:
 * <ul>
 * <li>{@code POST /api/v1/{tenant}/executions/{namespace}/{flowId}} with {@code multipart/form-data}
 * inputs and repeatable {@code labels=key:value}: answers the Execution JSON, state {@code CREATED};</li>
 * <li>{@code GET /api/v1/{tenant}/executions/search}: filters the executions created here by
 * {@code labels=key:value} or {@code filters[labels][EQUALS][key]=value}, namespace and flowId;</li>
 * <li>{@code GET /api/v1/{tenant}/executions/{id}};</li>
 * <li>{@code GET /_local/kestra/calls}: the executions created, for people and tests.</li>
 * </ul>
 * Like open-source Kestra it requires HTTP basic auth, knows only its own flows (404 otherwise) and
 * refuses {@code system.*} labels other than {@code system.correlationId}.
 */
public final class KestraStandIn implements AutoCloseable {
    /** The flows of {@code kestra/}, in namespace {@code soc.remediation}. */
    public static final Set<String> FLOWS = Set.of("block-ip", "disable-user", "monitor");
    private static final Pattern CREATE = Pattern.compile("/api/v1/([^/]+)/executions/([^/]+)/([^/]+)");
    private static final Pattern SEARCH = Pattern.compile("/api/v1/([^/]+)/executions/search");
    private static final Pattern GET_ONE = Pattern.compile("/api/v1/([^/]+)/executions/([^/]+)");
    private static final Pattern LABEL_FILTER = Pattern.compile("filters\\[labels]\\[(?:EQUALS|EQ)]\\[(.+)]");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final com.sun.net.httpserver.HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "kestra-stand-in");
        t.setDaemon(true);
        return t;
    });
    private final String expectedAuthorization;
    private final String namespace;
    private final Consumer<String> out;
    private final List<ObjectNode> executions = new CopyOnWriteArrayList<>();

    /**
     * @param out receives one line per execution created (ids, flow, target, approver: no secrets)
     */
    public KestraStandIn(String username, String password, String namespace, Consumer<String> out) {
        this.expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.namespace = namespace;
        this.out = out;
        try {
            server = com.sun.net.httpserver.HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the Kestra stand-in", e);
        }
        server.setExecutor(threads);
        server.createContext("/", ex -> {
            try (ex; InputStream in = ex.getRequestBody()) {
                byte[] body = in.readAllBytes();
                Answer a = answer(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                        ex.getRequestURI().getRawQuery(), ex.getRequestHeaders().getFirst("Authorization"),
                        ex.getRequestHeaders().getFirst("Content-Type"), body);
                byte[] bytes = a.json().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(a.status(), bytes.length);
                ex.getResponseBody().write(bytes);
            }
        });
        server.start();
    }

    private record Answer(int status, String json) {
    }

    /** {@code http://127.0.0.1:port}, the value of {@code KESTRA_URL}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The executions created so far, as Kestra answered them (with their {@code inputs}). */
    public List<ObjectNode> executions() {
        return List.copyOf(executions);
    }

    private Answer answer(String method, String path, String query, String authorization, String contentType,
            byte[] body) {
        if (method.equals("GET") && path.equals("/_local/kestra/calls")) {
            return new Answer(200, JSON.createArrayNode().addAll(executions).toString());
        }
        if (!path.startsWith("/api/v1/")) {
            return error(404, "Not Found");
        }
        if (!expectedAuthorization.equals(authorization)) {
            return error(401, "Unauthorized");
        }
        Map<String, List<String>> params = query(query);
        Matcher m;
        if (method.equals("GET") && (m = SEARCH.matcher(path)).matches()) {
            return search(decode(m.group(1)), params);
        }
        if (method.equals("GET") && (m = GET_ONE.matcher(path)).matches()) {
            String id = decode(m.group(2));
            return executions.stream().filter(e -> e.get("id").asText().equals(id)).findFirst()
                    .map(e -> new Answer(200, e.toString()))
                    .orElseGet(() -> error(404, "Execution not found: " + id));
        }
        if (method.equals("POST") && (m = CREATE.matcher(path)).matches()) {
            return create(decode(m.group(1)), decode(m.group(2)), decode(m.group(3)), params, contentType, body);
        }
        return error(404, "Not Found");
    }

    private Answer create(String tenant, String ns, String flow, Map<String, List<String>> params, String contentType,
            byte[] body) {
        if (!ns.equals(namespace) || !FLOWS.contains(flow)) {
            return error(404, "Flow not found: " + ns + "." + flow);
        }
        Map<String, String> inputs;
        try {
            inputs = Multipart.parse(contentType, body);
        } catch (IllegalArgumentException e) {
            return error(415, "Inputs must be multipart/form-data: " + e.getMessage());
        }
        List<String[]> labels = new ArrayList<>();
        for (String l : params.getOrDefault("labels", List.of())) {
            int colon = l.indexOf(':');
            if (colon <= 0) {
                return error(400, "Invalid label: " + l);
            }
            String key = l.substring(0, colon);
            if (key.startsWith("system.") && !key.equals("system.correlationId")) {
                return error(400, "System labels can only be set by Kestra itself, offending label: " + key);
            }
            labels.add(new String[] { key, l.substring(colon + 1) });
        }
        String id = newId();
        String now = Instant.now().toString();
        ObjectNode e = JSON.createObjectNode();
        e.put("id", id).put("namespace", ns).put("flowId", flow).put("flowRevision", 1).put("tenantId", tenant);
        ObjectNode in = e.putObject("inputs");
        inputs.forEach(in::put);
        ArrayNode ls = e.putArray("labels");
        labels.forEach(l -> ls.addObject().put("key", l[0]).put("value", l[1]));
        ObjectNode state = e.putObject("state");
        state.put("current", "CREATED").put("startDate", now);
        state.putArray("histories").addObject().put("state", "CREATED").put("date", now);
        e.put("originalId", id).put("deleted", false)
                .put("url", url() + "/ui/" + tenant + "/executions/" + ns + "/" + flow + "/" + id);
        executions.add(e);
        out.accept("kestra: execution " + id + " of " + ns + "/" + flow + " created: verdictId="
                + inputs.get("verdictId") + " action=" + inputs.get("action") + " target=" + inputs.get("target")
                + " approvedBy=" + inputs.get("approvedBy"));
        return new Answer(200, e.toString());
    }

    private Answer search(String tenant, Map<String, List<String>> params) {
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
        String ns = first(params, "namespace", "filters[namespace][EQUALS]");
        String flow = first(params, "flowId", "filters[flowId][EQUALS]");
        List<ObjectNode> hits = executions.stream()
                .filter(e -> e.get("tenantId").asText().equals(tenant))
                .filter(e -> ns == null || e.get("namespace").asText().equals(ns))
                .filter(e -> flow == null || e.get("flowId").asText().equals(flow))
                .filter(e -> wanted.entrySet().stream().allMatch(w -> hasLabel(e, w.getKey(), w.getValue())))
                .toList();
        ObjectNode page = JSON.createObjectNode();
        page.putArray("results").addAll(hits);
        page.put("total", hits.size());
        return new Answer(200, page.toString());
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

    private static Answer error(int status, String message) {
        return new Answer(status, JSON.createObjectNode().put("message", message).toString());
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

    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return params;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
