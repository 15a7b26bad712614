package dev.soctriage.group;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.soctriage.model.Signal;

/**
 * What a line classifier says about one line: its {@link Signal} and the detection rules it matched
 * (their ids, in the engine's order). Both are part of the group key, so a line is grouped only with
 * lines labelled alike. A label with rules always has a signal ({@link Signal#DETECTION} when no other
 * names it).
 */
public record Label(Signal signal, List<String> rules) {
    private static final Map<Signal, Label> PLAIN = new EnumMap<>(Signal.class);

    static {
        for (Signal s : Signal.values()) {
            PLAIN.put(s, new Label(s, List.of()));
        }
    }

    public static final Label NONE = of(Signal.NONE);

    public Label {
        rules = List.copyOf(rules);
        if (!rules.isEmpty() && signal == Signal.NONE) {
            signal = Signal.DETECTION;
        }
    }

    /** A signal without rules (one shared instance per signal). */
    public static Label of(Signal signal) {
        return PLAIN.get(signal == null ? Signal.NONE : signal);
    }
}
