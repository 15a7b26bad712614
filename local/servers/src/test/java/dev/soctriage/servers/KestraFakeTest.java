package dev.soctriage.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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

    private HttpResponse<String> scriptCreates(String json) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(kestra.url() + "/_local/kestra/creates"))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void createsScriptedOverHttp_failUntilToldToAnswerNormally_andBadScriptsAreRefused() throws Exception {
        assertEquals(200, scriptCreates("{\"status\":503,\"message\":\"restarting\"}").statusCode());
        HttpResponse<String> down = create("block-ip", basic("u", "p"), Map.of("verdictId", "v_1"));
        assertEquals(503, down.statusCode());
        assertEquals("restarting", JSON.readTree(down.body()).path("message").asText());
        assertEquals(0, kestra.executions().size());

        assertEquals(400, scriptCreates("{\"status\":200}").statusCode());
        assertEquals(400, scriptCreates("not json").statusCode());
        assertEquals(503, create("block-ip", basic("u", "p"), Map.of("verdictId", "v_1")).statusCode(),
                "a refused script changes nothing");

        assertEquals(200, scriptCreates("{\"status\":0}").statusCode());
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

        assertEquals(1, get("/api/v1/main/executions/search?filters%5Blabels%5D%5BEQUALS%5D%5BverdictId%5D=v_other")
                .path("total").asInt());

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
}
