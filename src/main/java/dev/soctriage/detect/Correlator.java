package dev.soctriage.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.soctriage.parse.ParsedEvent;

/**
 * The correlation rules over one delivery's events, fed in delivery order with the rules each matched
 * ({@link #add}). Per rule and group-by key it keeps only what its condition needs: the times of the
 * last events within the timespan (event_count, capped at the threshold), the distinct values seen
 * within it (value_count), the last time each base rule matched (temporal, temporal_ordered). An
 * event lacking a group-by field is not counted for that rule. Events without a time count as
 * simultaneous. Memory is bounded per rule ({@value #MAX_KEYS} keys) whatever the delivery's size.
 */
public final class Correlator {
    static final int MAX_KEYS = 10_000;
    static final int MAX_MEMBERS = 20;

    private final Detections detections;
    private final List<Tracked> tracked = new ArrayList<>();

    /** One correlation rule's state. */
    private static final class Tracked {
        final CorrelationRule rule;
        /** base rule index → its position in the rule's {@code rules} list */
        final Map<Integer, Integer> bases = new HashMap<>();
        final Map<List<String>, State> keys = new LinkedHashMap<>();

        Tracked(CorrelationRule rule) {
            this.rule = rule;
        }
    }

    /** One group-by key's window. */
    private static final class State {
        final Map<String, String> key;
        final ArrayDeque<Instant> times = new ArrayDeque<>();
        final LinkedHashMap<String, Instant> values = new LinkedHashMap<>();
        Instant[] lastOf;
        Instant[] chainStart;
        long best;
        boolean held;
        Instant first;
        Instant last;
        long members;
        final List<ParsedEvent> events = new ArrayList<>();

        State(Map<String, String> key, int bases) {
            this.key = key;
            this.lastOf = new Instant[bases];
            this.chainStart = new Instant[bases];
        }
    }

    Correlator(Detections detections) {
        this.detections = detections;
        for (CorrelationRule c : detections.correlations()) {
            Tracked t = new Tracked(c);
            for (int i = 0; i < detections.ruleCount(); i++) {
                RuleInfo info = detections.rule(i);
                for (int k = 0; k < c.refs().size(); k++) {
                    String ref = c.refs().get(k);
                    if (ref.equals(info.id()) || ref.equals(info.name())) {
                        t.bases.putIfAbsent(i, k);
                    }
                }
            }
            tracked.add(t);
        }
    }

    /** The next event of the delivery and the rules it matched ({@link Detections#match}). */
    public void add(ParsedEvent e, int[] matches) {
        if (matches.length == 0) {
            return;
        }
        for (Tracked t : tracked) {
            int base = -1;
            boolean[] which = null;
            for (int m : matches) {
                Integer k = t.bases.get(m);
                if (k != null) {
                    if (which == null) {
                        which = new boolean[t.rule.refs().size()];
                        base = m;
                    }
                    which[k] = true;
                }
            }
            if (which != null) {
                count(t, e, base, which);
            }
        }
    }

    private void count(Tracked t, ParsedEvent e, int base, boolean[] which) {
        CorrelationRule c = t.rule;
        EventView view = detections.ruleSet().rule(base).source().view(e);
        String baseName = detections.rule(base).name();
        Map<String, String> key = new LinkedHashMap<>();
        List<String> keyValues = new ArrayList<>();
        for (String g : c.groupBy()) {
            String v = first(view.values(field(c, g, baseName)));
            if (v == null) {
                return;
            }
            key.put(g, v);
            keyValues.add(v);
        }
        State s = t.keys.get(keyValues);
        if (s == null) {
            if (t.keys.size() >= MAX_KEYS) {
                return;
            }
            s = new State(Map.copyOf(key), c.refs().size());
            t.keys.put(keyValues, s);
        }
        Instant at = e.time() == null ? Instant.EPOCH : e.time();
        s.first = s.first == null || at.isBefore(s.first) ? at : s.first;
        s.last = s.last == null || at.isAfter(s.last) ? at : s.last;
        s.members++;
        if (s.events.size() < MAX_MEMBERS) {
            s.events.add(e);
        }
        Instant since = at.minus(c.timespan());
        long n = switch (c.type()) {
            case EVENT_COUNT -> {
                s.times.addLast(at);
                while (s.times.size() > 1 && s.times.peekFirst().isBefore(since)) {
                    s.times.pollFirst();
                }
                while (s.times.size() > c.threshold()) {
                    s.times.pollFirst();
                }
                yield s.times.size();
            }
            case VALUE_COUNT -> {
                String v = first(view.values(field(c, c.field(), baseName)));
                if (v != null) {
                    s.values.remove(v);
                    s.values.put(v, at);
                }
                s.values.values().removeIf(time -> time.isBefore(since));
                while (s.values.size() > c.threshold()) {
                    s.values.remove(s.values.keySet().iterator().next());
                }
                yield s.values.size();
            }
            case TEMPORAL -> {
                long seen = 0;
                for (int k = 0; k < which.length; k++) {
                    if (which[k]) {
                        s.lastOf[k] = at;
                    }
                    seen += s.lastOf[k] != null && !s.lastOf[k].isBefore(since) ? 1 : 0;
                }
                yield seen;
            }
            case TEMPORAL_ORDERED -> ordered(s, which, at, c.timespan());
        };
        s.best = Math.max(s.best, n);
        long needed = c.type() == CorrelationRule.Type.TEMPORAL || c.type() == CorrelationRule.Type.TEMPORAL_ORDERED
                ? (c.bounds().isEmpty() ? c.refs().size() : c.threshold()) : c.threshold();
        s.held |= n >= needed;
    }

    /** How far the rules' order has got within the timespan: the longest chain ending in a matched rule. */
    private static long ordered(State s, boolean[] which, Instant at, Duration span) {
        for (int k = which.length - 1; k >= 0; k--) {
            if (!which[k]) {
                continue;
            }
            if (k == 0) {
                s.lastOf[0] = at;
                s.chainStart[0] = at;
            } else if (s.lastOf[k - 1] != null && !s.chainStart[k - 1].isBefore(at.minus(span))) {
                s.lastOf[k] = at;
                s.chainStart[k] = s.chainStart[k - 1];
            }
        }
        long longest = 0;
        for (int k = 0; k < which.length; k++) {
            if (s.lastOf[k] != null && !s.chainStart[k].isBefore(at.minus(span))) {
                longest = k + 1;
            }
        }
        return longest;
    }

    private static String field(CorrelationRule c, String name, String baseName) {
        Map<String, String> alias = c.aliases().get(name);
        if (alias != null && baseName != null && alias.containsKey(baseName)) {
            return alias.get(baseName);
        }
        return name;
    }

    private static String first(List<String> values) {
        if (values == null) {
            return null;
        }
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }

    /** The correlations whose condition held, per key, in the order they first counted. */
    public List<CorrelationHit> hits() {
        List<CorrelationHit> out = new ArrayList<>();
        for (Tracked t : tracked) {
            for (State s : t.keys.values()) {
                if (s.held) {
                    out.add(new CorrelationHit(t.rule.info(), s.key, s.best, s.first, s.last, List.copyOf(s.events),
                            s.members));
                }
            }
        }
        return out;
    }
}
