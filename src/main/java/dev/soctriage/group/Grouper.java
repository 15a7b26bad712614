package dev.soctriage.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.soctriage.parse.Fields;
import dev.soctriage.parse.ParsedEvent;

/** Groups a batch's events by (format, signal, template, actor). */
@ApplicationScoped
public class Grouper {
    static final int MAX_SAMPLES = 20;
    static final int MAX_DISTINCT = 50;

    public List<EventGroup> group(List<ParsedEvent> events, LineClassifier classifier) {
        Map<String, Acc> groups = new LinkedHashMap<>();
        for (ParsedEvent e : events) {
            String signal = classifier.classify(e);
            String template = e.format() + ":" + e.fields().getOrDefault(Fields.EVENT, "");
            String key = e.format() + "|" + signal + "|" + template + "|" + e.actorIp() + "|" + e.actorUser();
            groups.computeIfAbsent(key, k -> new Acc(k, e, signal, template)).add(e);
        }
        List<EventGroup> out = new ArrayList<>(groups.size());
        for (Acc a : groups.values()) {
            out.add(a.build());
        }
        return out;
    }

    private static final class Acc {
        final String key;
        final ParsedEvent first;
        final String signal;
        final String template;
        int count;
        Instant firstSeen;
        Instant lastSeen;
        final Map<String, Set<String>> distinct = new HashMap<>();
        final Map<String, Set<String>> all = new HashMap<>();
        final List<ParsedEvent> samples = new ArrayList<>();

        Acc(String key, ParsedEvent first, String signal, String template) {
            this.key = key;
            this.first = first;
            this.signal = signal;
            this.template = template;
        }

        void add(ParsedEvent e) {
            count++;
            if (e.time() != null) {
                firstSeen = firstSeen == null || e.time().isBefore(firstSeen) ? e.time() : firstSeen;
                lastSeen = lastSeen == null || e.time().isAfter(lastSeen) ? e.time() : lastSeen;
            }
            for (Map.Entry<String, String> f : e.fields().entrySet()) {
                Set<String> s = all.computeIfAbsent(f.getKey(), k -> new LinkedHashSet<>());
                s.add(f.getValue());
                Set<String> capped = distinct.computeIfAbsent(f.getKey(), k -> new LinkedHashSet<>());
                if (capped.size() < MAX_DISTINCT) {
                    capped.add(f.getValue());
                }
            }
            if (samples.size() < MAX_SAMPLES) {
                samples.add(e);
            }
        }

        EventGroup build() {
            Map<String, Integer> counts = new HashMap<>();
            all.forEach((k, v) -> counts.put(k, v.size()));
            return new EventGroup(key, first.format(), signal, template, first.actorIp(), first.actorUser(), count,
                    firstSeen, lastSeen, Map.copyOf(distinct), counts, List.copyOf(samples));
        }
    }
}
