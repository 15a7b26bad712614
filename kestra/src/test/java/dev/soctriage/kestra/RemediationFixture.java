package dev.soctriage.kestra;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import io.kestra.core.models.Label;
import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.flows.GenericFlow;
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
 * What the flow tests share: one Kestra in process with the flows of {@code kestra/flows} loaded
 * (the AWS providers excepted, see {@link FlowFiles}), and WireMock on loopback standing in for
 * the firewall, the IdP, the monitor webhook, the OAuth2 token endpoint and soc-triage's
 * outcome endpoint. Stubbed failures are 500s: Kestra's HTTP client silently retries a 503
 * once, which would double the counted requests.
 */
final class RemediationFixture {
    static final String TENANT = "main";
    static final String NAMESPACE = "soc.remediation";
    static final String CLIENT_ID = "soc-remediation-client";
    static final String CLIENT_SECRET = "client-secret-for-tests";
    static final String ACCESS_TOKEN = "eyJ.test-access-token.sig";
    static final String FIREWALL_TOKEN = "firewall-token-for-tests";

    private static WireMockServer wireMock;
    private static ApplicationContext kestra;

    private RemediationFixture() {
    }

    static WireMockServer stubs() {
        return wireMock;
    }

    static ApplicationContext kestra() {
        return kestra;
    }

    /** Starts WireMock and the running Kestra, then loads the flows and their KV configuration; once per JVM. */
    private static synchronized void start() throws Exception {
        if (kestra != null) {
            return;
        }
        wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wireMock.start();
        Runtime.getRuntime().addShutdownHook(new Thread(wireMock::stop, "wiremock-stop"));
        String base = "http://127.0.0.1:" + wireMock.port();

        TestSecrets.put("SOC_REMEDIATION_CLIENT_ID", CLIENT_ID);
        TestSecrets.put("SOC_REMEDIATION_CLIENT_SECRET", CLIENT_SECRET);
        TestSecrets.put("FIREWALL_API_TOKEN", FIREWALL_TOKEN);
        TestSecrets.put("IDP_API_TOKEN", "idp-token-for-tests");
        TestSecrets.put("MONITOR_WEBHOOK_URL", base + "/hooks/soc-monitor");

        ApplicationContext context = KestraInProcess.runningContext();
        FlowService flows = context.getBean(FlowService.class);
        for (String file : FlowFiles.runnableHere()) {
            flows.create(GenericFlow.fromYaml(TENANT, FlowFiles.read(file)));
        }
        KVStore kv = context.getBean(KVStoreService.class).get(TENANT, NAMESPACE, null);
        for (var entry : Map.of(
            "SOC_API_BASE", base + "/api",
            "SOC_TOKEN_URL", base + "/oauth2/token",
            "FIREWALL_API_URL", base + "/firewall",
            "IDP_API_URL", base + "/idp").entrySet()) {
            kv.put(entry.getKey(), new KVValueAndMetadata(new KVMetadata("test", (Duration) null), entry.getValue()));
        }
        kestra = context;
    }

    /**
     * Fresh stubs for each test: a token endpoint that answers only the client's credentials and
     * scope, an outcome endpoint that answers only its bearer token.
     */
    static void resetStubs() throws Exception {
        start();
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

    static Execution run(String flowId, Map<String, Object> inputs) throws Exception {
        String verdictId = (String) inputs.get("verdictId");
        FlowInputOutput flowIO = kestra.getBean(FlowInputOutput.class);
        var flow = kestra.getBean(FlowRepositoryInterface.class).findById(TENANT, NAMESPACE, flowId).orElseThrow();
        return kestra.getBean(TestRunnerUtils.class).runOne(
            flow,
            (f, execution) -> flowIO.readExecutionInputs(f, execution, inputs),
            Duration.ofSeconds(90),
            List.of(new Label("verdictId", verdictId), new Label(Label.CORRELATION_ID, verdictId)));
    }

    /**
     * The report a flow must send soc-triage's outcome endpoint for this verdict: the execution's id, its
     * final state and what was done (a pattern to verify, with more headers where a test checks them).
     */
    static RequestPatternBuilder outcomeReported(String verdictId, Execution execution, String state, String detail) {
        return postRequestedFor(urlEqualTo("/api/verdicts/" + verdictId + "/outcome"))
            .withRequestBody(equalToJson("{\"executionId\":\"" + execution.getId() + "\",\"state\":\"" + state + "\","
                + "\"detail\":\"" + detail + "\"}"));
    }

    /** The multipart parts soc-triage's approve sends (docs/contract.md, "The call to Kestra"), comment left out. */
    static Map<String, Object> inputs(String verdictId, String action, String target) {
        return Map.of(
            "verdictId", verdictId,
            "action", action,
            "target", target,
            "severity", "high",
            "threatType", "SSH brute force",
            "approvedBy", "analyst@example.com");
    }
}
