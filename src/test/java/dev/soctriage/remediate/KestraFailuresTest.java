package dev.soctriage.remediate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLHandshakeException;

import jakarta.ws.rs.ProcessingException;

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

    /**
     * The cause chains the REST client produces (seen on this machine against refusing, resetting,
     * silent and non-TLS servers), by type; the real failures are tested end to end in
     * DispatchFailureTest and KestraClientTest.
     */
    @Test
    void classify_byTheTypesOnTheCauseChain() {
        for (Throwable notSent : new Throwable[] {
                new ProcessingException(new ConnectException("Connection refused: /127.0.0.1:1")),
                new ProcessingException(new io.netty.channel.ConnectTimeoutException("connection timed out")),
                new ProcessingException(new UnknownHostException("kestra.invalid")),
                new ProcessingException(new SSLHandshakeException("Failed to create SSL connection")) }) {
            KestraFailures.Unanswered u = KestraFailures.classify(notSent, config);
            assertFalse(u.sent(), notSent.getCause().toString());
            assertTrue(u.shown().endsWith("nothing was sent"), u.shown());
        }
        for (Throwable sent : new Throwable[] {
                new ProcessingException(new TimeoutException("The timeout period of 1000ms has been exceeded")),
                new ProcessingException(new SocketException("Connection reset")),
                new ProcessingException(new IOException("Connection was closed")),
                new ProcessingException(new com.fasterxml.jackson.core.JsonParseException(null, "Unexpected character")),
                new ProcessingException("no cause at all") }) {
            assertTrue(KestraFailures.classify(sent, config).sent(), String.valueOf(sent.getCause()));
        }
        assertEquals("Kestra did not answer within 1 s (KESTRA_TIMEOUT)", KestraFailures.classify(
                new ProcessingException(new TimeoutException("for server 127.0.0.1:1")), config).shown());
    }

    @Test
    void scrub_keepsWhatIsNoAddress() {
        for (String kept : new String[] { "Flow 'soc.remediation.block-ip' not found", "failed at 12:30:45",
                "Invalid input for 'target'", "label verdictId:v_1 refused", "version 2.0.0" }) {
            assertEquals(kept, KestraFailures.scrub(kept, config));
        }
    }
}
