package dev.soctriage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;


import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import dev.soctriage.model.Status;
import dev.soctriage.servers.KestraFake;
import dev.soctriage.fixtures.ApiEvents;
import dev.soctriage.fixtures.LambdaEventServer;
import dev.soctriage.fixtures.DynaliteResource;
import dev.soctriage.fixtures.InjectKestra;
import dev.soctriage.fixtures.KestraResource;
import dev.soctriage.fixtures.InjectSecretsManager;
import dev.soctriage.fixtures.SecretsManagerStub;
import dev.soctriage.fixtures.StoredVerdicts;
import dev.soctriage.verdict.Verdict;

/**
 * approve as deployed: its Kestra credentials named by ARN alone (KESTRA_SECRET_ARN; KESTRA_USERNAME and
 * KESTRA_PASSWORD empty) in a local Secrets Manager API, end to end through the Lambda event server: the secret's credentials reach Kestra, and a rotated secret is picked up without
 * a restart once Kestra refuses the old one.
 */
@QuarkusTest
@TestProfile(ApproveSecretProfile.class)
@QuarkusTestResource(value = DynaliteResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KestraResource.class, restrictToAnnotatedClass = true,
        initArgs = @io.quarkus.test.common.ResourceArg(name = KestraResource.NO_PLAIN_CREDENTIALS, value = "true"))
@QuarkusTestResource(value = SecretsManagerStub.class, restrictToAnnotatedClass = true)
class ApproveSecretTest {
    @Inject
    StoredVerdicts verdicts;
    @Inject
    ObjectMapper mapper;
    @InjectKestra
    KestraFake kestra;
    @InjectSecretsManager
    WireMockServer secretsManager;

    @Test
    void approve_sendsTheSecretsCredentials_andPicksUpARotation_withoutARestart() throws Exception {
        // Kestra takes only the secret's credentials; the application has no plain ones
        kestra.auth(KestraFake.Auth.basic(SecretsManagerStub.KESTRA_USER, SecretsManagerStub.KESTRA_PASSWORD));
        Verdict first = Verdicts.pending();
        verdicts.create(first);

        JsonNode approved = approve(first.id());

        assertEquals(200, approved.get("statusCode").asInt(), approved.toString());
        assertEquals(Status.APPROVED, verdicts.status(first.id()));

        // the secret is rotated; Kestra now takes only the new password
        SecretsManagerStub.secret(secretsManager, SecretsManagerStub.KESTRA_ARN,
                SecretsManagerStub.kestraSecret(SecretsManagerStub.KESTRA_USER, "pw-rotated-2"));
        kestra.auth(KestraFake.Auth.basic(SecretsManagerStub.KESTRA_USER, "pw-rotated-2"));
        Verdict second = Verdicts.pending();
        verdicts.create(second);

        JsonNode refused = approve(second.id());
        assertEquals(502, refused.get("statusCode").asInt(), "the cached password is refused once: " + refused);
        assertEquals(Status.DISPATCH_FAILED, verdicts.status(second.id()));

        JsonNode again = approve(second.id());
        assertEquals(200, again.get("statusCode").asInt(), "the refusal made the next call read the rotated secret: " + again);
        assertEquals(Status.APPROVED, verdicts.status(second.id()));
    }

    /** Approves through the mock event server, as API Gateway would invoke the function. */
    private JsonNode approve(String id) throws Exception {
        String event = mapper.writeValueAsString(ApiEvents.post("/verdicts/" + id + "/approve", "{}")
                .claims(java.util.Map.of("sub", "u-8", "username", "carol", "cognito:groups", "[soc-analysts]"))
                .scopes(java.util.List.of("openid")).event());
        return LambdaEventServer.answer(event);
    }
}
