package dev.soctriage.text;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/** Range checks of configuration values, each naming its property (the start-up checks use them). */
public final class Ranges {
    private Ranges() {
    }

    /** Why {@code value} of {@code property} is outside {@code [min, max]}, or empty. */
    public static Optional<String> within(String property, long value, long min, long max) {
        if (value >= min && value <= max) {
            return Optional.empty();
        }
        String range = max == Integer.MAX_VALUE || max == Long.MAX_VALUE ? "at least " + min : min + ".." + max;
        return Optional.of(property + " must be " + range + " (is " + value + ")");
    }

    /** The first of the problems found, or empty. */
    @SafeVarargs
    public static Optional<String> first(Optional<String>... problems) {
        return Arrays.stream(problems).filter(Objects::nonNull).flatMap(Optional::stream).findFirst();
    }
}
