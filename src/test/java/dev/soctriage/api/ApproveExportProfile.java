package dev.soctriage.api;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

import dev.soctriage.fixtures.DynaliteResource;
import dev.soctriage.fixtures.KestraResource;

/**
 * The artifact as the {@code approve} function, with its store (dynalite) and Kestra (the Kestra fake)
 * on loopback: only that export answers the Lambda event server.
 */
public class ApproveExportProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", "approve");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(DynaliteResource.class), new TestResourceEntry(KestraResource.class));
    }
}
