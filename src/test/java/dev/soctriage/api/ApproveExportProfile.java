package dev.soctriage.api;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The artifact as the {@code approve} function: only that export answers the Lambda event server. */
public class ApproveExportProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", "approve");
    }
}
