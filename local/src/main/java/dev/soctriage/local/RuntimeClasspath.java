package dev.soctriage.local;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.soctriage.servers.ProjectPaths;

/**
 * The jars a function JVM runs from: the packaged application (legacy jar: {@code *-runner.jar}, whose
 * manifest names {@code target/lib/}) plus the Runtime Interface Client, located through this JVM's own
 * class path (a dependency of local/pom.xml), so this works under Maven, failsafe and {@code java -jar}.
 */
public final class RuntimeClasspath {
    private RuntimeClasspath() {
    }

    /** What a function JVM of the packaged application runs from: the runner jar, then the runtime client. */
    public static List<Path> packagedFunction() {
        List<Path> cp = new java.util.ArrayList<>();
        cp.add(runnerJar());
        cp.addAll(runtimeInterfaceClient());
        return cp;
    }

    /** The Runtime Interface Client and the serialization jar it needs (aws-lambda-java-core is in lib/). */
    public static List<Path> runtimeInterfaceClient() {
        return List.of(jarOf("com.amazonaws.services.lambda.runtime.api.client.AWSLambda"),
                jarOf("com.amazonaws.services.lambda.runtime.serialization.PojoSerializer"));
    }

    /**
     * What the packaged application's lib/ gives the runtime client, for a handler outside it:
     * aws-lambda-java-core and the AWS SDK's utils-lite.
     */
    public static List<Path> standaloneSupport() {
        return List.of(jarOf("com.amazonaws.services.lambda.runtime.RequestStreamHandler"),
                jarOf("software.amazon.awssdk.utilslite.SdkInternalThreadLocal"));
    }

    /** {@code target/*-runner.jar}; fails with what to do when the application is not packaged. */
    public static Path runnerJar() {
        Path target = ProjectPaths.root().resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/*-runner.jar: package the application first"
                            + " (mvn -B -q package -DskipTests, which `make run` does)"));
        } catch (IOException e) {
            throw new IllegalStateException("no target/ folder: package the application first (make run does)", e);
        }
    }

    static Path jarOf(String className) {
        try {
            Class<?> c = Class.forName(className, false, RuntimeClasspath.class.getClassLoader());
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException(className + " is not on the class path (a dependency of local/pom.xml)", e);
        }
    }
}
