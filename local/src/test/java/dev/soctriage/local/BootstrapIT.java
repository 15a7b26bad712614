package dev.soctriage.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.soctriage.servers.Dynalite;
import dev.soctriage.servers.LoopbackServer;
import dev.soctriage.servers.ProjectPaths;

/**
 * {@code target/lambda/bootstrap} as the contract says ("Start-up"): a function started through it uses
 * the start-up cache trained for it (the JVM maps the file), and a cache made by another JVM is no error:
 * the function answers without it and the bootstrap says so in exactly one line, the JVM in none;
 * {@code --check-cache} (what the container image's build runs after training) tells the two apart. Needs
 * {@code make build} (the assembled and trained target/lambda).
 */
class BootstrapIT {
    private static final String LIST_EVENT = """
            {"version":"2.0","routeKey":"GET /verdicts","rawPath":"/verdicts","rawQueryString":"","headers":{},
            "requestContext":{"http":{"method":"GET","path":"/verdicts"},"authorizer":{"jwt":{"claims":
            {"sub":"a","email":"analyst@localhost","cognito:groups":"[soc-analysts]"},"scopes":null}}},"isBase64Encoded":false}""";
    private static LoopbackServer dynalite;
    private static Map<String, String> env;

    @BeforeAll
    static void servers() {
        dynalite = Dynalite.start();
        env = LocalStack.functionEnv(dynalite.endpoint(), "http://127.0.0.1:9", Map.of());
    }

    @AfterAll
    static void stop() {
        if (dynalite != null) {
            dynalite.close();
        }
    }

    @Test
    void function_startsWithItsTrainedCache_andNothingIsSaid() throws Exception {
        Path work = ProjectPaths.root().resolve("target/bootstrap-it/trained");
        try (LambdaFunction f = LambdaFunction.startDeployed(LocalStack.LIST, env, work, false)) {
            RuntimeApiEmulator.Result r = f.invoke(LIST_EVENT, Duration.ofSeconds(120));
            assertFalse(r.error(), r.body());
            assertTrue(r.body().contains("\\\"items\\\""), r.body());
            assertTrue(mapped(f.pid()).contains(Bootstrap.cache(LocalStack.LIST).toString()),
                    "the JVM maps " + Bootstrap.cache(LocalStack.LIST));
            assertEquals(List.of(), startupLines(f.log()));
        }
    }

    @Test
    void cacheOfAnotherJvm_isNoError_theFunctionStartsWithoutIt_andItIsSaidOnce() throws Exception {
        // given a Java 25 that is not the one the cache was trained with: the same JDK under another
        // home whose release file names another build (what a patched runtime looks like to the bootstrap)
        Path jdk = otherJdk(ProjectPaths.root().resolve("target/bootstrap-it/jdk-25-patched"));
        Map<String, String> e = new HashMap<>(env);
        e.put("JAVA25_HOME", jdk.toString());
        Path work = ProjectPaths.root().resolve("target/bootstrap-it/other-jvm");
        try (LambdaFunction f = LambdaFunction.startDeployed(LocalStack.LIST, e, work, false)) {
            // when it is invoked
            RuntimeApiEmulator.Result r = f.invoke(LIST_EVENT, Duration.ofSeconds(180));
            // then it answers, without the cache, and one line says so
            assertFalse(r.error(), r.body());
            assertFalse(mapped(f.pid()).contains(Bootstrap.cache(LocalStack.LIST).toString()), "the cache is not used");
            List<String> said = startupLines(f.log());
            assertEquals(1, said.size(), "one line about the cache: " + said);
            assertTrue(said.get(0).startsWith("bootstrap: the start-up cache") && said.get(0).contains("another JVM"),
                    said.get(0));
        }
    }

    @Test
    void checkCache_passesForTheTrainedCache_andFailsForAnotherJvm() throws Exception {
        assertEquals(0, checkCache(Map.of()), "the cache make build trained");
        Path jdk = otherJdk(ProjectPaths.root().resolve("target/bootstrap-it/jdk-25-check"));
        assertEquals(1, checkCache(Map.of("JAVA25_HOME", jdk.toString())), "a cache of another JVM");
    }

    private static int checkCache(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Bootstrap.path().toString(), "--check-cache").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_FUNQY_EXPORT", LocalStack.APPROVE);
        return pb.start().waitFor();
    }

    @Test
    void unknownFunction_isRefusedWithWhatToSet() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Bootstrap.path().toString()).redirectErrorStream(true);
        pb.environment().put("QUARKUS_FUNQY_EXPORT", "ingest");
        pb.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(64, p.waitFor());
        assertTrue(out.contains("QUARKUS_FUNQY_EXPORT must be ingest-triage, list-pending or approve"), out);
    }

    /** The bootstrap's own lines and the JVM's AOT/CDS messages in a function's log. */
    private static List<String> startupLines(Path log) throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.startsWith("bootstrap:") || l.contains("][aot]") || l.contains("][cds]")).toList();
        }
    }

    private static String mapped(long pid) throws IOException {
        return Files.readString(Path.of("/proc/" + pid + "/maps"));
    }

    /** A home of symbolic links to the bootstrap's JDK, with a release file of another build. */
    private static Path otherJdk(Path home) throws Exception {
        if (Files.exists(home)) {
            assertEquals(0, new ProcessBuilder("rm", "-rf", home.toString()).inheritIO().start().waitFor());
        }
        Files.createDirectories(home.getParent());
        Path real = Path.of(System.getProperty("soc.java25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        if (System.getenv("JAVA25_HOME") != null) {
            real = Path.of(System.getenv("JAVA25_HOME"));
        }
        Process cp = new ProcessBuilder("cp", "-as", real.toRealPath().toString(), home.toString()).inheritIO().start();
        assertEquals(0, cp.waitFor());
        Path release = home.resolve("release");
        String text = Files.readString(release);
        Files.delete(release);
        Files.writeString(release, text.replaceAll("JAVA_RUNTIME_VERSION=\"[^\"]*\"", "JAVA_RUNTIME_VERSION=\"25.0.99+1-LTS\""));
        return home;
    }
}
