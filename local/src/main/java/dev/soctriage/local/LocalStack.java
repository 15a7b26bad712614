package dev.soctriage.local;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import dev.soctriage.servers.Dynalite;
import dev.soctriage.servers.KestraFake;
import dev.soctriage.servers.LoopbackServer;
import dev.soctriage.servers.ProjectPaths;

/**
 * soc-triage on one machine, as AWS runs it (what {@code make run} starts): dynalite for DynamoDB,
 * the three functions of the packaged application each started as deployed, through
 * {@code target/lambda/bootstrap} (the AWS Runtime Interface Client, Java 25, the function's start-up
 * cache), with its own Runtime API, the HTTP API on {@link LocalGateway}, and {@link KestraFake} for
 * Kestra. No AWS account, no API key.
 *
 * <p>{@link #main} also ingests the sample logs, lists the verdicts, prints what to try, and runs until
 * Ctrl-C; with {@code SOC_RUN_DEMO=1} (or {@code --demo}) it approves the brute-force verdict, shows the
 * Kestra call, and exits (0 when everything behaved).
 */
public final class LocalStack implements AutoCloseable {
    public static final String INGEST = "ingest-triage";
    public static final String LIST = "list-pending";
    public static final String APPROVE = "approve";
    public static final String HANDLER = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest";
    public static final String KESTRA_USER = "local";
    public static final String KESTRA_PASSWORD = "local-only-password";
    public static final String KESTRA_NAMESPACE = "soc.remediation";
    /** Contract variables a user may set for a local run; passed to the functions when set. */
    private static final List<String> PASSED_THROUGH = List.of("GROQ_API_KEY", "GROQ_BASE_URL", "GROQ_MODEL",
            "GROQ_RESPONSE_FORMAT", "ALLOWLIST_CIDRS", "ANALYST_GROUP", "ANALYST_GROUPS_CLAIM", "REMEDIATION_GROUP",
            "VERDICTS_TABLE", "DETECTION_RULES");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration INGEST_TIMEOUT = Duration.ofSeconds(300);

    /**
     * @param port     the gateway's port (0: any free one)
     * @param env      the caller's environment; only {@link #PASSED_THROUGH} names are read from it
     * @param workDir  where function logs go
     * @param out      progress lines
     */
    public record Options(int port, Map<String, String> env, Path workDir, Consumer<String> out) {
    }

    private final Options options;
    private final List<AutoCloseable> started = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
    private final Map<String, Long> readyMillis = new LinkedHashMap<>();
    private final Map<String, String> failures = new LinkedHashMap<>();
    private LoopbackServer dynalite;
    private KestraFake kestra;
    private LocalGateway gateway;

    private LocalStack(Options options) {
        this.options = options;
    }

