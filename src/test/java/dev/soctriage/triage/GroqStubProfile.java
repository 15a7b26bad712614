package dev.soctriage.triage;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

import dev.soctriage.fixtures.GroqStub;

/** The one profile of the triage tests: a model configured against {@link GroqStub}. */
public class GroqStubProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(GroqStub.class));
    }
}
