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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static dev.soctriage.kestra.RemediationFixture.ACCESS_TOKEN;
import static dev.soctriage.kestra.RemediationFixture.FIREWALL_TOKEN;
import static dev.soctriage.kestra.RemediationFixture.inputs;
import static dev.soctriage.kestra.RemediationFixture.outcomeReported;
import static dev.soctriage.kestra.RemediationFixture.run;
import static dev.soctriage.kestra.RemediationFixture.stubs;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.flows.State;

/**
 * {@code block-ip} run end to end by Kestra in process, against WireMock as the firewall, the
 * token endpoint and soc-triage's outcome endpoint (see {@link RemediationFixture}).
 */
class BlockIpFlowTest {
    @BeforeEach
    void stubTokenAndOutcomeEndpoints() throws Exception {
        RemediationFixture.resetStubs();
    }

    @Test
    void blockIp_reportsSuccess_whenTheFirewallSucceedsOnTheThirdAttempt() throws Exception {
        // given a firewall that fails twice, then blocks
        stubs().stubFor(post(urlEqualTo("/firewall/blocks")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(500)).willSetStateTo("failed-once"));
        stubs().stubFor(post(urlEqualTo("/firewall/blocks")).inScenario("flaky").whenScenarioStateIs("failed-once")
            .willReturn(aResponse().withStatus(500)).willSetStateTo("failed-twice"));
        stubs().stubFor(post(urlEqualTo("/firewall/blocks")).inScenario("flaky").whenScenarioStateIs("failed-twice")
            .willReturn(okJson("{\"blocked\":true}")));

        // when
        Execution execution = run("block-ip", inputs("v_flaky1", "block_ip", "203.0.113.7"));

        // then
        assertEquals(State.Type.SUCCESS, execution.getState().getCurrent());
        stubs().verify(exactly(3), postRequestedFor(urlEqualTo("/firewall/blocks"))
            .withHeader("Authorization", equalTo("Bearer " + FIREWALL_TOKEN))
            .withRequestBody(equalToJson("{\"ip\":\"203.0.113.7\",\"reason\":\"SSH brute force\",\"reference\":\"v_flaky1\"}")));
        stubs().verify(exactly(1), postRequestedFor(urlEqualTo("/oauth2/token")));
        stubs().verify(exactly(1), postRequestedFor(urlPathMatching("/api/verdicts/.*")));
        stubs().verify(exactly(1), outcomeReported("v_flaky1", execution, "SUCCESS", "blocked 203.0.113.7 with http-firewall-block")
            .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
            .withHeader("Content-Type", containing("application/json")));
    }

    @Test
    void blockIp_reportsFailed_whenTheFirewallAlwaysFails() throws Exception {
        // given a firewall that never blocks
        stubs().stubFor(post(urlEqualTo("/firewall/blocks")).willReturn(aResponse().withStatus(500)));

        // when
        Execution execution = run("block-ip", inputs("v_down1", "block_ip", "203.0.113.8"));

        // then: every declared attempt was made, then the failure was reported once
        assertEquals(State.Type.FAILED, execution.getState().getCurrent());
        stubs().verify(exactly(4), postRequestedFor(urlEqualTo("/firewall/blocks")));
        stubs().verify(exactly(1), postRequestedFor(urlPathMatching("/api/verdicts/.*")));
        stubs().verify(exactly(1), outcomeReported("v_down1", execution, "FAILED", "block of 203.0.113.8 failed in http-firewall-block")
            .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
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
        stubs().stubFor(post(urlEqualTo("/firewall/blocks")).willReturn(okJson("{}")));

        // when
        Execution execution = run("block-ip", inputs(verdictId, action, target));

        // then
        assertEquals(State.Type.FAILED, execution.getState().getCurrent());
        stubs().verify(exactly(0), postRequestedFor(urlEqualTo("/firewall/blocks")));
        stubs().verify(exactly(1), postRequestedFor(urlPathMatching("/api/verdicts/.*")));
        stubs().verify(exactly(1), outcomeReported(verdictId, execution, "FAILED", detail));
    }

    @Test
    void blockIp_blocksAnIpv6Address() throws Exception {
        stubs().stubFor(post(urlEqualTo("/firewall/blocks")).willReturn(okJson("{}")));

        Execution execution = run("block-ip", inputs("v_six1", "block_ip", "2001:db8:85a3::8a2e:370:7334"));

        assertEquals(State.Type.SUCCESS, execution.getState().getCurrent());
        stubs().verify(exactly(1), postRequestedFor(urlEqualTo("/firewall/blocks"))
            .withRequestBody(equalToJson("{\"ip\":\"2001:db8:85a3::8a2e:370:7334\",\"reason\":\"SSH brute force\",\"reference\":\"v_six1\"}")));
        stubs().verify(exactly(1), outcomeReported("v_six1", execution, "SUCCESS", "blocked 2001:db8:85a3::8a2e:370:7334 with http-firewall-block"));
    }

    @Test
    void outcome_isSentOnceMore_whenTheSocApiFailsOnce() throws Exception {
        // given a firewall that blocks, and an outcome endpoint that fails once, then accepts
        stubs().stubFor(post(urlEqualTo("/firewall/blocks")).willReturn(okJson("{}")));
        stubs().stubFor(post(urlEqualTo("/api/verdicts/v_api1/outcome")).inScenario("api").whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(500)).willSetStateTo("recovered"));
        stubs().stubFor(post(urlEqualTo("/api/verdicts/v_api1/outcome")).inScenario("api").whenScenarioStateIs("recovered")
            .willReturn(okJson("{\"status\":\"REMEDIATED\"}")));

        // when
        Execution execution = run("block-ip", inputs("v_api1", "block_ip", "198.51.100.23"));

        // then: one retry of the same report, never a FAILED one
        assertEquals(State.Type.SUCCESS, execution.getState().getCurrent());
        stubs().verify(exactly(1), postRequestedFor(urlEqualTo("/firewall/blocks")));
        stubs().verify(exactly(2), postRequestedFor(urlPathMatching("/api/verdicts/.*")));
        stubs().verify(exactly(2), outcomeReported("v_api1", execution, "SUCCESS", "blocked 198.51.100.23 with http-firewall-block"));
    }

    @Test
    void blockIp_neverReportsFailed_whenTheBlockSucceededButTheSocApiStaysDown() throws Exception {
        // given a firewall that blocks, and an outcome endpoint that never accepts
        stubs().stubFor(post(urlEqualTo("/firewall/blocks")).willReturn(okJson("{}")));
        stubs().stubFor(post(urlEqualTo("/api/verdicts/v_api2/outcome")).willReturn(aResponse().withStatus(500)));

        // when
        Execution execution = run("block-ip", inputs("v_api2", "block_ip", "198.51.100.24"));

        // then: the execution fails (the verdict stays APPROVED), but no false FAILED is sent
        assertEquals(State.Type.FAILED, execution.getState().getCurrent());
        stubs().verify(exactly(1), postRequestedFor(urlEqualTo("/firewall/blocks")));
        stubs().verify(exactly(4), postRequestedFor(urlPathMatching("/api/verdicts/.*")));
        stubs().verify(exactly(4), outcomeReported("v_api2", execution, "SUCCESS", "blocked 198.51.100.24 with http-firewall-block"));
    }

}