    /**
     * Starts everything and returns once every function has initialised or failed to (see
     * {@link #failures()}); throws, having stopped it all, when nothing could start.
     */
    public static LocalStack start(Options options) {
        LocalStack s = new LocalStack(options);
        try {
            s.startAll();
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void startAll() {
        Bootstrap.path(); // fails with what to do before anything starts
        try {
            Files.createDirectories(options.workDir());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + options.workDir(), e);
        }
        dynalite = track(Dynalite.start());
        kestra = track(new KestraFake(KestraFake.Auth.basic(KESTRA_USER, KESTRA_PASSWORD), KESTRA_NAMESPACE,
                options.out()));
        Map<String, String> env = functionEnv(dynalite.endpoint(), kestra.url(), options.env());
        for (String name : List.of(INGEST, LIST, APPROVE)) {
            functions.put(name, track(LambdaFunction.startDeployed(name, env, options.workDir(), false)));
        }
        String groupsClaim = options.env().getOrDefault("ANALYST_GROUPS_CLAIM", "cognito:groups");
        gateway = track(new LocalGateway(options.port(), functions.get(LIST)::invoke, functions.get(APPROVE)::invoke,
                (event, timeout) -> functions.get(INGEST).invoke(event, timeout), consoleDir(options.env()),
                groupsClaim, options.out()));
        for (LambdaFunction f : functions.values()) {
            try {
                readyMillis.put(f.name(), awaitReady(f) - f.startedAt());
            } catch (IllegalStateException e) {
                failures.put(f.name(), e.getMessage());
            }
        }
        if (failures.size() == functions.size()) {
            throw new IllegalStateException("no function started:\n" + String.join("\n", failures.values()));
        }
    }

    /**
     * The environment every function gets (plus QUARKUS_FUNQY_EXPORT): local servers, dummy
     * credentials, and the contract variables the user set (the Groq key only when set; never printed).
     */
    public static Map<String, String> functionEnv(String dynamoEndpoint, String kestraUrl, Map<String, String> userEnv) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynamoEndpoint);
        env.put("SOC_CREATE_TABLE", "true");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("KESTRA_URL", kestraUrl);
        env.put("KESTRA_USERNAME", KESTRA_USER);
        env.put("KESTRA_PASSWORD", KESTRA_PASSWORD);
        for (String name : PASSED_THROUGH) {
            String v = userEnv.get(name);
            if (v != null && !v.isEmpty()) {
                env.put(name, v);
            }
        }
        return env;
    }

    /** The built analyst console (`make build` writes it): SOC_CONSOLE_DIR, else target/webui. */
    static Path consoleDir(Map<String, String> env) {
        String dir = env.get("SOC_CONSOLE_DIR");
        return dir != null && !dir.isBlank() ? Path.of(dir) : ProjectPaths.root().resolve("target/webui");
    }

    private long awaitReady(LambdaFunction f) {
        try {
            return f.api().firstPoll().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage() + causes(f.log()), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(f.name() + " did not poll for work within " + READY_TIMEOUT.toSeconds()
                    + " s; its log: " + f.log(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + f.name(), e);
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    public String gatewayUrl() {
        return gateway.url();
    }

    public KestraFake kestra() {
        return kestra;
    }

    public LambdaFunction function(String name) {
        return functions.get(name);
    }

    /** Spawn → first poll of the Runtime API (the function initialised), per function, in ms. */
    public Map<String, Long> initMillis() {
        return Map.copyOf(readyMillis);
    }

    /** The functions that did not start, with why (their log's last lines). */
    public Map<String, String> failures() {
        return Map.copyOf(failures);
    }

    /** Invokes {@code ingest-triage} directly, as its event sources do. */
    public RuntimeApiEmulator.Result ingest(String eventJson) {
        return functions.get(INGEST).invoke(eventJson, INGEST_TIMEOUT);
    }

    /** The "Caused by" lines of a function's log, the short story of why it failed. */
    static String causes(Path log) {
        try (var lines = Files.lines(log)) {
            List<String> causes = lines.filter(l -> l.startsWith("Caused by: ")).distinct().toList();
            return causes.isEmpty() ? "" : "\n    " + String.join("\n    ", causes);
        } catch (IOException | java.io.UncheckedIOException e) {
            return " (cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        List<AutoCloseable> reversed = new ArrayList<>(started);
        java.util.Collections.reverse(reversed);
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (AutoCloseable c : reversed) {
            closing.add(CompletableFuture.runAsync(() -> {
                try {
                    c.close();
                } catch (Exception e) {
                    options.out().accept("local: could not stop " + c.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }));
        }
        closing.forEach(CompletableFuture::join);
        started.clear();
    }

    public static void main(String[] args) {
        long t0 = startOfRun();
        Map<String, String> env = System.getenv();
        boolean demo = "1".equals(env.get("SOC_RUN_DEMO")) || List.of(args).contains("--demo");
        int port = Integer.parseInt(env.getOrDefault("SOC_PORT", "8787"));
        Consumer<String> out = System.out::println;
        Path workDir = ProjectPaths.root().resolve(".local/run");
        LocalStack stack = new LocalStack(new Options(port, env, workDir, out));
        CountDownLatch stopped = new CountDownLatch(1);
        // registered before anything starts, so Ctrl-C during start-up leaves no process behind
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.accept("local: stopping (functions, gateway, Kestra stand-in, dynalite)");
            stack.close();
            stopped.countDown();
        }, "local-shutdown"));
        try {
            stack.startAll();
        } catch (RuntimeException e) {
            System.err.println("local: " + e.getMessage());
            System.exit(1);
            return;
        }
        int status;
        try {
            status = new LocalRun(stack, out, t0).run(demo, workDir,
                    env.get("GROQ_API_KEY") != null && !env.get("GROQ_API_KEY").isEmpty());
        } catch (RuntimeException e) {
            System.err.println("local: " + e);
            status = 1;
            demo = true; // nothing sensible to keep running for
        }
        if (demo) {
            System.exit(status);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code SOC_RUN_T0} (epoch ms, set by {@code make run} before it builds) or this JVM's start. */
    private static long startOfRun() {
        String t0 = System.getenv("SOC_RUN_T0");
        if (t0 != null && t0.matches("\\d{13}")) {
            return Long.parseLong(t0);
        }
        return ManagementFactory.getRuntimeMXBean().getStartTime();
    }
}
