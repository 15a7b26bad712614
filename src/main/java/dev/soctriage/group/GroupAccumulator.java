package dev.soctriage.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.model.Signal;
import dev.soctriage.parse.ParsedEvent;

/**
 * One group while its batch is read: counts, time range, distinct targets (a capped set per field,
 * plus the true count), the samples, and for a cross-actor group each actor's count and first lines.
 * Everything it holds is capped: its memory does not grow with the number of events.
 *
 * <p>Samples: the first {@value #FIRST_SAMPLES} events are kept as they come; the other slots prefer
 * events of a kind not sampled yet (another event name, status or outcome), so a group of 5,000 lines
 * shows its variety rather than 20 copies of its first line. Samples are returned first seen first.
 */
final class GroupAccumulator {
    static final int MAX_SAMPLES = 20;
    static final int FIRST_SAMPLES = 10;
    /** distinct values kept per field; the true count is kept beyond */
    static final int MAX_DISTINCT = 50;
    /** actors of a cross-actor group tracked with their own count and samples; the others are counted */
    static final int MAX_ACTORS = 100;
    static final int SAMPLES_PER_ACTOR = 2;
    /** the fields whose distinct values describe what a group touched */
    static final Set<Field> TRACKED = EnumSet.of(Field.EVENT, Field.TARGET_USER, Field.METHOD, Field.PATH,
            Field.STATUS, Field.USER_AGENT, Field.DST_IP, Field.DST_PORT, Field.PROTOCOL, Field.OUTCOME,
            Field.SERVICE, Field.ERROR, Field.RULE, Field.IDENTITY_TYPE, Field.COMMAND, Field.HOST,
            Field.PROGRAM, Field.MENTIONED_IPS, Field.REGION, Field.LEVEL, Field.PEER);

    final Format format;
    final Signal signal;
    final Label label;
    final Templates.Template template;
    final String actorIp;
    final String actorUser;
    final boolean crossActor;
    private int count;
    private Instant firstSeen;
    private Instant lastSeen;
    private final Map<Field, Set<String>> kept = new EnumMap<>(Field.class);
    private final Map<Field, DistinctCounter> counters = new EnumMap<>(Field.class);
    private final List<Sample> samples = new ArrayList<>(MAX_SAMPLES);
    private final Set<Kind> sampledKinds = new HashSet<>();
    private final Map<List<String>, Share> actors;
    private final DistinctCounter actorCounter;

    private record Sample(int seq, ParsedEvent event, boolean novel) {
    }

    /** what makes a sample show another kind of line */
    private record Kind(String event, String status, String outcome) {
    }

    private static final class Share {
        int count;
        final List<ParsedEvent> samples = new ArrayList<>(SAMPLES_PER_ACTOR);
    }

    GroupAccumulator(Format format, Label label, Templates.Template template, String actorIp, String actorUser,
            boolean crossActor) {
        this.format = format;
        this.label = label;
        this.signal = label.signal();
        this.template = template;
        this.actorIp = actorIp;
        this.actorUser = actorUser;
        this.crossActor = crossActor;
        this.actors = crossActor ? new LinkedHashMap<>() : null;
        this.actorCounter = crossActor ? new DistinctCounter() : null;
    }

    int count() {
        return count;
    }

    /**
     * Adds an event; {@code attemptedUser}, when not null, is a user it tried, listed among the target
     * users. {@code mayRetain}: false once the batch holds as many sample lines as it may, then only a
     * group's (or an actor's) first line is kept.
     *
     * @return characters of log text newly retained as samples
     */
    long add(ParsedEvent e, String attemptedUser, boolean mayRetain) {
        int seq = count++;
        if (e.time() != null) {
            if (firstSeen == null || e.time().isBefore(firstSeen)) {
                firstSeen = e.time();
            }
            if (lastSeen == null || e.time().isAfter(lastSeen)) {
                lastSeen = e.time();
            }
        }
        for (Field f : TRACKED) {
            String value = e.field(f);
            if (value != null) {
                distinct(f, value);
            }
        }
        if (attemptedUser != null) {
            distinct(Field.TARGET_USER, attemptedUser);
        }
        long retained = sample(seq, e, mayRetain || samples.isEmpty()) ? e.line().length() : 0;
        if (crossActor) {
            retained += share(e, mayRetain);
        }
        return retained;
    }

