package dev.soctriage.pipeline;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

import dev.soctriage.fixtures.DynaliteResource;
import dev.soctriage.fixtures.GroqStub;
import dev.soctriage.fixtures.S3MockResource;

/**
 * ingest-triage with a model (a WireMock Groq), DynamoDB (dynalite) and S3 (S3Mock) on loopback; small
 * limits so that tests reach them: 40 groups per delivery, chunks of 500 lines, memory for 3 s.
 */
public class VolumeProfile implements QuarkusTestProfile {
    static final int MAX_GROUPS = 40;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", "ingest-triage", "group.max-groups", String.valueOf(MAX_GROUPS),
                "ingest.chunk-lines", "500", "triage.memory.ttl", "PT3S");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(GroqStub.class), new TestResourceEntry(DynaliteResource.class),
                new TestResourceEntry(S3MockResource.class));
    }
}
