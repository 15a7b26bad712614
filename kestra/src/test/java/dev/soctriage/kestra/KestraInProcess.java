package dev.soctriage.kestra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.kestra.core.runners.TestRunner;

import io.micronaut.context.ApplicationContext;

/**
 * One Kestra per test JVM, the way Kestra's own {@code @KestraTest(startRunner = true)} runs it:
 * a STANDALONE server with the in-memory repository and queue (H2 in memory), local storage
 * in a temporary directory, and the worker talking to its controller over gRPC on a free
 * loopback port. Started lazily (≈25 s) and shared by every test class of the run; the
 * validation tests only need the context, not the runner.
 */
final class KestraInProcess {
    private static ApplicationContext context;
    private static boolean runnerStarted;
    private static Path storage;

    private KestraInProcess() {
    }

    /** The application context, started on first use. */
    static synchronized ApplicationContext context() {
        if (context == null) {
            context = ApplicationContext.builder()
                .deduceEnvironment(false)
                .properties(properties())
                .start();
            if (!(context.getBean(io.kestra.core.secret.SecretService.class) instanceof TestSecrets)) {
                throw new IllegalStateException("the test secret backend did not replace Kestra's");
            }
            Runtime.getRuntime().addShutdownHook(new Thread(KestraInProcess::close, "kestra-in-process-close"));
        }
        return context;
    }

    /** The context with Kestra's executor, worker controller, worker and indexer running. */
    static synchronized ApplicationContext runningContext() {
        ApplicationContext ctx = context();
        if (!runnerStarted) {
            TestRunner runner = ctx.getBean(TestRunner.class);
            runner.setSchedulerEnabled(false);
            runner.run();
            runnerStarted = true;
        }
        return ctx;
    }

    private static synchronized void close() {
        if (context != null && context.isRunning()) {
            context.close();
        }
        if (storage != null) {
            try (var files = Files.walk(storage)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                System.err.println("could not delete Kestra's test storage " + storage + ": " + e.getMessage());
            }
        }
    }

    private static Map<String, Object> properties() {
        int grpcPort = freePort();
        try {
            storage = Files.createTempDirectory("soc-kestra-storage");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> p = new HashMap<>();
        p.put("kestra.server-type", "STANDALONE");
        p.put("kestra.repository.type", "memory");
        p.put("kestra.queue.type", "memory");
        p.put("kestra.storage.type", "local");
        p.put("kestra.storage.local.base-path", storage.toString());
        p.put("kestra.anonymous-usage-report.enabled", false);
        // base64 of a 32-byte AES key: encrypts the token answer in the outputs (Request.encryptBody)
        p.put("kestra.encryption.secret-key", "c29jLXRyaWFnZS1rZXN0cmEtdGVzdC1rZXktMzJjaHI=");
        p.put("kestra.server.liveness.enabled", false);
        p.put("kestra.controller.port", grpcPort);
        p.put("kestra.worker.controllers.type", "STATIC");
        p.put("kestra.worker.controllers.static.endpoints[0].host", "localhost");
        p.put("kestra.worker.controllers.static.endpoints[0].port", grpcPort);
        p.put("kestra.server.service.purge.initial-delay", "1h");
        p.put("kestra.server.service.purge.fixed-delay", "1h");
        p.put("kestra.queues.min-poll-interval", "10ms");
        p.put("kestra.queues.max-poll-interval", "100ms");
        p.put("kestra.queues.poll-switch-interval", "5s");
        return p;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
