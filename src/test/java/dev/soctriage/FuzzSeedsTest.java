package dev.soctriage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;

/**
 * The seed corpus is replayed only where Jazzer looks for it: {@code <package of the test>/<Class>Inputs/<method>}
 * on the test class path. A fuzz test moved to another package without its seeds runs in regression mode
 * with the empty input alone, and nothing says so; these checks do.
 */
class FuzzSeedsTest {
    private static final Path TEST_CLASSES = testClasses();

    @Test
    void everyFuzzTest_hasItsSeedsWhereJazzerLooks() throws Exception {
        List<Class<?>> fuzzTests = fuzzTestClasses();
        assertFalse(fuzzTests.isEmpty(), "no *FuzzTest class under " + TEST_CLASSES);
        List<String> missing = new ArrayList<>();
        for (Class<?> c : fuzzTests) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(FuzzTest.class)) {
                    Path seeds = inputs(c).resolve(m.getName());
                    if (!Files.isDirectory(seeds) || isEmpty(seeds)) {
                        missing.add(c.getSimpleName() + "#" + m.getName() + " (looked in " + TEST_CLASSES.relativize(seeds) + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "fuzz tests without seeds");
    }

    @Test
    void everySeedDirectory_belongsToAFuzzTestOfItsPackage() throws IOException {
        Set<String> orphans = new TreeSet<>();
        try (Stream<Path> dirs = Files.walk(TEST_CLASSES)) {
            for (Path dir : dirs.filter(p -> Files.isDirectory(p) && p.getFileName().toString().endsWith("FuzzTestInputs")).toList()) {
                String className = TEST_CLASSES.relativize(dir).toString().replace('/', '.').replaceAll("Inputs$", "");
                Class<?> c;
                try {
                    c = Class.forName(className);
                } catch (ClassNotFoundException e) {
                    orphans.add(TEST_CLASSES.relativize(dir) + ": no class " + className);
                    continue;
                }
                try (Stream<Path> methods = Files.list(dir)) {
                    for (Path m : methods.toList()) {
                        if (!hasFuzzTest(c, m.getFileName().toString())) {
                            orphans.add(TEST_CLASSES.relativize(m) + ": no @FuzzTest " + m.getFileName() + " in " + className);
                        }
                    }
                }
            }
        }
        assertTrue(orphans.isEmpty(), "seeds that no fuzz test replays: " + orphans);
    }

    private static boolean hasFuzzTest(Class<?> c, String method) {
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(method) && m.isAnnotationPresent(FuzzTest.class)) {
                return true;
            }
        }
        return false;
    }

    private static List<Class<?>> fuzzTestClasses() throws IOException, ClassNotFoundException {
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TEST_CLASSES)) {
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith("FuzzTest.class")).toList()) {
                String name = TEST_CLASSES.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                out.add(Class.forName(name));
            }
        }
        return out;
    }

    private static Path inputs(Class<?> c) {
        return TEST_CLASSES.resolve(c.getPackageName().replace('.', '/')).resolve(c.getSimpleName() + "Inputs");
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static Path testClasses() {
        URL here = FuzzSeedsTest.class.getResource("FuzzSeedsTest.class");
        try {
            return Path.of(here.toURI()).getParent().getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
