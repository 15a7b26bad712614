package dev.soctriage.ingest;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Boots the artifact as the ingest-triage function. */
public class IngestProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", "ingest-triage");
    }
}
