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
 * ingest-triage as deployed (infra/sam/template.yaml, infra/terraform/main.tf): the Groq key named by ARN
 * alone (GROQ_API_KEY_SECRET_ARN), GROQ_API_KEY empty, the key read from a local Secrets Manager API at run
 * time. The model must be called — through its circuit breaker and bulkhead — with the secret's key.
 */
@QuarkusTest
@TestProfile(ModelKeySecretTest.Profile.class)
class ModelKeySecretTest {
    @jakarta.inject.Inject
    dev.soctriage.verdict.VerdictStore store;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "ingest-triage",
                    "triage.llm.api-key-secret-arn", SecretsManagerStub.GROQ_ARN);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(GroqStub.class, Map.of(GroqStub.NO_PLAIN_KEY, "true")),
                    new TestResourceEntry(SecretsManagerStub.class),
                    new TestResourceEntry(DynaliteResource.class));
        }
    }

    @Test
    void ingestTriage_keyedByArnOnly_callsTheModelWithTheKeyFromSecretsManager() {
        GroqStub.server().stubFor(post(urlPathEqualTo(CHAT)).atPriority(9).willReturn(GroqAnswers.serverError(401)));
        GroqStub.server().stubFor(post(urlPathEqualTo(CHAT)).atPriority(1)
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer " + SecretsManagerStub.GROQ_KEY))
                .willReturn(GroqAnswers.verdict(true, "high", "block_ip", "203.0.113.61", "\"T1110.001\"")));

        RestAssured.given().body(IngestEvents.direct("direct/" + UUID.randomUUID(), IngestEvents.sshBruteForce("203.0.113.61", 8))
                .toString()).post(LambdaEventServer.url())
                .then().statusCode(200).body("verdicts", equalTo(1)).body("llmCalls", greaterThanOrEqualTo(1));
        // the model's verdict, not the rules' fallback: the answer reached the pipeline
        var listed = store.list(dev.soctriage.model.Status.PENDING, null, 100, null).items().stream()
                .filter(v -> "203.0.113.61".equals(v.target())).toList();
        org.junit.jupiter.api.Assertions.assertEquals(1, listed.size());
        org.junit.jupiter.api.Assertions.assertEquals("llm", listed.get(0).assessment().engine());

        // every call carried the secret's key (a loaded machine may time out the first and retry)
        var calls = GroqStub.server().findAll(postRequestedFor(urlPathEqualTo(CHAT)));
        assertTrue(!calls.isEmpty() && calls.stream().allMatch(r ->
                ("Bearer " + SecretsManagerStub.GROQ_KEY).equals(r.getHeader("Authorization"))), "model calls: " + calls.size());
    }
}