    private void distinct(Field field, String value) {
        Set<String> values = kept.computeIfAbsent(field, k -> new LinkedHashSet<>());
        if (values.size() < MAX_DISTINCT) {
            values.add(value);
        }
        counters.computeIfAbsent(field, k -> new DistinctCounter()).add(value);
    }

    private long share(ParsedEvent e, boolean mayRetain) {
        List<String> who = java.util.Arrays.asList(e.actorIp(), e.actorUser());
        actorCounter.add(e.actorUser() == null ? e.actorIp() : e.actorIp() + "|" + e.actorUser());
        Share s = actors.get(who);
        if (s == null) {
            if (actors.size() >= MAX_ACTORS) {
                return 0; // counted in actorCount and count, not tracked one by one
            }
            s = new Share();
            actors.put(who, s);
        }
        s.count++;
        if (s.samples.size() < SAMPLES_PER_ACTOR && (mayRetain || s.samples.isEmpty())) {
            s.samples.add(e);
            // the group's own samples often hold the same event: count its text once
            return samples.stream().anyMatch(x -> x.event() == e) ? 0 : e.line().length();
        }
        return 0;
    }

    /** @return whether the event was newly kept */
    private boolean sample(int seq, ParsedEvent e, boolean mayRetain) {
        boolean novel = sampledKinds.add(new Kind(e.field(Field.EVENT), e.field(Field.STATUS), e.field(Field.OUTCOME)));
        if (!mayRetain) {
            return false;
        }
        if (samples.size() < MAX_SAMPLES) {
            samples.add(new Sample(seq, e, novel));
            return true;
        }
        if (!novel) {
            return false;
        }
        // replace the latest sample that is neither among the first ones nor itself novel
        for (int i = samples.size() - 1; i >= FIRST_SAMPLES; i--) {
            if (!samples.get(i).novel()) {
                samples.remove(i);
                samples.add(new Sample(seq, e, true));
                return true;
            }
        }
        return false;
    }

    /** The one actor of a cross-actor group that has only one, as {ip, user}; else null. */
    String[] soleActor() {
        if (!crossActor || actors.size() != 1 || actorCounter.count() != 1) {
            return null;
        }
        List<String> who = actors.keySet().iterator().next();
        return new String[] {who.get(0), who.get(1)};
    }

    /**
     * @param ip, user the group's actor: this accumulator's own, or for a cross-actor group with a
     *            {@link #soleActor() sole actor} that actor, so that it is built as a per-actor group
     */
    EventGroup build(String key, String templateText, String ip, String user, List<String> detections) {
        Map<Field, Set<String>> distinct = new EnumMap<>(Field.class);
        Map<Field, Integer> counts = new EnumMap<>(Field.class);
        for (Field f : TRACKED) {
            Set<String> values = kept.get(f);
            if (values == null) {
                continue;
            }
            counts.put(f, counters.get(f).count());
            distinct.put(f, Collections.unmodifiableSet(values));
        }
        List<ParsedEvent> out = samples.stream().sorted(Comparator.comparingInt(Sample::seq)).map(Sample::event).toList();
        List<ActorShare> shares = List.of();
        int actorCount = ip == null && user == null ? 0 : 1;
        if (crossActor && ip == null && user == null) {
            List<ActorShare> list = new ArrayList<>(actors.size());
            actors.forEach((who, s) -> list.add(new ActorShare(who.get(0), who.get(1), s.count, List.copyOf(s.samples))));
            list.sort(Comparator.comparingInt(ActorShare::count).reversed()); // stable: first seen first among equals
            shares = List.copyOf(list);
            actorCount = Math.max(actorCounter.count(), shares.size());
        }
        return new EventGroup(key, format, signal, templateText, ip, user, count, firstSeen, lastSeen,
                Collections.unmodifiableMap(distinct), Collections.unmodifiableMap(counts), out, shares, actorCount,
                detections);
    }
}
