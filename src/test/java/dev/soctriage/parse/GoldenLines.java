package dev.soctriage.parse;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A parser test made of golden lines: the implementing class gives {@code static Stream<Golden> lines()},
 * and each line is one case, reported by its name (what it checks).
 */
interface GoldenLines {
    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    default void reads(Golden line) {
        line.check();
    }

    /** The cases of several families, in order. */
    @SafeVarargs
    static Stream<Golden> concat(Stream<Golden>... families) {
        return Stream.of(families).flatMap(f -> f);
    }
}
