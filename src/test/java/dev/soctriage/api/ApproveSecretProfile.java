package dev.soctriage.api;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

import dev.soctriage.fixtures.SecretsManagerStub;

/** approve as deployed: the Kestra credentials named by ARN (KESTRA_SECRET_ARN), read from Secrets Manager. */
public class ApproveSecretProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", "approve", "kestra.secret-arn", SecretsManagerStub.KESTRA_ARN);
    }
}
