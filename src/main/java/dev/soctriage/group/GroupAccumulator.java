package dev.soctriage.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
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
 * plus the true count), and the samples.
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
    /** the fields whose distinct values describe what a group touched */
    static final Set<Field> TRACKED = EnumSet.of(Field.EVENT, Field.TARGET_USER, Field.METHOD, Field.PATH,
            Field.STATUS, Field.USER_AGENT, Field.DST_IP, Field.DST_PORT, Field.PROTOCOL, Field.OUTCOME,
            Field.SERVICE, Field.ERROR, Field.RULE, Field.IDENTITY_TYPE, Field.COMMAND, Field.HOST,
            Field.PROGRAM, Field.MENTIONED_IPS, Field.REGION, Field.LEVEL, Field.PEER);

    final Format format;
    final Signal signal;
    final Templates.Template template;
    final String actorIp;
    final String actorUser;
    private int count;
    private Instant firstSeen;
    private Instant lastSeen;
    private final Map<Field, Set<String>> all = new EnumMap<>(Field.class);
    private final List<Sample> samples = new ArrayList<>(MAX_SAMPLES);
    private final Set<Kind> sampledKinds = new HashSet<>();

    private record Sample(int seq, ParsedEvent event, boolean novel) {
    }

    /** what makes a sample show another kind of line */
    private record Kind(String event, String status, String outcome) {
    }

    GroupAccumulator(Format format, Signal signal, Templates.Template template, String actorIp, String actorUser) {
        this.format = format;
        this.signal = signal;
        this.template = template;
        this.actorIp = actorIp;
        this.actorUser = actorUser;
    }

    /** Adds an event; {@code attemptedUser}, when not null, is a user it tried, listed among the target users. */
    void add(ParsedEvent e, String attemptedUser) {
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
                all.computeIfAbsent(f, k -> new LinkedHashSet<>()).add(value);
            }
        }
        if (attemptedUser != null) {
            all.computeIfAbsent(Field.TARGET_USER, k -> new LinkedHashSet<>()).add(attemptedUser);
        }
        sample(seq, e);
    }

    private void sample(int seq, ParsedEvent e) {
        boolean novel = sampledKinds.add(new Kind(e.field(Field.EVENT), e.field(Field.STATUS), e.field(Field.OUTCOME)));
        if (samples.size() < MAX_SAMPLES) {
            samples.add(new Sample(seq, e, novel));
            return;
        }
        if (!novel) {
            return;
        }
        // replace the latest sample that is neither among the first ones nor itself novel
        for (int i = samples.size() - 1; i >= FIRST_SAMPLES; i--) {
            if (!samples.get(i).novel()) {
                samples.remove(i);
                samples.add(new Sample(seq, e, true));
                return;
            }
        }
    }

    EventGroup build(String key, String templateText) {
        Map<Field, Set<String>> distinct = new EnumMap<>(Field.class);
        Map<Field, Integer> counts = new EnumMap<>(Field.class);
        for (Field f : TRACKED) {
            Set<String> values = all.get(f);
            if (values == null) {
                continue;
            }
            counts.put(f, values.size());
            // the first values seen, in the order they were seen
            Set<String> capped = new LinkedHashSet<>();
            for (String v : values) {
                if (capped.size() == MAX_DISTINCT) {
                    break;
                }
                capped.add(v);
            }
            distinct.put(f, Collections.unmodifiableSet(capped));
        }
        List<ParsedEvent> out = samples.stream().sorted(Comparator.comparingInt(Sample::seq)).map(Sample::event).toList();
        return new EventGroup(key, format, signal, templateText, actorIp, actorUser, count, firstSeen, lastSeen,
                Collections.unmodifiableMap(distinct), Collections.unmodifiableMap(counts), out);
    }
}
