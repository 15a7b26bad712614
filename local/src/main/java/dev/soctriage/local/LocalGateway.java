package dev.soctriage.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.soctriage.servers.LoopbackHttp;
import dev.soctriage.servers.QueryString;

/**
 * A local stand-in for the API Gateway HTTP API in front of {@code list-pending} and {@code approve}:
 * plain HTTP on 127.0.0.1, each request turned into a payload-format-2.0 event with a JWT authorizer
 * context, the function's response turned back into HTTP.
 *
 * <p>Identity (what API Gateway's JWT authorizer would have checked): by default an analyst
 * ({@code sub=local-analyst}, {@code email=analyst@localhost}, groups {@code [soc-analysts]}). Request
 * headers change it: {@code X-Local-Identity} (one of {@link #IDENTITIES}: what the console's local
 * sign-in sends), {@code X-Local-User}, {@code X-Local-Groups} (comma list; empty for none),
 * {@code X-Local-Scopes} (comma list), {@code X-Local-Anonymous: 1} (no authorizer at all). These
 * headers are not forwarded to the function.
 *
 * <p>Local runs only, never deployed: the analyst console's files at {@code GET /} (with a
 * {@code config.json} saying "local sign-in"), and {@code POST /_local/ingest} taking a direct event
 * {@code {"source":"...","lines":[...]}} and answering the {@code ingest-triage} result.
 */
public final class LocalGateway implements AutoCloseable {
    /** Invokes a function with an event and returns what its runtime reported. */
    @FunctionalInterface
    public interface Invoker {
        RuntimeApiEmulator.Result invoke(String eventJson, Duration timeout);
    }

    private record Route(String method, Pattern path, String key, boolean decide) {
    }

    /** A local sign-in: what {@code X-Local-Identity: id} stands for. */
    public record Identity(String id, String label, String user, List<String> groups, List<String> scopes) {
    }

    /** The console's local sign-in choices (docs/console.md): an analyst, the remediation caller, no groups. */
    public static final List<Identity> IDENTITIES = List.of(
            new Identity("analyst", "Analyst: analyst@localhost, group soc-analysts", "analyst@localhost",
                    List.of("soc-analysts"), List.of()),
            new Identity("remediation", "Remediation caller: kestra, group soc-remediation (reports outcomes)",
                    "kestra", List.of("soc-remediation"), List.of()),
            new Identity("nogroups", "A user without groups: nobody@localhost (the API answers 403)",
                    "nobody@localhost", List.of(), List.of()));
    /** The same policy CloudFront's response headers policy sets in AWS (infra/sam, infra/terraform). */
    static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
    private static final Map<String, String> CONTENT_TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon");

