package dev.soctriage.api;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

import dev.soctriage.fixtures.SecretsManagerStub;

/**
 * approve as deployed: the Kestra credentials named by ARN (KESTRA_SECRET_ARN), read from Secrets Manager.
 * The re-approval grace after a failed dispatch (kestra.dispatch-grace, tested in ApprovalFlowTest) is
 * off here, so that the approval right after the refused one shows the rotated secret being read.
 */
public class ApproveSecretProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", "approve", "kestra.secret-arn", SecretsManagerStub.KESTRA_ARN,
                "kestra.dispatch-grace", "PT0S");
    }
}
