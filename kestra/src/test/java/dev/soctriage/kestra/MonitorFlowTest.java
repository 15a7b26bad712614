package dev.soctriage.kestra;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.soctriage.kestra.RemediationFixture.ACCESS_TOKEN;
import static dev.soctriage.kestra.RemediationFixture.NAMESPACE;
import static dev.soctriage.kestra.RemediationFixture.TENANT;
import static dev.soctriage.kestra.RemediationFixture.inputs;
import static dev.soctriage.kestra.RemediationFixture.outcomeReported;
import static dev.soctriage.kestra.RemediationFixture.run;
import static dev.soctriage.kestra.RemediationFixture.stubs;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.flows.State;
import io.kestra.core.services.KVStoreService;

/**
 * {@code monitor} run end to end by Kestra in process, against WireMock as the SOC webhook, the
 * token endpoint and soc-triage's outcome endpoint (see {@link RemediationFixture}).
 */
class MonitorFlowTest {
    @BeforeEach
    void stubTokenAndOutcomeEndpoints() throws Exception {
        RemediationFixture.resetStubs();
    }

    @Test
    void monitor_recordsAWatch_notifiesTheWebhook_andReportsSuccess() throws Exception {
        // given a webhook, and a threat type that looks like a template (it must stay text)
        stubs().stubFor(post(urlEqualTo("/hooks/soc-monitor")).willReturn(aResponse().withStatus(200)));
        Map<String, Object> inputs = new java.util.HashMap<>(inputs("v_mon1", "monitor", "198.51.100.9"));
        inputs.put("threatType", "Recon {{ secret('SOC_REMEDIATION_CLIENT_SECRET') }}");
        inputs.put("comment", "keep an eye on it");

        // when
        Execution execution = run("monitor", inputs);

        // then
        assertEquals(State.Type.SUCCESS, execution.getState().getCurrent());
        stubs().verify(exactly(1), postRequestedFor(urlEqualTo("/hooks/soc-monitor"))
            .withRequestBody(equalToJson("{\"text\":\"soc-triage: watching 198.51.100.9 (high, Recon {{ secret('SOC_REMEDIATION_CLIENT_SECRET') }}), approved by analyst@example.com\","
                + "\"verdictId\":\"v_mon1\",\"target\":\"198.51.100.9\",\"severity\":\"high\","
                + "\"threatType\":\"Recon {{ secret('SOC_REMEDIATION_CLIENT_SECRET') }}\",\"approvedBy\":\"analyst@example.com\","
                + "\"comment\":\"keep an eye on it\",\"executionId\":\"" + execution.getId() + "\"}")));
        stubs().verify(exactly(1), postRequestedFor(urlPathMatching("/api/verdicts/.*")));
        stubs().verify(exactly(1), outcomeReported("v_mon1", execution, "SUCCESS", "watching 198.51.100.9; SOC notified")
            .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
        var watch = RemediationFixture.kestra().getBean(KVStoreService.class).get(TENANT, NAMESPACE, null).getValue("watch_v_mon1");
        assertTrue(watch.isPresent(), "the watch is recorded in the KV store");
        String recorded = String.valueOf(watch.get().value());
        assertTrue(recorded.contains(execution.getId()) && recorded.contains("198.51.100.9"), recorded);
    }

    @Test
    void monitor_reportsFailed_whenTheWebhookIsDown() throws Exception {
        stubs().stubFor(post(urlEqualTo("/hooks/soc-monitor")).willReturn(aResponse().withStatus(500)));

        Execution execution = run("monitor", inputs("v_mon2", "monitor", ""));

        assertEquals(State.Type.FAILED, execution.getState().getCurrent());
        stubs().verify(exactly(4), postRequestedFor(urlEqualTo("/hooks/soc-monitor")));
        stubs().verify(exactly(1), outcomeReported("v_mon2", execution, "FAILED", "recording or notifying the watch failed"));
    }

    /** Issue 13 item 8: log-derived text reaches the SOC's channel as text, never as chat markup. */
    @Test
    void monitor_escapesChatMarkup_inTargetAndThreatType() throws Exception {
        stubs().stubFor(post(urlEqualTo("/hooks/soc-monitor")).willReturn(aResponse().withStatus(200)));
        Map<String, Object> inputs = new java.util.HashMap<>(inputs("v_mon3", "monitor", "<!channel> <https://evil|x>"));
        inputs.put("threatType", "Recon <!here> <https://evil.example/login|Re-login> & more");

        Execution execution = run("monitor", inputs);

        assertEquals(State.Type.SUCCESS, execution.getState().getCurrent());
        stubs().verify(exactly(1), postRequestedFor(urlEqualTo("/hooks/soc-monitor"))
            .withRequestBody(matchingJsonPath("$.text", equalTo("soc-triage: watching &lt;!channel&gt; &lt;https://evil|x&gt;"
                + " (high, Recon &lt;!here&gt; &lt;https://evil.example/login|Re-login&gt; &amp; more),"
                + " approved by analyst@example.com"))));
    }
}
