package dev.soctriage.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.soctriage.servers.ProjectPaths;

/**
 * The Runtime API emulator against the real AWS Runtime Interface Client in its own JVM (the same
 * launch as {@code make run}), with a tiny echo handler instead of the packaged application.
 */
class RuntimeApiEmulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LambdaFunction echo;

    @BeforeAll
    static void startEchoFunction() {
        List<Path> cp = new ArrayList<>();
        cp.add(RuntimeClasspath.jarOf(EchoHandler.class.getName()));
        cp.addAll(RuntimeClasspath.standaloneSupport());
        cp.addAll(RuntimeClasspath.runtimeInterfaceClient());
        echo = LambdaFunction.start("echo", cp, EchoHandler.class.getName() + "::handleRequest", Map.of(),
                ProjectPaths.root().resolve("target/local-test"));
    }

    @AfterAll
    static void stop() {
        echo.close();
    }

    @Test
    void invoke_deliversTheEventAndReturnsTheAnswer_againAndAgain() throws Exception {
        // given a function that has answered once (the runtime is now long-polling for the next event)
        for (int i = 0; i < 3; i++) {
            // when an event is sent
            String event = "{\"n\":" + i + ",\"text\":\"caf\u00e9 \\\"quoted\\\"\"}";
            RuntimeApiEmulator.Result r = echo.invoke(event, Duration.ofSeconds(60));
            // then the handler saw exactly that event, with a request id from the Runtime API
            assertFalse(r.error(), r.body());
            JsonNode answer = JSON.readTree(r.body());
            assertEquals(JSON.readTree(event), JSON.readTree(answer.get("body").asText()));
            assertFalse(answer.at("/headers/x-request-id").asText().isBlank());
        }
    }

    @Test
    void invoke_reportsAnErrorResult_whenTheHandlerThrows_andTheFunctionKeepsServing() throws Exception {
        // when the handler throws
        RuntimeApiEmulator.Result failed = echo.invoke("{\"please-fail\":true}", Duration.ofSeconds(60));
        // then the runtime reported /error with Lambda's error document
        assertTrue(failed.error());
        assertEquals("asked to fail", JSON.readTree(failed.body()).get("errorMessage").asText());
        // and the next invocation is served normally
        assertFalse(echo.invoke("{\"ok\":true}", Duration.ofSeconds(60)).error());
    }
}
