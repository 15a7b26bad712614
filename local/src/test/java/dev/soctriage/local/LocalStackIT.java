package dev.soctriage.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.soctriage.servers.ProjectPaths;

/**
 * The whole local path of {@code make run}, on the packaged application: dynalite, the three functions
 * each in its own JVM under the AWS runtime client, the local API gateway, the Kestra stand-in. The
 * sample logs go in as AWS delivers them; the brute force comes out as a verdict an analyst approves,
 * and exactly one Kestra execution of {@code block-ip} is created.
 */
class LocalStackIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ATTACKER = LocalRun.BRUTE_FORCE_IP;
    private static LocalStack stack;
    private static JsonNode authResult;
    private static JsonNode accessResult;
    private final LocalHttp http = new LocalHttp();

    @BeforeAll
    static void startAndIngestTheSamples() throws Exception {
        stack = LocalStack.start(new LocalStack.Options(0, Map.of(), ProjectPaths.root().resolve("target/local-it"),
                System.out::println));
        assertEquals(Map.of(), stack.failures());
        authResult = ingest(SampleEvents.cloudWatchAuthLog());
        accessResult = ingest(SampleEvents.directAccessLog());
    }

    private static JsonNode ingest(String event) throws Exception {
        RuntimeApiEmulator.Result r = stack.ingest(event);
        assertFalse(r.error(), r.body());
        return JSON.readTree(r.body());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private String api() {
        return stack.gatewayUrl();
    }

    @Test
    void ingest_countsEveryLineOfBothSamples_andFindsSomething() {
        assertEquals(SampleEvents.lines(SampleEvents.AUTH_LOG).size(), authResult.path("events").asInt(), authResult.toString());
        assertEquals(SampleEvents.lines(SampleEvents.ACCESS_LOG).size(), accessResult.path("events").asInt(),
                accessResult.toString());
        assertTrue(authResult.path("verdicts").asInt() >= 1, authResult.toString());
        assertTrue(accessResult.path("verdicts").asInt() >= 1, accessResult.toString());
        assertEquals(0, authResult.path("failed").asInt());
    }

    @Test
    void ingest_sameCloudWatchDeliveryAgain_addsNoVerdict() throws Exception {
        JsonNode again = ingest(SampleEvents.cloudWatchAuthLog());
        assertEquals(0, again.path("verdicts").asInt(), again.toString());
    }

    @Test
    void approve_ofTheBruteForceVerdict_createsOneBlockIpExecution_andTheFlowReportsBack() {
        // given the pending brute-force verdict, listed through the gateway as an analyst
        LocalHttp.Answer list = http.get(api() + "/verdicts?status=PENDING&limit=100");
        assertEquals(200, list.status(), list.body());
        JsonNode verdict = LocalRun.bruteForceVerdict(list.json().path("items"));
        assertNotNull(verdict, "no pending block_ip verdict for " + ATTACKER + " in " + list.body());
        String id = verdict.path("id").asText();
        assertEquals("PENDING", verdict.path("status").asText());
        assertEquals("ip", verdict.path("targetType").asText());
        assertEquals(SampleEvents.AUTH_LOG_GROUP, verdict.path("source").asText());
        assertTrue(verdict.path("evidence").size() >= 1 && verdict.path("evidence").size() <= 20);
        verdict.path("evidence").forEach(line -> assertTrue(
                SampleEvents.lines(SampleEvents.AUTH_LOG).contains(line.asText()), "not verbatim: " + line));

        // when the analyst approves it
        LocalHttp.Answer approved = http.post(api() + "/verdicts/" + id + "/approve", "{\"comment\":\"confirmed\"}");

        // then the verdict is APPROVED with the id of the one execution Kestra created
        assertEquals(200, approved.status(), approved.body());
        assertEquals("APPROVED", approved.json().path("status").asText());
        assertEquals("analyst@localhost", approved.json().path("decidedBy").asText());
        List<ObjectNode> executions = stack.kestra().executions();
        assertEquals(1, executions.size(), executions.toString());
        JsonNode e = executions.get(0);
        assertEquals("block-ip", e.path("flowId").asText());
        assertEquals("soc.remediation", e.path("namespace").asText());
        assertEquals(id, e.at("/inputs/verdictId").asText());
        assertEquals(ATTACKER, e.at("/inputs/target").asText());
        assertEquals("block_ip", e.at("/inputs/action").asText());
        assertEquals("analyst@localhost", e.at("/inputs/approvedBy").asText());
        assertTrue(e.path("labels").toString().contains("\"value\":\"" + id + "\""), e.path("labels").toString());
        assertEquals(e.path("id").asText(), approved.json().path("kestraExecutionId").asText());
        assertEquals("APPROVED", http.get(api() + "/verdicts/" + id).json().path("status").asText());

        // and approving again conflicts and creates nothing more
        assertEquals(409, http.post(api() + "/verdicts/" + id + "/approve", "{}").status());
        assertEquals(1, stack.kestra().executions().size());

        // and only the remediation caller may report the flow's outcome
        String outcome = "{\"executionId\":\"" + e.path("id").asText() + "\",\"state\":\"SUCCESS\",\"detail\":\"blocked\"}";
        assertEquals(403, http.post(api() + "/verdicts/" + id + "/outcome", outcome).status());
        LocalHttp.Answer reported = http.post(api() + "/verdicts/" + id + "/outcome", outcome,
                "X-Local-User", "kestra", "X-Local-Groups", "soc-remediation");
        assertEquals(200, reported.status(), reported.body());
        assertEquals("REMEDIATED", reported.json().path("status").asText());
    }

    @Test
    void theApi_refusesAnonymousCallers_andCallersOutsideTheAnalystGroup() {
        LocalHttp.Answer anonymous = http.get(api() + "/verdicts", "X-Local-Anonymous", "1");
        assertEquals(401, anonymous.status(), anonymous.body());
        assertFalse(anonymous.json().path("error").asText().isEmpty(), anonymous.body());
        LocalHttp.Answer outsider = http.get(api() + "/verdicts", "X-Local-Groups", "");
        assertEquals(403, outsider.status(), outsider.body());
        assertEquals(403, http.post(api() + "/verdicts/v_00000000000000000000000000000000/approve", "{}", "X-Local-Groups", "").status());
    }
}
