package dev.soctriage.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Lambda function as it runs in AWS, talking to its own {@link RuntimeApiEmulator}: started through
 * {@code target/lambda/bootstrap} ({@link #startDeployed}: the deployed JVM, flags, jars and start-up
 * cache; docs/startup.md), or, for tests of the emulator and for the Java 17 comparison of
 * {@code ColdStart}, as a JVM of this machine's Java running the Runtime Interface Client
 * ({@code AWSLambda}) with a handler string ({@link #start}). Output goes to a log file; when the
 * process dies, whoever waits on the emulator is told at once.
 */
public final class LambdaFunction implements AutoCloseable {
    /**
     * The flags of the Java 17 start the project used before target/lambda/bootstrap (kept for the
     * comparison in {@code ColdStart}): C1 only, the serial collector, AppCDS.
     */
    public static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xshare:auto", "-Djava.net.preferIPv4Stack=true");
    private static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /**
     * Without it, every runtime client copies its JNI library to the same /tmp/.libaws-lambda-jni.so
     * while others have it mapped: with several functions starting at once that ends in SIGBUS.
     */
    private static final String NATIVE_CLIENT_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private final String name;
    private final RuntimeApiEmulator api;
    private final Process process;
    private final Path log;
    private final long startedAt;
    private final AppCds training;
    /** Only a JVM that did real work leaves a useful AppCDS archive behind. */
    private volatile boolean servedOnce;

    private LambdaFunction(String name, RuntimeApiEmulator api, Process process, Path log, long startedAt,
            AppCds training) {
        this.training = training;
        this.name = name;
        this.api = api;
        this.process = process;
        this.log = log;
        this.startedAt = startedAt;
    }

    /**
     * Starts {@code handler} from {@code classpath} with the given environment (added to a minimal one:
     * PATH, HOME, and what Lambda itself sets). The working directory is an empty folder, as the RIC
     * adds the working directory (Lambda's task root) to the function's class loader.
     */
    public static LambdaFunction start(String name, List<Path> classpath, String handler, Map<String, String> env,
            Path workDir) {
        return start(name, classpath, handler, env, workDir, false);
    }

    /**
     * As {@link #start(String, List, String, Map, Path)}, using the shared AppCDS archive of these jars
     * when there is one; with {@code trainCds} and none yet, this JVM writes it when it exits.
     */
    public static LambdaFunction start(String name, List<Path> classpath, String handler, Map<String, String> env,
            Path workDir, boolean trainCds) {
        RuntimeApiEmulator api = new RuntimeApiEmulator(name);
        try {
            Path root = Files.createDirectories(workDir.resolve(name));
            Path log = workDir.resolve(name + ".log");
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(JVM_FLAGS);
            AppCds.Plan cds = AppCds.plan(classpath, JVM_FLAGS, trainCds);
            cmd.addAll(cds.flags());
            cmd.add("-Xlog:cds=off,cds+dynamic=off");
            cmd.add("-D" + NATIVE_CLIENT_PROPERTY + "=" + nativeClientLibrary(workDir));
            cmd.add("-cp");
            cmd.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
            cmd.add(RIC_MAIN);
            cmd.add(handler);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> e = lambdaEnv(pb, api, name, root, handler);
            e.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
            e.putAll(env);
            long startedAt = System.currentTimeMillis();
            Process process = pb.start();
            process.onExit().thenAccept(p -> api.functionDied("exited with " + p.exitValue() + " (see " + log + ")"));
            return new LambdaFunction(name, api, process, log, startedAt, cds.training());
        } catch (IOException e) {
            api.close();
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    /**
     * Starts a function of the packaged application as it is deployed: {@code target/lambda/bootstrap}
     * with {@code QUARKUS_FUNQY_EXPORT=name} and the given environment (added to what Lambda sets).
     * With {@code train}, the JVM writes the function's start-up cache when it exits ({@link #stop}).
     */
    public static LambdaFunction startDeployed(String name, Map<String, String> env, Path workDir, boolean train) {
        Path bootstrap = Bootstrap.path();
        RuntimeApiEmulator api = new RuntimeApiEmulator(name);
        try {
            Path root = Files.createDirectories(workDir.resolve(name));
            Path log = workDir.resolve(name + ".log");
            ProcessBuilder pb = new ProcessBuilder(bootstrap.toString()).directory(root.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> e = lambdaEnv(pb, api, name, root, LocalStack.HANDLER);
            e.put("AWS_EXECUTION_ENV", "AWS_Lambda_Image");
            String java25 = System.getenv("JAVA25_HOME");
            if (java25 != null && !java25.isBlank()) {
                e.put("JAVA25_HOME", java25);
            }
            e.putAll(env);
            e.put("QUARKUS_FUNQY_EXPORT", name);
            if (train) {
                e.put("SOC_AOT_TRAIN", "1");
            }
            long startedAt = System.currentTimeMillis();
            Process process = pb.start();
            process.onExit().thenAccept(p -> api.functionDied("exited with " + p.exitValue() + " (see " + log + ")"));
            return new LambdaFunction(name, api, process, log, startedAt, null);
        } catch (IOException e) {
            api.close();
            throw new IllegalStateException("cannot start " + name + " with " + bootstrap, e);
        }
    }

    /** What Lambda's service sets for a runtime, on top of a minimal environment (PATH, HOME, ...). */
    private static Map<String, String> lambdaEnv(ProcessBuilder pb, RuntimeApiEmulator api, String name, Path root,
            String handler) {
        Map<String, String> e = pb.environment();
        e.keySet().retainAll(List.of("PATH", "HOME", "LANG", "TZ"));
        e.put("AWS_LAMBDA_RUNTIME_API", api.address());
        e.put("AWS_LAMBDA_FUNCTION_NAME", name);
        e.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        e.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        e.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
        e.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        e.put("LAMBDA_TASK_ROOT", root.toString());
        e.put("_HANDLER", handler);
        return e;
    }

    /**
     * Asks the function's JVM alone to stop (SIGTERM) and waits for it to exit: a training JVM then
     * writes its cache, in a child JVM that must not be stopped with it.
     *
     * @return true when it exited within {@code timeout}
     */
    public boolean stop(Duration timeout) {
        process.destroy();
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            api.close();
        }
    }

    /**
     * Unpacks the runtime client's JNI library for this machine into {@code dir} once: written aside,
     * then moved into place atomically, so a JVM that has the previous copy mapped keeps it intact.
     */
    static synchronized Path nativeClientLibrary(Path dir) throws IOException {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> throw new IllegalStateException("the AWS runtime client has no JNI library for "
                    + System.getProperty("os.arch"));
        };
        boolean musl = Files.exists(Path.of("/lib/ld-musl-" + (arch.equals("x86_64") ? "x86_64" : "aarch64") + ".so.1"));
        String resource = "/jni/libaws-lambda-jni.linux" + (musl ? "_musl-" : "-") + arch + ".so";
        Files.createDirectories(dir);
        Path lib = dir.resolve("libaws-lambda-jni.so");
        Path aside = Files.createTempFile(dir, ".libaws-lambda-jni", ".so");
        try (var in = Class.forName(RIC_MAIN).getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not in the runtime client jar");
            }
            Files.copy(in, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(aside, lib, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the AWS runtime client is not on the class path", e);
        } finally {
            Files.deleteIfExists(aside);
        }
        return lib;
    }

    public String name() {
        return name;
    }

    public RuntimeApiEmulator api() {
        return api;
    }

    public Path log() {
        return log;
    }

    /** Epoch ms when the JVM was spawned. */
    public long startedAt() {
        return startedAt;
    }

    public RuntimeApiEmulator.Result invoke(String eventJson, Duration timeout) {
        RuntimeApiEmulator.Result r = api.invoke(eventJson, timeout);
        if (!r.error()) {
            servedOnce = true;
        }
        return r;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        ProcessTree.destroy(process.toHandle(), Duration.ofSeconds(training == null ? 5 : 20));
        api.close();
        if (training != null) {
            training.publish(servedOnce);
        }
    }

    /** Ends a process and everything it started: politely first, then forcibly. */
    static final class ProcessTree {
        private ProcessTree() {
        }

        static void destroy(ProcessHandle root, Duration grace) {
            List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
            all.add(root);
            all.forEach(ProcessHandle::destroy);
            for (ProcessHandle h : all) {
                try {
                    h.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException stillAlive) {
                    h.destroyForcibly();
                } catch (InterruptedException e) {
                    h.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