    private static final List<Route> ROUTES = List.of(
            new Route("GET", Pattern.compile("/verdicts"), "GET /verdicts", false),
            new Route("GET", Pattern.compile("/verdicts/([^/]+)"), "GET /verdicts/{id}", false),
            new Route("POST", Pattern.compile("/verdicts/([^/]+)/approve"), "POST /verdicts/{id}/approve", true),
            new Route("POST", Pattern.compile("/verdicts/([^/]+)/reject"), "POST /verdicts/{id}/reject", true),
            new Route("POST", Pattern.compile("/verdicts/([^/]+)/outcome"), "POST /verdicts/{id}/outcome", true),
            new Route("POST", Pattern.compile("/verdicts/([^/]+)/unsuppress"), "POST /verdicts/{id}/unsuppress", true));
    /** API Gateway's own limit for an HTTP API integration. */
    private static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(30);
    /** A direct invoke's limit: as long as ingest-triage may take (LocalStack's INGEST_TIMEOUT). */
    private static final Duration INGEST_TIMEOUT = Duration.ofSeconds(300);
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "local-gateway");
        t.setDaemon(true);
        return t;
    });
    private final Invoker reads;
    private final Invoker decisions;
    private final Invoker ingest;
    private final java.nio.file.Path console;
    private final String groupsClaim;
    private final Consumer<String> errors;

    /**
     * @param port        0 for any free port
     * @param reads       {@code list-pending}
     * @param decisions   {@code approve}
     * @param groupsClaim the claim holding the groups ({@code ANALYST_GROUPS_CLAIM}, default cognito:groups)
     * @param errors      told when a function fails (API Gateway answers 500 then)
     */
    public LocalGateway(int port, Invoker reads, Invoker decisions, String groupsClaim, Consumer<String> errors) {
        this(port, reads, decisions, null, null, groupsClaim, errors);
    }

    /**
     * @param ingest  {@code ingest-triage}, for {@code POST /_local/ingest} (null: that route answers 404)
     * @param console the built console (target/webui) served at {@code GET /} (null: 404)
     */
    public LocalGateway(int port, Invoker reads, Invoker decisions, Invoker ingest, java.nio.file.Path console,
            String groupsClaim, Consumer<String> errors) {
        this.reads = reads;
        this.decisions = decisions;
        this.ingest = ingest;
        this.console = console == null ? null : console.toAbsolutePath().normalize();
        this.groupsClaim = groupsClaim;
        this.errors = errors;
        try {
            server = LoopbackHttp.open(port, 32);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port
                    + " (in use? set SOC_PORT to another port)", e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex; InputStream in = ex.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String path = ex.getRequestURI().getRawPath();
            if (path.equals("/_local/ingest") && ingest != null) {
                ingest(ex, body);
                return;
            }
            if (ex.getRequestMethod().equals("GET") && !path.startsWith("/verdicts") && console != null) {
                consoleFile(ex, path);
                return;
            }
            for (Route r : ROUTES) {
                Matcher m = r.path().matcher(path);
                if (r.method().equals(ex.getRequestMethod()) && m.matches()) {
                    String id = m.groupCount() > 0 ? URLDecoder.decode(m.group(1), StandardCharsets.UTF_8) : null;
                    String event = event(ex, r.key(), id, body);
                    respond(ex, (r.decide() ? decisions : reads).invoke(event, INTEGRATION_TIMEOUT), r.key());
                    return;
                }
            }
            send(ex, 404, Map.of("content-type", "application/json"), "{\"message\":\"Not Found\"}");
        } catch (RuntimeApiEmulator.FunctionFailedException e) {
            errors.accept("gateway: " + e.getMessage());
            send(ex, 503, Map.of("content-type", "application/json"), "{\"message\":\"Service Unavailable\"}");
        }
    }

    /** The API Gateway HTTP API event, payload format 2.0. */
    String event(HttpExchange ex, String routeKey, String id, byte[] body) {
        ObjectNode e = JSON.createObjectNode();
        e.put("version", "2.0").put("routeKey", routeKey).put("rawPath", ex.getRequestURI().getRawPath());
        String rawQuery = ex.getRequestURI().getRawQuery();
        e.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        ObjectNode headers = e.putObject("headers");
        ex.getRequestHeaders().forEach((name, values) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (!n.startsWith("x-local-")) {
                headers.put(n, String.join(",", values));
            }
        });
        String sourceIp = ex.getRemoteAddress().getAddress().getHostAddress();
        headers.put("x-forwarded-for", sourceIp).put("x-forwarded-port", Integer.toString(server.getAddress().getPort()))
                .put("x-forwarded-proto", "http");
        if (rawQuery != null && !rawQuery.isEmpty()) {
            ObjectNode q = e.putObject("queryStringParameters");
            // API Gateway joins repeated parameters with commas
            QueryString.parse(rawQuery).forEach((k, v) -> q.put(k, String.join(",", v)));
        }
        if (id != null) {
            e.putObject("pathParameters").put("id", id);
        }
        ObjectNode ctx = e.putObject("requestContext");
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        ctx.put("accountId", "000000000000").put("apiId", "local").put("domainName", "127.0.0.1")
                .put("domainPrefix", "127").put("requestId", UUID.randomUUID().toString()).put("routeKey", routeKey)
                .put("stage", "$default").put("time", CLF.format(now)).put("timeEpoch", now.toInstant().toEpochMilli());
        ctx.putObject("http").put("method", ex.getRequestMethod())
                .put("path", URLDecoder.decode(ex.getRequestURI().getRawPath().replace("+", "%2B"), StandardCharsets.UTF_8))
                .put("protocol", ex.getProtocol()).put("sourceIp", sourceIp)
                .put("userAgent", headers.path("user-agent").asText(""));
        if (!"1".equals(ex.getRequestHeaders().getFirst("X-Local-Anonymous"))) {
            ctx.set("authorizer", authorizer(ex));
        }
        if (body.length > 0) {
            String text = utf8(body);
            boolean binary = text == null;
            e.put("body", binary ? Base64.getEncoder().encodeToString(body) : text);
            e.put("isBase64Encoded", binary);
        } else {
            e.put("isBase64Encoded", false);
        }
        return e.toString();
    }

    private ObjectNode authorizer(HttpExchange ex) {
        String user = header(ex, "X-Local-User", "local-analyst");
        String groups = header(ex, "X-Local-Groups", "soc-analysts");
        String scopes = ex.getRequestHeaders().getFirst("X-Local-Scopes");
        String identity = ex.getRequestHeaders().getFirst("X-Local-Identity");
        if (identity != null) {
            Identity i = IDENTITIES.stream().filter(x -> x.id().equals(identity.trim())).findFirst()
                    .orElse(IDENTITIES.get(2)); // an unknown choice gets no groups, never the analyst's
            user = i.user();
            groups = String.join(",", i.groups());
            scopes = i.scopes().isEmpty() ? null : String.join(",", i.scopes());
        }
        ObjectNode jwt = JSON.createObjectNode();
        ObjectNode claims = jwt.putObject("claims");
        long now = System.currentTimeMillis() / 1000;
        String sub = user.contains("@") ? user.substring(0, user.indexOf('@')) : user;
        String email = user.contains("@") ? user : (user.equals("local-analyst") ? "analyst" : user) + "@localhost";
        claims.put("sub", sub).put("email", email).put("email_verified", "true").put("cognito:username", sub)
                .put("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_local").put("token_use", "id")
                .put("iat", Long.toString(now)).put("exp", Long.toString(now + 3600));
        List<String> groupList = split(groups);
        if (!groupList.isEmpty()) {
            // API Gateway hands array claims to the function as one string: "[a b]"
            claims.put(groupsClaim, "[" + String.join(" ", groupList) + "]");
        }
        if (scopes == null) {
            jwt.putNull("scopes");
        } else {
            split(scopes).forEach(jwt.putArray("scopes")::add);
        }
        ObjectNode authorizer = JSON.createObjectNode();
        authorizer.set("jwt", jwt);
        return authorizer;
    }

    private void respond(HttpExchange ex, RuntimeApiEmulator.Result result, String routeKey) throws IOException {
        if (result.error()) {
            errors.accept("gateway: " + routeKey + " failed: " + result.body());
            send(ex, 500, Map.of("content-type", "application/json"), "{\"message\":\"Internal Server Error\"}");
            return;
        }
        JsonNode r;
        try {
            r = JSON.readTree(result.body());
        } catch (JsonProcessingException e) {
            errors.accept("gateway: " + routeKey + " answered something that is not JSON");
            send(ex, 500, Map.of("content-type", "application/json"), "{\"message\":\"Internal Server Error\"}");
            return;
        }
        if (r == null || !r.isObject() || !r.has("statusCode")) {
            // payload 2.0: an answer without statusCode is the body of a 200
            send(ex, 200, Map.of("content-type", "application/json"), result.body());
            return;
        }
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        r.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        String body = r.path("body").isMissingNode() || r.path("body").isNull() ? "" : r.path("body").asText();
        if (r.path("isBase64Encoded").asBoolean(false)) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        send(ex, r.get("statusCode").asInt(), headers, body);
    }

    /** {@code POST /_local/ingest}: a direct event to {@code ingest-triage}, its result as the answer. */
    private void ingest(HttpExchange ex, byte[] body) throws IOException {
        Map<String, String> json = Map.of("content-type", "application/json");
        if (!ex.getRequestMethod().equals("POST")) {
            send(ex, 405, Map.of("content-type", "application/json", "allow", "POST"), "{\"message\":\"Method Not Allowed\"}");
            return;
        }
        JsonNode event;
        try {
            event = JSON.readTree(body);
        } catch (IOException e) {
            event = null;
        }
        if (event == null || !event.path("source").isTextual() || !event.path("lines").isArray()) {
            send(ex, 400, json, JSON.createObjectNode().put("error", "invalid_body")
                    .put("message", "a direct event is {\"source\":\"...\",\"lines\":[\"...\"]}").toString());
            return;
        }
        RuntimeApiEmulator.Result r = ingest.invoke(event.toString(), INGEST_TIMEOUT);
        if (r.error()) {
            ObjectNode e = JSON.createObjectNode().put("error", "ingest_failed").put("message", r.body());
            send(ex, 400, json, e.toString());
            return;
        }
        send(ex, 200, json, r.body());
    }

    /** The console's files; {@code /} is index.html, {@code /config.json} the local sign-in's configuration. */
    private void consoleFile(HttpExchange ex, String rawPath) throws IOException {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("content-security-policy", CONSOLE_CSP);
        headers.put("x-content-type-options", "nosniff");
        headers.put("referrer-policy", "no-referrer");
        headers.put("cache-control", "no-cache");
        String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (path.equals("/config.json")) {
            headers.put("content-type", "application/json");
            send(ex, 200, headers, localConfig());
            return;
        }
        java.nio.file.Path file = console.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        String type = CONTENT_TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        if (!file.startsWith(console) || type == null || !java.nio.file.Files.isRegularFile(file)) {
            headers.put("content-type", "text/plain; charset=utf-8");
            send(ex, 404, headers, java.nio.file.Files.isDirectory(console) ? "Not Found"
                    : "the console is not built: run make build (it writes " + console + ")");
            return;
        }
        headers.put("content-type", type);
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    /** The local config.json: sign in by picking one of {@link #IDENTITIES}. */
    static String localConfig() {
        ObjectNode c = JSON.createObjectNode().put("mode", "local");
        ArrayNode ids = c.putArray("identities");
        IDENTITIES.forEach(i -> {
            ObjectNode o = ids.addObject().put("id", i.id()).put("label", i.label()).put("name", i.user());
            i.groups().forEach(o.putArray("groups")::add);
        });
        return c.toString();
    }

    private static void send(HttpExchange ex, int status, Map<String, String> headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    private static String header(HttpExchange ex, String name, String fallback) {
        String v = ex.getRequestHeaders().getFirst(name);
        return v == null ? fallback : v.trim();
    }

    private static List<String> split(String commaList) {
        return java.util.Arrays.stream(commaList.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The body as text when it is valid UTF-8, else null (API Gateway then base64-encodes it). */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
