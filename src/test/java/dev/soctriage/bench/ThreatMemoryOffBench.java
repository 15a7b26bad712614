package dev.soctriage.bench;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link ThreatMemoryBench}'s traffic with the memory of confirmed threats off
 * ({@code TRIAGE_MEMORY_THREATS=false}): what the same two hours cost without it, beside it in the table.
 */
@QuarkusTest
@TestProfile(ThreatMemoryOffBench.Off.class)
@EnabledIfSystemProperty(named = "soc.bench", matches = "true")
class ThreatMemoryOffBench extends ThreatMemoryBench {

    public static class Off extends VolumeBenchProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> m = new HashMap<>(super.getConfigOverrides());
            m.put("triage.memory.threats", "false");
            return m;
        }
    }

    @Override
    String title() {
        return "ThreatMemoryBench, memory of confirmed threats off";
    }

    @Override
    String file() {
        return "threat-memory-off-bench.md";
    }
}
