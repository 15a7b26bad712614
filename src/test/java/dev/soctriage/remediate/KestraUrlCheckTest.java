package dev.soctriage.remediate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The start-time refusal of a clear-text KESTRA_URL that leaves the machine. */
class KestraUrlCheckTest {
    @Test
    void httpToAHostOffLoopback_isRefused_withTheReasonAndTheFix() {
        for (String url : List.of("http://kestra.example.com", "http://10.0.4.7:8080", "HTTP://kestra.internal/api",
                "http://127.0.0.1.example.com:8080", "http://[2001:db8::1]:8080")) {
            Optional<String> p = KestraUrlCheck.problem(url);
            assertTrue(p.isPresent(), url);
            assertTrue(p.get().contains("KESTRA_URL") && p.get().contains("https://"), p.get());
        }
    }

    @Test
    void httpsAnywhere_httpOnLoopback_andUnset_areAccepted() {
        for (String url : List.of("https://kestra.example.com", "http://localhost:8080", "http://127.0.0.1:18080",
                "http://127.8.9.10", "http://[::1]:8080", "")) {
            assertEquals(Optional.empty(), KestraUrlCheck.problem(url), url);
        }
    }
}
