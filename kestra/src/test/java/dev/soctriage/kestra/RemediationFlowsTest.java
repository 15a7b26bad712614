package dev.soctriage.kestra;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.kestra.core.models.Label;
import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.flows.GenericFlow;
import io.kestra.core.models.flows.State;
import io.kestra.core.repositories.FlowRepositoryInterface;
import io.kestra.core.runners.FlowInputOutput;
import io.kestra.core.runners.TestRunnerUtils;
import io.kestra.core.services.FlowService;
import io.kestra.core.services.KVStoreService;
import io.kestra.core.storages.kv.KVMetadata;
import io.kestra.core.storages.kv.KVStore;
import io.kestra.core.storages.kv.KVValueAndMetadata;

import io.micronaut.context.ApplicationContext;

/**
 * The remediation flows run end to end by Kestra itself (in process), against WireMock on
 * loopback standing in for the firewall, the IdP, the monitor webhook, the OAuth2 token
 * endpoint and soc-triage's outcome endpoint. Every firewall/IdP failure is a 500: Kestra's
 * HTTP client silently retries a 503 once, which would double the counted requests.
 */
class RemediationFlowsTest {
    private static final String TENANT = "main";
    private static final String NAMESPACE = "soc.remediation";
    private static final String CLIENT_ID = "soc-remediation-client";
    private static final String CLIENT_SECRET = "client-secret-for-tests";
    private static final String ACCESS_TOKEN = "eyJ.test-access-token.sig";
    private static final String FIREWALL_TOKEN = "firewall-token-for-tests";

    private static WireMockServer wireMock;
    private static ApplicationContext kestra;

    @BeforeAll
    static void startKestraAndStubs() throws Exception {
        wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wireMock.start();
        String base = "http://127.0.0.1:" + wireMock.port();

        TestSecrets.put("SOC_REMEDIATION_CLIENT_ID", CLIENT_ID);
        TestSecrets.put("SOC_REMEDIATION_CLIENT_SECRET", CLIENT_SECRET);
        TestSecrets.put("FIREWALL_API_TOKEN", FIREWALL_TOKEN);
        TestSecrets.put("IDP_API_TOKEN", "idp-token-for-tests");
        TestSecrets.put("MONITOR_WEBHOOK_URL", base + "/hooks/soc-monitor");

        kestra = KestraInProcess.runningContext();
        FlowService flows = kestra.getBean(FlowService.class);
        for (String file : FlowFiles.runnableHere()) {
            flows.create(GenericFlow.fromYaml(TENANT, FlowFiles.read(file)));
        }
        KVStore kv = kestra.getBean(KVStoreService.class).get(TENANT, NAMESPACE, null);
        for (var entry : Map.of(
            "SOC_API_BASE", base + "/api",
            "SOC_TOKEN_URL", base + "/oauth2/token",
            "FIREWALL_API_URL", base + "/firewall",
            "IDP_API_URL", base + "/idp").entrySet()) {
            kv.put(entry.getKey(), new KVValueAndMetadata(new KVMetadata("test", (Duration) null), entry.getValue()));
        }
    }

    @AfterAll
    static void stopStubs() {
        if (wireMock != null) {
            wireMock.stop();
        }
    }

    @BeforeEach
    void stubTokenAndOutcomeEndpoints() {
        wireMock.resetAll();
        wireMock.stubFor(post(urlEqualTo("/oauth2/token"))
            .withBasicAuth(CLIENT_ID, CLIENT_SECRET)
            .withRequestBody(containing("grant_type=client_credentials"))
            .withRequestBody(containing("scope=soc%2Fremediation"))
            .willReturn(okJson("{\"access_token\":\"" + ACCESS_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        wireMock.stubFor(post(urlPathMatching("/api/verdicts/[^/]+/outcome"))
            .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
            .willReturn(okJson("{\"status\":\"REMEDIATED\"}")));
    }

    @Test
    void blockIp_reportsSuccess_whenTheFirewallSucceedsOnTheThirdAttempt() throws Exception {
        // given a firewall that fails twice, then blocks
        wireMock.stubFor(post(urlEqualTo("/firewall/blocks")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(500)).willSetStateTo("failed-once"));
        wireMock.stubFor(post(urlEqualTo("/firewall/blocks")).inScenario("flaky").whenScenarioStateIs("failed-once")
            .willReturn(aResponse().withStatus(500)).willSetStateTo("failed-twice"));
        wireMock.stubFor(post(urlEqualTo("/firewall/blocks")).inScenario("flaky").whenScenarioStateIs("failed-twice")
            .willReturn(okJson("{\"blocked\":true}")));

        // when
        Execution execution = run("block-ip", inputs("v_flaky1", "block_ip", "203.0.113.7"));

        // then
        assertEquals(State.Type.SUCCESS, execution.getState().getCurrent());
        wireMock.verify(exactly(3), postRequestedFor(urlEqualTo("/firewall/blocks"))
            .withHeader("Authorization", equalTo("Bearer " + FIREWALL_TOKEN))
            .withRequestBody(equalToJson("{\"ip\":\"203.0.113.7\",\"reason\":\"SSH brute force\",\"reference\":\"v_flaky1\"}")));
        wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/oauth2/token")));
        wireMock.verify(exactly(1), postRequestedFor(urlPathMatching("/api/verdicts/.*")));
        wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/api/verdicts/v_flaky1/outcome"))
            .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
            .withHeader("Content-Type", containing("application/json"))
            .withRequestBody(equalToJson("{\"executionId\":\"" + execution.getId() + "\",\"state\":\"SUCCESS\","
                + "\"detail\":\"blocked 203.0.113.7 with http-firewall-block\"}")));
    }

    private Execution run(String flowId, Map<String, Object> inputs) throws Exception {
        String verdictId = (String) inputs.get("verdictId");
        FlowInputOutput flowIO = kestra.getBean(FlowInputOutput.class);
        var flow = kestra.getBean(FlowRepositoryInterface.class).findById(TENANT, NAMESPACE, flowId).orElseThrow();
        return kestra.getBean(TestRunnerUtils.class).runOne(
            flow,
            (f, execution) -> flowIO.readExecutionInputs(f, execution, inputs),
            Duration.ofSeconds(90),
            List.of(new Label("verdictId", verdictId), new Label(Label.CORRELATION_ID, verdictId)));
    }

    /** The multipart parts soc-triage's approve sends (CONTRACT.md, "The call to Kestra"), comment left out. */
    private static Map<String, Object> inputs(String verdictId, String action, String target) {
        return Map.of(
            "verdictId", verdictId,
            "action", action,
            "target", target,
            "severity", "high",
            "threatType", "SSH brute force",
            "approvedBy", "analyst@example.com");
    }
}
