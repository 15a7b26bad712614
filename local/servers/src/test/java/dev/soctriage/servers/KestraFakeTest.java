package dev.soctriage.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Kestra fake over real HTTP, called the way the contract says approve calls Kestra. */
class KestraFakeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> printed = new ArrayList<>();
    private final KestraFake kestra = new KestraFake(KestraFake.Auth.basic("u", "p"), "soc.remediation", printed::add);
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        kestra.close();
    }

    private HttpResponse<String> create(String flow, String auth, Map<String, String> inputs) throws Exception {
        return create(flow, auth, inputs, client, Duration.ofSeconds(30));
    }

    private HttpResponse<String> create(String flow, String auth, Map<String, String> inputs, HttpClient client,
            Duration timeout) throws Exception {
        String boundary = "b0undary42";
        StringBuilder body = new StringBuilder();
        inputs.forEach((k, v) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(kestra.url() + "/api/v1/main/executions/soc.remediation/"
                + flow + "?labels=verdictId:v_1&labels=system.correlationId:v_1"))
                .timeout(timeout).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(client.send(HttpRequest.newBuilder(URI.create(kestra.url() + path))
                .header("Authorization", basic("u", "p")).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void createExecution_answersLikeKestra_andRecordsTheCall() throws Exception {
        // when approve creates an execution with its inputs and labels
        HttpResponse<String> r = create("block-ip", basic("u", "p"), Map.of("verdictId", "v_1", "action", "block_ip",
                "target", "203.0.113.7", "approvedBy", "analyst@localhost", "comment", "sûr"));
        // then Kestra's Execution JSON comes back
        assertEquals(200, r.statusCode(), r.body());
        JsonNode e = JSON.readTree(r.body());
        assertEquals(22, e.path("id").asText().length());
        assertEquals("soc.remediation", e.path("namespace").asText());
        assertEquals("block-ip", e.path("flowId").asText());
        assertEquals("CREATED", e.at("/state/current").asText());
        assertEquals("verdictId", e.at("/labels/0/key").asText());
        assertEquals("v_1", e.at("/labels/1/value").asText());
        // and the call is recorded with its inputs, and printed once
        JsonNode calls = get("/_local/kestra/calls");
        assertEquals(1, calls.size());
        assertEquals("203.0.113.7", calls.at("/0/inputs/target").asText());
        assertEquals("sûr", calls.at("/0/inputs/comment").asText());
        assertEquals(1, printed.size());
        assertTrue(printed.get(0).contains("block-ip") && printed.get(0).contains("verdictId=v_1"), printed.get(0));
        // and search by label finds it, by another label finds nothing
        assertEquals(1, get("/api/v1/main/executions/search?labels=verdictId:v_1").path("total").asInt());
        assertEquals(1, get("/api/v1/main/executions/search?filters%5Blabels%5D%5BEQUALS%5D%5BverdictId%5D=v_1")
                .path("results").size());
        assertEquals(0, get("/api/v1/main/executions/search?labels=verdictId:v_2").path("total").asInt());
        assertEquals("block-ip", get("/api/v1/main/executions/" + e.path("id").asText()).path("flowId").asText());
    }

    @Test
    void createExecution_isRefused_withoutTheRightBasicAuth_orForAnUnknownFlow() throws Exception {
        assertEquals(401, create("block-ip", null, Map.of("verdictId", "v_1")).statusCode());
        assertEquals(401, create("block-ip", basic("u", "wrong"), Map.of("verdictId", "v_1")).statusCode());
        assertEquals(404, create("drop-database", basic("u", "p"), Map.of("verdictId", "v_1")).statusCode());
        assertEquals(0, kestra.executions().size());
    }

    @Test
    void scriptedErrors_answerKestrasErrorShape_createNothing_andAreRecorded() throws Exception {
        kestra.onCreate(KestraFake.Answer.error(503, "server trouble"));

        HttpResponse<String> r = create("block-ip", basic("u", "p"), Map.of("verdictId", "v_1"));

        assertEquals(503, r.statusCode());
        assertEquals("server trouble", JSON.readTree(r.body()).path("message").asText());
        assertEquals(0, kestra.executions().size());
        assertEquals(1, kestra.creates().size());
        assertEquals(503, kestra.creates().get(0).status());
        assertEquals("v_1", kestra.creates().get(0).param("labels").substring("verdictId:".length()));
    }

    /** Scripts the fake over HTTP as the local stack does: {@code what} is "creates" or "outage". */
    private HttpResponse<String> script(String what, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(kestra.url() + "/_local/kestra/" + what))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void createsScriptedOverHttp_failUntilToldToAnswerNormally_andBadScriptsAreRefused() throws Exception {
        assertEquals(200, script("creates", "{\"status\":503,\"message\":\"restarting\"}").statusCode());
        HttpResponse<String> down = create("block-ip", basic("u", "p"), Map.of("verdictId", "v_1"));
        assertEquals(503, down.statusCode());
        assertEquals("restarting", JSON.readTree(down.body()).path("message").asText());
        assertEquals(0, kestra.executions().size());

        assertEquals(400, script("creates", "{\"status\":200}").statusCode());
        assertEquals(400, script("creates", "not json").statusCode());
        assertEquals(503, create("block-ip", basic("u", "p"), Map.of("verdictId", "v_1")).statusCode(),
                "a refused script changes nothing");

        assertEquals(200, script("creates", "{\"status\":0}").statusCode());
        assertEquals(200, create("block-ip", basic("u", "p"), Map.of("verdictId", "v_1")).statusCode());
        assertEquals(1, kestra.executions().size());
    }

    @Test
    void aLateAnswer_isLostToAnImpatientCaller_butTheExecutionExists_andSearchFindsIt() throws Exception {
        // given a Kestra that answers creates six seconds late
        kestra.onCreate(KestraFake.Answer.late(Duration.ofSeconds(6)));

        // when a caller that waits two seconds creates an execution
        assertThrows(HttpTimeoutException.class, () -> create("block-ip", basic("u", "p"), Map.of("verdictId", "v_1"),
                client, Duration.ofSeconds(2)));

        // then the execution was created all the same, and a search by the verdict's label finds it
        assertEquals(1, kestra.executions().size());
        JsonNode found = get("/api/v1/main/executions/search?filters%5Bnamespace%5D%5BEQUALS%5D=soc.remediation"
                + "&filters%5Blabels%5D%5BEQUALS%5D%5BverdictId%5D=v_1");
        assertEquals(kestra.executions().get(0).path("id").asText(), found.at("/results/0/id").asText());
    }

    @Test
    void anUnfilteredSearch_answersEveryExecution_andResetForgetsEverything() throws Exception {
        create("block-ip", basic("u", "p"), Map.of("verdictId", "v_1"));
        kestra.onSearch(KestraFake.Answer.unfiltered());

        assertEquals(1, foundByLabel("v_other"));

        kestra.reset();
        assertEquals(0, kestra.executions().size());
        assertEquals(0, kestra.calls().size());
        assertEquals(0, get("/api/v1/main/executions/search").path("total").asInt());
    }

    @Test
    void otherCredentialsAndFlows_areAccepted_onceConfigured() throws Exception {
        kestra.auth(KestraFake.Auth.bearer("tok-1"));
        kestra.deploy("sec.ops", "disable-user");

        assertEquals(401, create("block-ip", basic("u", "p"), Map.of("verdictId", "v_1")).statusCode());
        assertEquals(200, create("block-ip", "Bearer tok-1", Map.of("verdictId", "v_1")).statusCode());
        assertEquals("Bearer tok-1", kestra.creates().get(1).header("Authorization"));
        kestra.auth(KestraFake.Auth.NONE);
        String body = "--b\r\nContent-Disposition: form-data; name=\"target\"\r\n\r\nbob\r\n--b--\r\n";
        assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(kestra.url()
                + "/api/v1/acme/executions/sec.ops/disable-user")).header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(Map.of("target", "bob"), kestra.creates().get(2).parts());
    }

    /** A create sent by hand on a raw socket, so that a test sees exactly how the connection ends. */
    private static String rawCreate(Socket socket, String verdictId) throws IOException {
        String body = "--b\r\nContent-Disposition: form-data; name=\"verdictId\"\r\n\r\n" + verdictId + "\r\n--b--\r\n";
        String request = "POST /api/v1/main/executions/soc.remediation/block-ip?labels=verdictId:" + verdictId
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: " + basic("u", "p")
                + "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** A create on a connection of its own is answered by an RST, not an orderly close: reading fails instead of ending. */
    private void createIsReset(String verdictId) throws IOException {
        try (Socket s = connected()) {
            assertThrows(SocketException.class, () -> rawCreate(s, verdictId));
        }
    }

    /** How many executions a search by the verdict's label (Kestra 1.x's filters) finds. */
    private int foundByLabel(String verdictId) throws IOException, InterruptedException {
        return get("/api/v1/main/executions/search?filters%5Blabels%5D%5BEQUALS%5D%5BverdictId%5D=" + verdictId)
                .path("total").asInt();
    }

    private Socket connected() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", URI.create(kestra.url()).getPort()), 2000);
        s.setSoTimeout(10_000);
        return s;
    }

    @Test
    void aReset_isARealRst_afterTheRequestWasRead_andCreatesNothing() throws Exception {
        kestra.onCreate(KestraFake.Answer.reset());

        createIsReset("v_1");

        assertEquals(0, kestra.executions().size());
        assertEquals(1, kestra.creates().size(), "the request was read whole and recorded");
        assertEquals(0, kestra.creates().get(0).status(), "no answer");
        assertEquals("verdictId:v_1", kestra.creates().get(0).param("labels"));
    }

    @Test
    void aResetAfterCreating_losesTheAnswer_butTheExecutionExists() throws Exception {
        kestra.onCreate(KestraFake.Answer.resetAfterCreating());

        createIsReset("v_1");

        assertEquals(1, kestra.executions().size());
        assertEquals(1, foundByLabel("v_1"), "searchable like any execution");
        kestra.onCreate(KestraFake.Answer.normally());
        try (Socket s = connected()) {
            assertTrue(rawCreate(s, "v_2").startsWith("HTTP/1.1 200"), "other connections are untouched");
        }
    }

    @Test
    void aSlowKestra_storesTheExecutionOnlyAfterItsDelay() throws Exception {
        kestra.onCreate(KestraFake.Answer.slow(Duration.ofSeconds(2)));

        assertThrows(HttpTimeoutException.class, () -> create("block-ip", basic("u", "p"), Map.of("verdictId", "v_1"),
                client, Duration.ofMillis(500)));

        assertEquals(0, kestra.executions().size(), "nothing yet when the caller gives up");
        assertEquals(0, foundByLabel("v_1"));
        long deadline = System.currentTimeMillis() + 10_000;
        while (kestra.executions().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1, kestra.executions().size(), "it lands later");
    }

    @Test
    void refusedConnections_failAtConnect_untilKestraAcceptsThemAgain_onTheSamePort() throws Exception {
        String before = kestra.url();
        try (Socket idle = connected()) {
            assertTrue(rawCreate(idle, "v_0").startsWith("HTTP/1.1 200"), "a connection that was open");
        }
        try (Socket idle = connected()) {
            assertTrue(eventually(() -> kestra.openConnections() > 0, 5_000), "accepted");
            kestra.refuseConnections();

            assertThrows(ConnectException.class, this::connected);
            assertEquals(-1, idle.getInputStream().read(), "an open connection is closed");
        }
        kestra.acceptConnections();

        assertEquals(before, kestra.url());
        assertEquals(200, create("block-ip", basic("u", "p"), Map.of("verdictId", "v_1")).statusCode());
        kestra.refuseConnections();
        kestra.reset();
        assertEquals(200, create("block-ip", basic("u", "p"), Map.of("verdictId", "v_2")).statusCode(), "reset accepts");
    }

    @Test
    void anOutageScriptedOverHttp_refusesConnectionsForItsSeconds_thenListensAgain() throws Exception {
        assertEquals(400, script("outage", "{\"seconds\":0}").statusCode());
        assertEquals(400, script("outage", "{\"seconds\":61}").statusCode());
        assertEquals(400, script("outage", "not json").statusCode());

        assertEquals(200, script("outage", "{\"seconds\":2}").statusCode());

        assertTrue(eventually(() -> !accepts(), 3_000), "refused within a moment");
        assertTrue(eventually(this::accepts, 10_000), "listening again after the outage");
        assertEquals(200, create("block-ip", basic("u", "p"), Map.of("verdictId", "v_1")).statusCode());
    }

    private boolean accepts() {
        try (Socket s = connected()) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static boolean eventually(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(25);
        }
        return condition.getAsBoolean();
    }
}
