package dev.soctriage.kestra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The flow files of {@code kestra/flows}, read from disk as they are deployed. */
final class FlowFiles {
    /** The module's base directory is {@code kestra/}: Maven runs the tests there. */
    static final Path ROOT = Path.of("flows");

    /**
     * Provider subflows built on Kestra's AWS plugin ({@code io.kestra.plugin.aws.*}). That plugin is
     * not published to Maven Central, so these flows can be neither run nor validated here: Kestra
     * rejects a flow whose task type it does not know. Checked on a Kestra with the AWS plugin.
     */
    static final Map<String, String> NOT_VALIDATED_HERE = Map.of(
        "providers/aws-waf-block-ip.yaml", "needs Kestra's AWS plugin (io.kestra.plugin.aws.cli.AwsCLI), not on Maven Central",
        "providers/aws-iam-disable-user.yaml", "needs Kestra's AWS plugin (io.kestra.plugin.aws.cli.AwsCLI), not on Maven Central",
        "providers/aws-cognito-disable-user.yaml", "needs Kestra's AWS plugin (io.kestra.plugin.aws.cli.AwsCLI), not on Maven Central");

    private FlowFiles() {
    }

    /** Every flow file, relative to {@link #ROOT}, sorted. */
    static List<String> all() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile)
                .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                .map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
                .sorted()
                .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The flow files Kestra 2.0.0 with only its core plugins can load. */
    static List<String> runnableHere() {
        return all().stream().filter(f -> !NOT_VALIDATED_HERE.containsKey(f)).toList();
    }

    static String read(String relative) {
        try {
            return Files.readString(ROOT.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
