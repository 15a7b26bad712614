package dev.soctriage.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One rule file's text, with the pack it belongs to and its path inside that pack. The built-in pack
 * is read from the jar through the index the build writes ({@value #INDEX}: no class-path scanning at
 * run time); a DETECTION_RULES folder is walked for {@code .yml} / {@code .yaml} files.
 *
 * @param text null when the file could not be read, {@code problem} then says why
 */
record RuleFile(String pack, String path, String text, String problem) {
    static final String BUILT_IN = "built-in";
    static final String INDEX = "detections/index.txt";
    /** a rule file larger than this is refused unread */
    static final long MAX_BYTES = 1 << 20;
    /** a folder with more rule files than this is read up to here, and the rest named as skipped */
    static final int MAX_FILES = 20_000;

    /** The built-in pack, as the build indexed it. */
    static List<RuleFile> builtIn(ClassLoader loader) {
        List<RuleFile> out = new ArrayList<>();
        String index = resource(loader, INDEX);
        if (index == null) {
            throw new IllegalStateException(INDEX + " is missing from the class path: the build did not index the built-in pack");
        }
        for (String line : index.split("\n")) {
            String path = line.strip().replace('\\', '/');
            if (path.isEmpty()) {
                continue;
            }
            String text = resource(loader, "detections/" + path);
            out.add(new RuleFile(BUILT_IN, path, text, text == null ? "listed in the index but not in the jar" : null));
        }
        return out;
    }

    private static String resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readNBytes((int) MAX_BYTES + 1), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + name, e);
        }
    }

    /** Every .yml/.yaml file under {@code folder}, in path order; a folder that cannot be read is one problem. */
    static List<RuleFile> folder(Path folder) {
        String pack = folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();
        List<RuleFile> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            out.add(new RuleFile(pack, folder.toString(), null, "not a readable folder"));
            return out;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".yml") || n.endsWith(".yaml");
            }).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            out.add(new RuleFile(pack, folder.toString(), null, "could not list the folder: " + e.getMessage()));
            return out;
        }
        for (Path p : files) {
            String rel = folder.relativize(p).toString().replace('\\', '/');
            if (out.size() >= MAX_FILES) {
                out.add(new RuleFile(pack, rel, null, "more than " + MAX_FILES + " rule files in the folder"));
                break;
            }
            out.add(read(pack, rel, p));
        }
        return out;
    }

    private static RuleFile read(String pack, String rel, Path p) {
        try {
            if (Files.size(p) > MAX_BYTES) {
                return new RuleFile(pack, rel, null, "larger than " + MAX_BYTES + " bytes");
            }
            return new RuleFile(pack, rel, Files.readString(p, StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            return new RuleFile(pack, rel, null, "could not be read: " + e.getClass().getSimpleName());
        }
    }
}
