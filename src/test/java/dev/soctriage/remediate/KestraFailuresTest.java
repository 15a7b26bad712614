package dev.soctriage.remediate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.soctriage.fixtures.TestKestraConfig;

/** The text of Kestra's (or a proxy's) error answers, as the verdict keeps it: no hosts, addresses or ports. */
class KestraFailuresTest {
    private final KestraConfig config = TestKestraConfig.basic("https://kestra.corp.example:8443", Duration.ofSeconds(1));

    @Test
    void scrub_removesUrlsAddressesPortsAndKestrasHost() {
        assertEquals("db [address] refused, see [url]; [address] and [address], [address]; [kestra] busy",
                KestraFailures.scrub("db kestra-db.internal:5432 refused, see https://kestra.corp.example:8443/ui; "
                        + "10.1.2.3 and [fd00::5]:8080, fe80::1; KESTRA.corp.example busy", config));
        assertEquals("Connection refused: localhost/[address]",
                KestraFailures.scrub("Connection refused: localhost/127.0.0.1:5432", config));
    }

    @Test
    void scrub_keepsWhatIsNoAddress() {
        for (String kept : new String[] { "Flow 'soc.remediation.block-ip' not found", "failed at 12:30:45",
                "Invalid input for 'target'", "label verdictId:v_1 refused", "version 2.0.0" }) {
            assertEquals(kept, KestraFailures.scrub(kept, config));
        }
    }
}
