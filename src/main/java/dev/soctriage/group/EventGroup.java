package dev.soctriage.group;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.model.Signal;
import dev.soctriage.parse.ParsedEvent;

/**
 * Events of one batch that are one thing to decide: the unit that is triaged (one model call per
 * group, not per line). Lines with an attack signal, and lines of actors whose volume stands out,
 * group per actor; other lines group across actors by template ({@link #crossActor()}), with each
 * actor's count and a few of its lines in {@link #actors()}.
 *
 * @param key       stable within and across deliveries of the same input: format, signal class,
 *                  template and actor ({@code *} for a cross-actor group); part of the verdict id
 * @param format    the members' format
 * @param signal    the line classifier's label shared by all members ({@link Signal#NONE} when none): attack lines
 *                  never share a group with benign ones
 * @param template  the members' template, variable parts masked
 * @param actorIp   the members' actor address, or null (always null for a cross-actor group)
 * @param actorUser the members' actor user, or null (always null for a cross-actor group)
 * @param count     number of events in the group
 * @param firstSeen earliest event time (null when no member has a time)
 * @param lastSeen  latest event time (null when no member has a time)
 * @param distinct  distinct values per {@link Field} key (users tried, ports,
 *                  paths...), each set capped; the cap is noted by {@link #distinctCounts()}
 * @param distinctCounts the true number of distinct values per key, beyond the cap (estimated past
 *                  a few hundred)
 * @param samples   up to 20 members, verbatim, first seen first (the verdict's evidence)
 * @param actors    a cross-actor group's actors, most events first, capped; empty for a per-actor group
 * @param actorCount the true number of distinct actors (1 or 0 for a per-actor group)
 * @param detections the ids of the detection rules its lines matched (every member matched the same ones),
 *                  then of the correlations the delivery raised about its actor; empty for none
 */
public record EventGroup(String key, Format format, Signal signal, String template, String actorIp,
        String actorUser, int count, Instant firstSeen, Instant lastSeen, Map<Field, Set<String>> distinct,
        Map<Field, Integer> distinctCounts, List<ParsedEvent> samples, List<ActorShare> actors, int actorCount,
        List<String> detections) {

    public EventGroup {
        detections = detections == null ? List.of() : List.copyOf(detections);
    }

    /** A group no detection rule labelled. */
    public EventGroup(String key, Format format, Signal signal, String template, String actorIp, String actorUser,
            int count, Instant firstSeen, Instant lastSeen, Map<Field, Set<String>> distinct,
            Map<Field, Integer> distinctCounts, List<ParsedEvent> samples, List<ActorShare> actors, int actorCount) {
        this(key, format, signal, template, actorIp, actorUser, count, firstSeen, lastSeen, distinct, distinctCounts,
                samples, actors, actorCount, List.of());
    }

    /** A per-actor group. */
    public EventGroup(String key, Format format, Signal signal, String template, String actorIp, String actorUser,
            int count, Instant firstSeen, Instant lastSeen, Map<Field, Set<String>> distinct,
            Map<Field, Integer> distinctCounts, List<ParsedEvent> samples) {
        this(key, format, signal, template, actorIp, actorUser, count, firstSeen, lastSeen, distinct, distinctCounts,
                samples, List.of(), actorIp == null && actorUser == null ? 0 : 1);
    }

    public Set<String> distinct(Field field) {
        return distinct.getOrDefault(field, Set.of());
    }

    public int distinctCount(Field field) {
        return distinctCounts.getOrDefault(field, 0);
    }

    /** True for a group of several actors' lines without a signal. */
    public boolean crossActor() {
        return !actors.isEmpty();
    }

    /**
     * This group seen as one actor's: the part of a cross-actor group that {@code share} made, with its
     * own samples as evidence and its own count (the group's distinct values, which all its actors
     * made, are left out). A verdict about one actor of a cross-actor group is
     * about that actor's lines; the other actors' lines stay judged benign.
     */
    public EventGroup narrowedTo(ActorShare share) {
        return new EventGroup(key + "|" + share.ip() + "|" + share.user(), format, signal, template, share.ip(),
                share.user(), share.count(), share.samples().get(0).time(),
                share.samples().get(share.samples().size() - 1).time(), Map.of(), Map.of(), share.samples(), List.of(),
                share.ip() == null && share.user() == null ? 0 : 1, detections);
    }
}
