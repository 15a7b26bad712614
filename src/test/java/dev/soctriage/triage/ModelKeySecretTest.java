package dev.soctriage.triage;

import static dev.soctriage.fixtures.GroqStub.CHAT;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import dev.soctriage.fixtures.LambdaEventServer;
import dev.soctriage.fixtures.DynaliteResource;
import dev.soctriage.fixtures.GroqStub;
import dev.soctriage.fixtures.IngestEvents;
import dev.soctriage.fixtures.SecretsManagerStub;

/**
 * ingest-triage as deployed: the Groq key named by ARN (GROQ_API_KEY_SECRET_ARN) and read from Secrets
 * Manager at run time; the plain GROQ_API_KEY the stub profile also sets is not what reaches the model.
 */
@QuarkusTest
@TestProfile(ModelKeySecretTest.Profile.class)
class ModelKeySecretTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "ingest-triage",
                    "triage.llm.api-key-secret-arn", SecretsManagerStub.GROQ_ARN);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(GroqStub.class), new TestResourceEntry(SecretsManagerStub.class),
                    new TestResourceEntry(DynaliteResource.class));
        }
    }

    @Test
    void ingestTriage_callsTheModelWithTheKeyFromSecretsManager() {
        GroqStub.server().stubFor(post(urlPathEqualTo(CHAT)).atPriority(9).willReturn(GroqAnswers.serverError(401)));
        GroqStub.server().stubFor(post(urlPathEqualTo(CHAT)).atPriority(1)
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + SecretsManagerStub.GROQ_KEY))
                .willReturn(GroqAnswers.verdict(true, "high", "block_ip", "203.0.113.61", "\"T1110.001\"")));

        RestAssured.given().body(IngestEvents.direct("direct/" + UUID.randomUUID(), IngestEvents.sshBruteForce("203.0.113.61", 8))
                .toString()).post(LambdaEventServer.url())
                .then().statusCode(200).body("verdicts", equalTo(1)).body("llmCalls", greaterThanOrEqualTo(1));

        // every call carried the secret's key (a loaded machine may time out the first and retry)
        var calls = GroqStub.server().findAll(postRequestedFor(urlPathEqualTo(CHAT)));
        assertTrue(!calls.isEmpty() && calls.stream().allMatch(r ->
                ("Bearer " + SecretsManagerStub.GROQ_KEY).equals(r.getHeader("Authorization"))), "model calls: " + calls.size());
    }
}
