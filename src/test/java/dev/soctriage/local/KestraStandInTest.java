package dev.soctriage.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Kestra stand-in over real HTTP, called the way the contract says approve calls Kestra. */
class KestraStandInTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> printed = new ArrayList<>();
    private final KestraStandIn kestra = new KestraStandIn("u", "p", "soc.remediation", printed::add);
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        kestra.close();
    }

    private HttpResponse<String> create(String flow, String auth, Map<String, String> inputs) throws Exception {
        String boundary = "b0undary42";
        StringBuilder body = new StringBuilder();
        inputs.forEach((k, v) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(kestra.url() + "/api/v1/main/executions/soc.remediation/"
                + flow + "?labels=verdictId:v_1&labels=system.correlationId:v_1"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
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
}
