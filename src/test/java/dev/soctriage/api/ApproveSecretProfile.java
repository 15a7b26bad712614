package dev.soctriage.api;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

import dev.soctriage.fixtures.SecretsManagerStub;

/**
 * approve as deployed: the Kestra credentials named by ARN (KESTRA_SECRET_ARN), read from Secrets Manager.
 * The re-approval grace (kestra.dispatch-grace) stays as configured: a create Kestra refused (401)
 * created nothing, so the approval right after it is not held back.
 */
public class ApproveSecretProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", "approve", "kestra.secret-arn", SecretsManagerStub.KESTRA_ARN);
    }
}
