package dev.soctriage.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.soctriage.fixtures.ApiEvents;

/**
 * The second process of {@code ApprovalFlowTest#approve_createsOneExecution_whenCalledConcurrentlyFromTwoProcesses}:
 * started by {@link RivalApprover} in its own JVM, it boots the application against the first
 * process's servers, says it is ready, waits for the go signal, sends its approvals, and writes how
 * they were answered. Its name does not end in Test, so the ordinary test run does not pick it up
 * (it would only show as skipped there); it runs when RivalApprover selects it.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "rival.dir", matches = ".+")
@QuarkusTestResource(value = RivalEnvironmentResource.class, restrictToAnnotatedClass = true)
class RivalApprovals {
    @Inject
    VerdictApi api;

    @Test
    void rival_sendsItsApprovals_onTheGoSignal() throws Exception {
        Path dir = Path.of(System.getProperty("rival.dir"));
        String id = System.getProperty("rival.verdict");
        int callers = Integer.parseInt(System.getProperty("rival.callers"));
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return api.handle(ApiEvents.post("/verdicts/" + id + "/approve", "{}").asAnalyst().event(),
                        VerdictApi.Routes.DECIDE).statusCode();
            }));
        }
        Files.writeString(dir.resolve("ready"), "ready");
        long deadline = System.currentTimeMillis() + 120_000;
        while (!Files.exists(dir.resolve("go")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(1);
        }
        assertTrue(Files.exists(dir.resolve("go")), "no go signal from the first process");
        go.countDown();
        int ok = 0;
        int conflict = 0;
        int other = 0;
        for (Future<Integer> f : answers) {
            int s = f.get(60, TimeUnit.SECONDS);
            ok += s == 200 ? 1 : 0;
            conflict += s == 409 ? 1 : 0;
            other += s != 200 && s != 409 ? 1 : 0;
        }
        pool.shutdown();
        Files.writeString(dir.resolve("result"), ok + " " + conflict + " " + other);
    }
}
