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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.kestra.core.models.Label;
import io.kestra.core.exceptions.InputOutputValidationException;
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

    @Test
    void blockIp_reportsFailed_whenTheFirewallAlwaysFails() throws Exception {
        // given a firewall that never blocks
        wireMock.stubFor(post(urlEqualTo("/firewall/blocks")).willReturn(aResponse().withStatus(500)));

        // when
        Execution execution = run("block-ip", inputs("v_down1", "block_ip", "203.0.113.8"));

        // then: every declared attempt was made, then the failure was reported once
        assertEquals(State.Type.FAILED, execution.getState().getCurrent());
        wireMock.verify(exactly(4), postRequestedFor(urlEqualTo("/firewall/blocks")));
        wireMock.verify(exactly(1), postRequestedFor(urlPathMatching("/api/verdicts/.*")));
        wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/api/verdicts/v_down1/outcome"))
            .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
            .withRequestBody(equalToJson("{\"executionId\":\"" + execution.getId() + "\",\"state\":\"FAILED\","
                + "\"detail\":\"block of 203.0.113.8 failed in http-firewall-block\"}")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "v_bad1 | block_ip     | not-an-ip; rm -rf / | invalid input: target is not an IPv4 or IPv6 literal",
        "v_bad2 | block_ip     | 203.0.113.300       | invalid input: target is not an IPv4 or IPv6 literal",
        "v_bad3 | block_ip     | 10.0.0.5            | invalid input: target is not a public address",
        "v_bad4 | block_ip     | fe80::1             | invalid input: target is not a public address",
        "v_bad5 | disable_user | 203.0.113.7         | invalid input: action must be block_ip"})
    void blockIp_failsFastAndReportsFailed_withoutCallingTheFirewall_whenTheInputIsInvalid(
        String verdictId, String action, String target, String detail) throws Exception {
        // given a firewall that would block anything
        wireMock.stubFor(post(urlEqualTo("/firewall/blocks")).willReturn(okJson("{}")));

        // when
        Execution execution = run("block-ip", inputs(verdictId, action, target));

        // then
        assertEquals(State.Type.FAILED, execution.getState().getCurrent());
        wireMock.verify(exactly(0), postRequestedFor(urlEqualTo("/firewall/blocks")));
        wireMock.verify(exactly(1), postRequestedFor(urlPathMatching("/api/verdicts/.*")));
        wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/api/verdicts/" + verdictId + "/outcome"))
            .withRequestBody(equalToJson("{\"executionId\":\"" + execution.getId() + "\",\"state\":\"FAILED\","
                + "\"detail\":\"" + detail + "\"}")));
    }

    @Test
    void blockIp_blocksAnIpv6Address() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/firewall/blocks")).willReturn(okJson("{}")));

        Execution execution = run("block-ip", inputs("v_six1", "block_ip", "2001:db8:85a3::8a2e:370:7334"));

        assertEquals(State.Type.SUCCESS, execution.getState().getCurrent());
        wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/firewall/blocks"))
            .withRequestBody(equalToJson("{\"ip\":\"2001:db8:85a3::8a2e:370:7334\",\"reason\":\"SSH brute force\",\"reference\":\"v_six1\"}")));
        wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/api/verdicts/v_six1/outcome"))
            .withRequestBody(equalToJson("{\"executionId\":\"" + execution.getId() + "\",\"state\":\"SUCCESS\","
                + "\"detail\":\"blocked 2001:db8:85a3::8a2e:370:7334 with http-firewall-block\"}")));
    }

    @Test
    void disableUser_reportsSuccess_whenTheIdentityProviderDisablesTheUser() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/idp/users/disable")).willReturn(okJson("{\"disabled\":true}")));

        Execution execution = run("disable-user", inputs("v_user1", "disable_user", "jdoe@example.com"));

        assertEquals(State.Type.SUCCESS, execution.getState().getCurrent());
        wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/idp/users/disable"))
            .withHeader("Authorization", equalTo("Bearer idp-token-for-tests"))
            .withRequestBody(equalToJson("{\"username\":\"jdoe@example.com\",\"reason\":\"SSH brute force\",\"reference\":\"v_user1\"}")));
        wireMock.verify(exactly(1), postRequestedFor(urlPathMatching("/api/verdicts/.*")));
        wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/api/verdicts/v_user1/outcome"))
            .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
            .withRequestBody(equalToJson("{\"executionId\":\"" + execution.getId() + "\",\"state\":\"SUCCESS\","
                + "\"detail\":\"disabled user jdoe@example.com with http-idp-disable-user\"}")));
    }

    @Test
    void disableUser_failsFastAndReportsFailed_withoutCallingTheIdentityProvider_whenTheUserNameIsNotSane() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/idp/users/disable")).willReturn(okJson("{}")));

        Execution execution = run("disable-user", inputs("v_user2", "disable_user", "root\"; shutdown -h now"));

        assertEquals(State.Type.FAILED, execution.getState().getCurrent());
        wireMock.verify(exactly(0), postRequestedFor(urlEqualTo("/idp/users/disable")));
        wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/api/verdicts/v_user2/outcome"))
            .withRequestBody(equalToJson("{\"executionId\":\"" + execution.getId() + "\",\"state\":\"FAILED\","
                + "\"detail\":\"invalid input: target is not a valid user name\"}")));
    }

    @Test
    void monitor_recordsAWatch_notifiesTheWebhook_andReportsSuccess() throws Exception {
        // given a webhook, and a threat type that looks like a template (it must stay text)
        wireMock.stubFor(post(urlEqualTo("/hooks/soc-monitor")).willReturn(aResponse().withStatus(200)));
        Map<String, Object> inputs = new java.util.HashMap<>(inputs("v_mon1", "monitor", "198.51.100.9"));
        inputs.put("threatType", "Recon {{ secret('SOC_REMEDIATION_CLIENT_SECRET') }}");
        inputs.put("comment", "keep an eye on it");

        // when
        Execution execution = run("monitor", inputs);

        // then
        assertEquals(State.Type.SUCCESS, execution.getState().getCurrent());
        wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/hooks/soc-monitor"))
            .withRequestBody(equalToJson("{\"text\":\"soc-triage: watching 198.51.100.9 (high, Recon {{ secret('SOC_REMEDIATION_CLIENT_SECRET') }}), approved by analyst@example.com\","
                + "\"verdictId\":\"v_mon1\",\"target\":\"198.51.100.9\",\"severity\":\"high\","
                + "\"threatType\":\"Recon {{ secret('SOC_REMEDIATION_CLIENT_SECRET') }}\",\"approvedBy\":\"analyst@example.com\","
                + "\"comment\":\"keep an eye on it\",\"executionId\":\"" + execution.getId() + "\"}")));
        wireMock.verify(exactly(1), postRequestedFor(urlPathMatching("/api/verdicts/.*")));
        wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/api/verdicts/v_mon1/outcome"))
            .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
            .withRequestBody(equalToJson("{\"executionId\":\"" + execution.getId() + "\",\"state\":\"SUCCESS\","
                + "\"detail\":\"watching 198.51.100.9; SOC notified\"}")));
        var watch = kestra.getBean(KVStoreService.class).get(TENANT, NAMESPACE, null).getValue("watch_v_mon1");
        assertTrue(watch.isPresent(), "the watch is recorded in the KV store");
        String recorded = String.valueOf(watch.get().value());
        assertTrue(recorded.contains(execution.getId()) && recorded.contains("198.51.100.9"), recorded);
    }

    @Test
    void monitor_reportsFailed_whenTheWebhookIsDown() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/hooks/soc-monitor")).willReturn(aResponse().withStatus(500)));

        Execution execution = run("monitor", inputs("v_mon2", "monitor", ""));

        assertEquals(State.Type.FAILED, execution.getState().getCurrent());
        wireMock.verify(exactly(4), postRequestedFor(urlEqualTo("/hooks/soc-monitor")));
        wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/api/verdicts/v_mon2/outcome"))
            .withRequestBody(equalToJson("{\"executionId\":\"" + execution.getId() + "\",\"state\":\"FAILED\","
                + "\"detail\":\"recording or notifying the watch failed\"}")));
    }

    @Test
    void outcome_isSentOnceMore_whenTheSocApiFailsOnce() throws Exception {
        // given a firewall that blocks, and an outcome endpoint that fails once, then accepts
        wireMock.stubFor(post(urlEqualTo("/firewall/blocks")).willReturn(okJson("{}")));
        wireMock.stubFor(post(urlEqualTo("/api/verdicts/v_api1/outcome")).inScenario("api").whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
        wireMock.stubFor(post(urlEqualTo("/api/verdicts/v_api1/outcome")).inScenario("api").whenScenarioStateIs("recovered")
            .willReturn(okJson("{\"status\":\"REMEDIATED\"}")));

        // when
        Execution execution = run("block-ip", inputs("v_api1", "block_ip", "198.51.100.23"));

        // then: one retry of the same report, never a FAILED one
        assertEquals(State.Type.SUCCESS, execution.getState().getCurrent());
        wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/firewall/blocks")));
        wireMock.verify(exactly(2), postRequestedFor(urlPathMatching("/api/verdicts/.*")));
        wireMock.verify(exactly(2), postRequestedFor(urlEqualTo("/api/verdicts/v_api1/outcome"))
            .withRequestBody(equalToJson("{\"executionId\":\"" + execution.getId() + "\",\"state\":\"SUCCESS\","
                + "\"detail\":\"blocked 198.51.100.23 with http-firewall-block\"}")));
    }

    @Test
    void blockIp_neverReportsFailed_whenTheBlockSucceededButTheSocApiStaysDown() throws Exception {
        // given a firewall that blocks, and an outcome endpoint that never accepts
        wireMock.stubFor(post(urlEqualTo("/firewall/blocks")).willReturn(okJson("{}")));
        wireMock.stubFor(post(urlEqualTo("/api/verdicts/v_api2/outcome")).willReturn(aResponse().withStatus(500)));

        // when
        Execution execution = run("block-ip", inputs("v_api2", "block_ip", "198.51.100.24"));

        // then: the execution fails (the verdict stays APPROVED), but no false FAILED is sent
        assertEquals(State.Type.FAILED, execution.getState().getCurrent());
        wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/firewall/blocks")));
        wireMock.verify(exactly(4), postRequestedFor(urlPathMatching("/api/verdicts/.*")));
        wireMock.verify(exactly(4), postRequestedFor(urlEqualTo("/api/verdicts/v_api2/outcome"))
            .withRequestBody(equalToJson("{\"executionId\":\"" + execution.getId() + "\",\"state\":\"SUCCESS\","
                + "\"detail\":\"blocked 198.51.100.24 with http-firewall-block\"}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"block-ip", "disable-user", "monitor"})
    void execution_isRefused_whenTheVerdictIdCouldNotBeAUrlPathSegment(String flowId) {
        // given the id that report-outcome would put in the outcome URL's path
        var flow = kestra.getBean(FlowRepositoryInterface.class).findById(TENANT, NAMESPACE, flowId).orElseThrow();
        Map<String, Object> inputs = new java.util.HashMap<>(inputs("v_1", "block_ip", "203.0.113.7"));
        inputs.put("verdictId", "../../admin");

        // when Kestra reads the inputs, as it does before it creates an execution, then it refuses them
        InputOutputValidationException refused = assertThrows(InputOutputValidationException.class,
            () -> kestra.getBean(FlowInputOutput.class).readExecutionInputs(flow, "refused-" + flowId, inputs));
        assertTrue(refused.getMessage().contains("verdictId"), refused.getMessage());
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
