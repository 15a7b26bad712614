package dev.soctriage.triage;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A WireMock server on loopback standing in for Groq's OpenAI-compatible API; tests stub it with the
 * shapes Groq documents (chat.completion, 429 with retry-after, 5xx, 400 json_validate_failed).
 */
public class GroqStub implements QuarkusTestResourceLifecycleManager {
    static final String API_KEY = "test-key-not-secret";
    /** Blocks inside this are allowlisted for the profile. */
    static final String ALLOWLIST = "198.18.0.0/15";
    /** Model calls in flight at most, for the profile (default 8: lower, so the bound shows). */
    static final int CONCURRENCY = 3;
    private static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return Map.of(
                "triage.llm.api-key", API_KEY,
                "triage.llm.base-url", server.baseUrl() + "/openai/v1",
                "triage.llm.timeout", "PT1S",
                "triage.llm.backoff", "PT0.05S",
                "triage.llm.max-attempts", "3",
                "triage.llm.concurrency", String.valueOf(CONCURRENCY),
                "triage.llm.breaker-cooldown", "PT2S",
                "guard.allowlist-cidrs", ALLOWLIST);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    public static WireMockServer server() {
        return server;
    }

    static String baseUrl() {
        return server.baseUrl() + "/openai/v1";
    }
}
