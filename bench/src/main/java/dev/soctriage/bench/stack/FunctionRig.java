package dev.soctriage.bench.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import dev.soctriage.local.LambdaFunction;
import dev.soctriage.local.LocalGateway;
import dev.soctriage.local.LocalHttp;
import dev.soctriage.local.LocalStack;
import dev.soctriage.local.SampleEvents;
import dev.soctriage.servers.Dynalite;
import dev.soctriage.servers.KestraFake;
import dev.soctriage.servers.LoopbackServer;
import dev.soctriage.servers.ProjectPaths;

/**
 * What a function JVM started alone needs around it (ColdStart, StartProfile): dynalite, the Kestra fake, and
 * the local gateway in front of whichever function is {@link #serve served} now; and each function's first
 * request, the same for every bench: list-pending's {@code GET /verdicts}, approve's {@code POST approve},
 * ingest-triage's direct event of the sample access log (the rules engine).
 */
final class FunctionRig implements AutoCloseable {
    private final AtomicReference<LambdaFunction> reads = new AtomicReference<>();
    private final AtomicReference<LambdaFunction> decisions = new AtomicReference<>();
    private final LoopbackServer dynalite;
    private final KestraFake kestra;
    private final LocalGateway gateway;
    private final LocalHttp http = new LocalHttp();

    FunctionRig() {
        dynalite = Dynalite.start();
        kestra = new KestraFake(KestraFake.Auth.basic(LocalStack.KESTRA_USER, LocalStack.KESTRA_PASSWORD),
                LocalStack.KESTRA_NAMESPACE, line -> { });
        gateway = new LocalGateway(0, (e, t) -> reads.get().invoke(e, t), (e, t) -> decisions.get().invoke(e, t),
                "cognito:groups", System.err::println);
        createTable();
    }

    /**
     * The table, made once by a function started with {@code SOC_CREATE_TABLE=true} (not measured), so that
     * the measured starts find it there, as deployed functions do (the templates own the table in AWS).
     */
    private void createTable() {
        Map<String, String> env = LocalStack.functionEnv(dynalite.endpoint(), kestra.url(), Map.of());
        Path work = ProjectPaths.root().resolve("target/function-rig");
        try (LambdaFunction f = LambdaFunction.startDeployed(LocalStack.LIST, env, work, false)) {
            f.api().firstPoll().get(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the table", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("list-pending did not start to create the table (see " + work + ")", e);
        }
    }

    /**
     * The environment every function gets here: LocalStack's, without user settings, and as deployed no
     * table creation at start (the rig made it).
     */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>(LocalStack.functionEnv(dynalite.endpoint(), kestra.url(), Map.of()));
        env.put("SOC_CREATE_TABLE", "false");
        return env;
    }

    String gatewayUrl() {
        return gateway.url();
    }

    LocalHttp http() {
        return http;
    }

    /** The gateway's reads (list-pending's routes) go to {@code f} from now on. */
    void serveReads(LambdaFunction f) {
        reads.set(f);
    }

    /** Both the gateway's reads and decisions go to {@code f} from now on (one function JVM at a time). */
    void serve(LambdaFunction f) {
        reads.set(f);
        decisions.set(f);
    }

    /** The function's first request, through the gateway or directly; what came back, in a few words. */
    String firstRequest(String function, LambdaFunction f, String directLabel) {
        return switch (function) {
            case LocalStack.LIST -> "GET /verdicts -> " + http.get(gateway.url() + "/verdicts").status();
            case LocalStack.APPROVE -> "POST approve -> " + http.post(gateway.url()
                    + "/verdicts/v_00000000000000000000000000000000/approve", "{}").status();
            default -> directLabel + " -> error=" + f.invoke(freshDelivery(), Duration.ofSeconds(120)).error();
        };
    }

    /**
     * The sample access log under a source of its own: each start triages a new delivery (the same event
     * again would be answered from its delivery marker, as a redelivery is, without parsing or grouping).
     */
    private static String freshDelivery() {
        return SampleEvents.directAccessLog().replace("\"source\":\"" + SampleEvents.ACCESS_SOURCE + "\"",
                "\"source\":\"" + SampleEvents.ACCESS_SOURCE + "/" + System.nanoTime() + "\"");
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            try {
                kestra.close();
            } finally {
                dynalite.close();
            }
        }
    }
}
