package dev.soctriage.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.soctriage.servers.ProjectPaths;

/**
 * The local API gateway in front of a real function JVM (the echo handler under the AWS runtime
 * client), so each test sees the payload-2.0 event exactly as a function receives it.
 */
class LocalGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LambdaFunction echo;
    private static LocalGateway gateway;
    /** The same with the local-only parts: the console's files and POST /_local/ingest. */
    private static LocalGateway withConsole;
    private static Path console;
    private static final List<String> errors = new ArrayList<>();
    private final LocalHttp http = new LocalHttp();

    @BeforeAll
    static void start() {
        List<Path> cp = new ArrayList<>();
        cp.add(RuntimeClasspath.jarOf(EchoHandler.class.getName()));
        cp.addAll(RuntimeClasspath.standaloneSupport());
        cp.addAll(RuntimeClasspath.runtimeInterfaceClient());
        echo = LambdaFunction.start("echo-gw", cp, EchoHandler.class.getName() + "::handleRequest", Map.of(),
                ProjectPaths.root().resolve("target/local-test"));
        gateway = new LocalGateway(0, echo::invoke, echo::invoke, "cognito:groups", errors::add);
        try {
            console = Files.createTempDirectory(ProjectPaths.root().resolve("target"), "webui-test");
            Files.writeString(console.resolve("index.html"), "<!doctype html><title>console</title>");
            Files.writeString(console.resolve("app.js"), "export {};");
            Files.writeString(console.getParent().resolve("secret.json"), "{}");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        withConsole = new LocalGateway(0, echo::invoke, echo::invoke, echo::invoke, console, "cognito:groups",
                errors::add);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        withConsole.close();
        echo.close();
    }

    private JsonNode deliveredEvent(LocalHttp.Answer a) throws Exception {
        assertEquals(200, a.status(), a.body());
        return JSON.readTree(a.body());
    }

    @Test
    void get_becomesAPayload2Event_withTheRouteQueryAndDefaultAnalystIdentity() throws Exception {
        // when an analyst lists verdicts with a repeated query parameter
        JsonNode e = deliveredEvent(http.get(gateway.url() + "/verdicts/v_abc%2D1?severity=high&limit=5&limit=7",
                "X-Custom", "yes"));
        // then the function sees API Gateway's 2.0 shape
        assertEquals("2.0", e.path("version").asText());
        assertEquals("GET /verdicts/{id}", e.path("routeKey").asText());
        assertEquals("/verdicts/v_abc%2D1", e.path("rawPath").asText());
        assertEquals("severity=high&limit=5&limit=7", e.path("rawQueryString").asText());
        assertEquals("high", e.at("/queryStringParameters/severity").asText());
        assertEquals("5,7", e.at("/queryStringParameters/limit").asText());
        assertEquals("v_abc-1", e.at("/pathParameters/id").asText());
        assertEquals("yes", e.at("/headers/x-custom").asText());
        assertEquals("GET", e.at("/requestContext/http/method").asText());
        assertEquals("127.0.0.1", e.at("/requestContext/http/sourceIp").asText());
        assertEquals("$default", e.at("/requestContext/stage").asText());
        assertFalse(e.at("/requestContext/requestId").asText().isBlank());
        assertFalse(e.path("isBase64Encoded").asBoolean(true));
        // and the default identity is an analyst, groups as API Gateway's string form
        JsonNode jwt = e.at("/requestContext/authorizer/jwt");
        assertEquals("local-analyst", jwt.at("/claims/sub").asText());
        assertEquals("analyst@localhost", jwt.at("/claims/email").asText());
        assertEquals("[soc-analysts]", jwt.at("/claims/cognito:groups").asText());
        assertTrue(jwt.path("scopes").isNull());
    }

    @Test
    void post_carriesTheBody_andLocalHeadersSetTheIdentity_withoutBeingForwarded() throws Exception {
        // when the remediation caller reports an outcome
        JsonNode e = deliveredEvent(http.post(gateway.url() + "/verdicts/v_1/outcome", "{\"state\":\"SUCCESS\"}",
                "X-Local-User", "kestra@example.com", "X-Local-Groups", "soc-remediation, admins",
                "X-Local-Scopes", "soc/remediation"));
        // then
        assertEquals("POST /verdicts/{id}/outcome", e.path("routeKey").asText());
        assertEquals("{\"state\":\"SUCCESS\"}", e.path("body").asText());
        JsonNode jwt = e.at("/requestContext/authorizer/jwt");
        assertEquals("kestra", jwt.at("/claims/sub").asText());
        assertEquals("kestra@example.com", jwt.at("/claims/email").asText());
        assertEquals("[soc-remediation admins]", jwt.at("/claims/cognito:groups").asText());
        assertEquals("soc/remediation", jwt.at("/scopes/0").asText());
        e.path("headers").fieldNames().forEachRemaining(h -> assertFalse(h.startsWith("x-local-"), h));
    }

    @Test
    void identityHeaders_makeAnOutsider_orAnAnonymousCaller() throws Exception {
        // an outsider: signed in, no groups
        JsonNode outsider = deliveredEvent(http.get(gateway.url() + "/verdicts", "X-Local-Groups", ""));
        assertTrue(outsider.at("/requestContext/authorizer/jwt/claims").has("sub"));
        assertFalse(outsider.at("/requestContext/authorizer/jwt/claims").has("cognito:groups"));
        // anonymous: no authorizer at all
        JsonNode anonymous = deliveredEvent(http.get(gateway.url() + "/verdicts", "X-Local-Anonymous", "1"));
        assertTrue(anonymous.path("requestContext").has("http"));
        assertFalse(anonymous.path("requestContext").has("authorizer"));
    }

    @Test
    void unknownRoutes_are404_andAFailingFunctionIs500() {
        // an unrouted path or method never reaches a function
        LocalHttp.Answer notFound = http.post(gateway.url() + "/verdicts", "{}");
        assertEquals(404, notFound.status());
        assertEquals("Not Found", notFound.json().path("message").asText());
        // a function that throws: API Gateway answers 500 and the error is reported
        int before = errors.size();
        LocalHttp.Answer failed = http.post(gateway.url() + "/verdicts/v_1/approve", "{\"please-fail\":true}");
        assertEquals(500, failed.status());
        assertEquals("Internal Server Error", failed.json().path("message").asText());
        assertTrue(errors.size() > before && errors.get(errors.size() - 1).contains("asked to fail"), errors.toString());
    }

    private static HttpResponse<String> raw(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void console_isServedAtTheRoot_withItsCsp_andALocalConfigOfferingThreeIdentities() throws Exception {
        // when the browser asks for the page, a module and config.json
        HttpResponse<String> page = raw(withConsole.url() + "/");
        HttpResponse<String> module = raw(withConsole.url() + "/app.js");
        JsonNode config = JSON.readTree(raw(withConsole.url() + "/config.json").body());
        // then the files come with their types and the same policy CloudFront sets
        assertEquals(200, page.statusCode());
        assertEquals("<!doctype html><title>console</title>", page.body());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("content-type").orElseThrow());
        assertTrue(page.headers().firstValue("content-security-policy").orElseThrow().contains("script-src 'self';"));
        assertEquals("text/javascript; charset=utf-8", module.headers().firstValue("content-type").orElseThrow());
        assertEquals("local", config.path("mode").asText());
        assertEquals(List.of("analyst", "remediation", "nogroups"),
                List.of(config.at("/identities/0/id").asText(), config.at("/identities/1/id").asText(),
                        config.at("/identities/2/id").asText()));
    }

    @Test
    void console_neverServesAFileOutsideItsFolder() throws Exception {
        assertEquals(404, raw(withConsole.url() + "/..%2Fsecret.json").statusCode());
        assertEquals(404, raw(withConsole.url() + "/%2e%2e/secret.json").statusCode());
        assertEquals(404, raw(withConsole.url() + "/missing.js").statusCode());
        // and without a console the root is simply not routed
        assertEquals(404, raw(gateway.url() + "/").statusCode());
    }

    @Test
    void localIdentityHeader_becomesTheClaimsOfThatIdentity_andAnUnknownOneGetsNoGroups() throws Exception {
        JsonNode remediation = deliveredEvent(http.get(withConsole.url() + "/verdicts", "X-Local-Identity", "remediation"))
                .at("/requestContext/authorizer/jwt/claims");
        assertEquals("kestra", remediation.path("sub").asText());
        assertEquals("[soc-remediation]", remediation.path("cognito:groups").asText());
        JsonNode nobody = deliveredEvent(http.get(withConsole.url() + "/verdicts", "X-Local-Identity", "nogroups"))
                .at("/requestContext/authorizer/jwt/claims");
        assertEquals("nobody@localhost", nobody.path("email").asText());
        assertFalse(nobody.has("cognito:groups"));
        JsonNode unknown = deliveredEvent(http.get(withConsole.url() + "/verdicts", "X-Local-Identity", "root"))
                .at("/requestContext/authorizer/jwt/claims");
        assertFalse(unknown.has("cognito:groups"), "an unknown identity is never the analyst");
    }

    @Test
    void localIngest_handsTheDirectEventToIngestTriage_andRefusesAnythingElse() throws Exception {
        // when a user posts their own lines
        LocalHttp.Answer ok = http.post(withConsole.url() + "/_local/ingest", "{\"source\":\"my/app\",\"lines\":[\"a line\"]}");
        // then ingest-triage received exactly that event and its result is the answer
        assertEquals(200, ok.status(), ok.body());
        JsonNode delivered = JSON.readTree(ok.json().path("body").asText());
        assertEquals("my/app", delivered.path("source").asText());
        assertEquals("a line", delivered.at("/lines/0").asText());
        // a body that is not a direct event never reaches the function
        assertEquals("invalid_body", http.post(withConsole.url() + "/_local/ingest", "{\"lines\":\"x\"}").json()
                .path("error").asText());
        // a failing invocation is reported as such
        LocalHttp.Answer failed = http.post(withConsole.url() + "/_local/ingest",
                "{\"source\":\"please-fail\",\"lines\":[]}");
        assertEquals(400, failed.status());
        assertEquals("ingest_failed", failed.json().path("error").asText());
        // and the route exists only where the stack wires ingest-triage in
        assertEquals(404, http.post(gateway.url() + "/_local/ingest", "{\"source\":\"x\",\"lines\":[]}").status());
    }
}
