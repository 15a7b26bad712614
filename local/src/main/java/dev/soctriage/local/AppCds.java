package dev.soctriage.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import dev.soctriage.servers.ProjectPaths;

/**
 * A dynamic AppCDS archive shared by the function JVMs (Java 17: {@code -XX:ArchiveClassesAtExit}, then
 * {@code -XX:SharedArchiveFile}): the first run trains it in one function, later runs start faster.
 * The archive is keyed by the JVM, the launch flags and the size and time of every jar (AppCDS
 * silently ignores an archive whose jars changed), so a rebuilt application trains a new one.
 */
final class AppCds {
    private final Path archive;
    private final Path part;

    private AppCds(Path archive, Path part) {
        this.archive = archive;
        this.part = part;
    }

    /** Flags to use the archive when there is one; else, when {@code train}, flags that write it at exit. */
    static Plan plan(List<Path> classpath, List<String> flags, boolean train) {
        if (!Boolean.parseBoolean(System.getProperty("soc.cds", "true"))) {
            return new Plan(List.of(), null); // for comparisons: -Dsoc.cds=false
        }
        Path dir = ProjectPaths.root().resolve(".local/cds");
        Path archive = dir.resolve("functions-" + key(classpath, flags) + ".jsa");
        if (Files.isRegularFile(archive)) {
            return new Plan(List.of("-XX:SharedArchiveFile=" + archive), null);
        }
        if (!train) {
            return new Plan(List.of(), null);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return new Plan(List.of(), null);
        }
        Path part = dir.resolve(archive.getFileName() + "." + ProcessHandle.current().pid() + ".part");
        return new Plan(List.of("-XX:ArchiveClassesAtExit=" + part), new AppCds(archive, part));
    }

    /**
     * @param flags    to add to the JVM's command line
     * @param training set when this JVM writes the archive: {@link AppCds#publish()} after it exited
     */
    record Plan(List<String> flags, AppCds training) {
    }

    /** Moves a completely written archive into place (the JVM writes it while exiting), if it is worth keeping. */
    void publish(boolean keep) {
        try {
            if (keep && Files.isRegularFile(part) && Files.size(part) > 0) {
                Files.move(part, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(part);
        } catch (IOException e) {
            // a missing archive only costs start time: the next run trains again
            System.err.println("local: AppCDS archive not kept: " + e.getMessage());
        }
    }

    private static String key(List<Path> classpath, List<String> flags) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((System.getProperty("java.vm.version") + flags).getBytes(StandardCharsets.UTF_8));
            for (Path p : classpath) {
                stamp(md, p);
                Path lib = p.resolveSibling("lib"); // the runner jar's manifest Class-Path
                if (p.getFileName().toString().endsWith("-runner.jar") && Files.isDirectory(lib)) {
                    try (Stream<Path> jars = Files.list(lib)) {
                        for (Path j : jars.sorted().toList()) {
                            stamp(md, j);
                        }
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unkeyed-" + System.nanoTime();
        }
    }

    private static void stamp(MessageDigest md, Path p) throws IOException {
        md.update((p + ":" + Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis() + "\n")
                .getBytes(StandardCharsets.UTF_8));
    }
}
