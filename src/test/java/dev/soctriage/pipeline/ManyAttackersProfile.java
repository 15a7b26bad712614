package dev.soctriage.pipeline;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

import dev.soctriage.fixtures.DynaliteResource;
import dev.soctriage.fixtures.GroqStub;
import dev.soctriage.fixtures.S3MockResource;

/**
 * ingest-triage with a slow model (a WireMock Groq answering in {@link #MODEL_MILLIS} ms, timeout 5 s)
 * and DynamoDB (dynalite) on loopback, every limit at its default (a 50 s time budget) but the pace of
 * verdict writes: dynalite is one Node.js process that serves 16 writes in flight little faster than one
 * at a time (≈ 45 ms a verdict on this shared machine), so a batch of 16 is budgeted at
 * {@link #WRITE_ESTIMATE}, not at DynamoDB's 40 ms.
 */
public class ManyAttackersProfile implements QuarkusTestProfile {
    static final int MODEL_MILLIS = 1500;
    static final String WRITE_ESTIMATE = "PT0.8S";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.funqy.export", "ingest-triage", "ingest.write-estimate", WRITE_ESTIMATE);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(GroqStub.class, Map.of(GroqStub.TIMEOUT, "PT5S")),
                new TestResourceEntry(DynaliteResource.class), new TestResourceEntry(S3MockResource.class));
    }
}
