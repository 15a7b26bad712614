package dev.soctriage.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.model.LogEvent;
import dev.soctriage.model.Signal;
import dev.soctriage.parse.ParsedEvent;

/** Groups built directly, for tests of the guard and the prompt that need exact actors. */
public final class Groups {
    private Groups() {
    }

    public static ParsedEvent event(String line, String actorIp, String actorUser) {
        return new ParsedEvent(new LogEvent("id-" + line.hashCode(), 1764000000000L, line), Format.TEXT,
                Instant.ofEpochMilli(1764000000000L), actorIp, actorUser, Map.of());
    }

    public static EventGroup of(Signal signal, Map<Field, Set<String>> distinct, Map<Field, Integer> counts,
            List<ParsedEvent> samples, int count) {
        ParsedEvent first = samples.get(0);
        return new EventGroup("test|" + signal.wire() + "|" + first.actorIp() + "|" + first.actorUser(), Format.TEXT, signal, "t",
                first.actorIp(), first.actorUser(), count, first.time(), first.time(), distinct, counts, samples);
    }

    public static EventGroup of(ParsedEvent... samples) {
        return of(Signal.NONE, Map.of(), Map.of(), List.of(samples), samples.length);
    }

    public static List<ParsedEvent> lines(int n, String actorIp, String lineFormat) {
        List<ParsedEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(event(lineFormat.formatted(i), actorIp, null));
        }
        return out;
    }
}
