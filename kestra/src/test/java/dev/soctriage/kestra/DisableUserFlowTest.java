package dev.soctriage.kestra;

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
import static dev.soctriage.kestra.RemediationFixture.inputs;
import static dev.soctriage.kestra.RemediationFixture.outcomeReported;
import static dev.soctriage.kestra.RemediationFixture.run;
import static dev.soctriage.kestra.RemediationFixture.stubs;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.flows.State;

/**
 * {@code disable-user} run end to end by Kestra in process, against WireMock as the identity
 * provider, the token endpoint and soc-triage's outcome endpoint (see {@link RemediationFixture}).
 */
class DisableUserFlowTest {
    @BeforeEach
    void stubTokenAndOutcomeEndpoints() throws Exception {
        RemediationFixture.resetStubs();
    }

    @Test
    void disableUser_reportsSuccess_whenTheIdentityProviderDisablesTheUser() throws Exception {
        stubs().stubFor(post(urlEqualTo("/idp/users/disable")).willReturn(okJson("{\"disabled\":true}")));

        Execution execution = run("disable-user", inputs("v_user1", "disable_user", "jdoe@example.com"));

        assertEquals(State.Type.SUCCESS, execution.getState().getCurrent());
        stubs().verify(exactly(1), postRequestedFor(urlEqualTo("/idp/users/disable"))
            .withHeader("Authorization", equalTo("Bearer idp-token-for-tests"))
            .withRequestBody(equalToJson("{\"username\":\"jdoe@example.com\",\"reason\":\"SSH brute force\",\"reference\":\"v_user1\"}")));
        stubs().verify(exactly(1), postRequestedFor(urlPathMatching("/api/verdicts/.*")));
        stubs().verify(exactly(1), outcomeReported("v_user1", execution, "SUCCESS", "disabled user jdoe@example.com with http-idp-disable-user")
            .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));
    }

    @Test
    void disableUser_failsFastAndReportsFailed_withoutCallingTheIdentityProvider_whenTheUserNameIsNotSane() throws Exception {
        stubs().stubFor(post(urlEqualTo("/idp/users/disable")).willReturn(okJson("{}")));

        Execution execution = run("disable-user", inputs("v_user2", "disable_user", "root\"; shutdown -h now"));

        assertEquals(State.Type.FAILED, execution.getState().getCurrent());
        stubs().verify(exactly(0), postRequestedFor(urlEqualTo("/idp/users/disable")));
        stubs().verify(exactly(1), outcomeReported("v_user2", execution, "FAILED", "invalid input: target is not a valid user name"));
    }

}
