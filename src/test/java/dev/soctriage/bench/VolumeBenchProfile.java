package dev.soctriage.bench;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

import dev.soctriage.fixtures.DynaliteResource;
import dev.soctriage.fixtures.GroqStub;
import dev.soctriage.fixtures.S3MockResource;

/**
 * ingest-triage as deployed, with its default limits (time budget, concurrency 8, breaker, memory 24 h),
 * against a WireMock Groq (the bench sets its delay), dynalite and S3Mock on loopback.
 */
public class VolumeBenchProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        // GroqStub's test settings (1 s timeout, concurrency 3, 2 s cooldown) are put back to the defaults
        return Map.of("quarkus.funqy.export", "ingest-triage", "triage.llm.timeout", "PT10S",
                "triage.llm.backoff", "PT0.5S", "triage.llm.concurrency", "8", "triage.llm.breaker-cooldown", "PT30S",
                "guard.allowlist-cidrs", "");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(GroqStub.class), new TestResourceEntry(DynaliteResource.class),
                new TestResourceEntry(S3MockResource.class));
    }
}
