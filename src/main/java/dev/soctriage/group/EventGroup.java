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
 * Events of one batch that share a template and an actor: the unit that is triaged (one model call
 * per group, not per line).
 *
 * @param key       stable within and across deliveries of the same input: format, signal class,
 *                  template and actor; part of the verdict id
 * @param format    the members' format
 * @param signal    the line classifier's label shared by all members ({@link Signal#NONE} when none): attack lines
 *                  never share a group with benign ones
 * @param template  the members' template, variable parts masked
 * @param actorIp   the members' actor address, or null
 * @param actorUser the members' actor user, or null
 * @param count     number of events in the group
 * @param firstSeen earliest event time (null when no member has a time)
 * @param lastSeen  latest event time (null when no member has a time)
 * @param distinct  distinct values per {@link Field} key (users tried, ports,
 *                  paths...), each set capped; the cap is noted by {@link #distinctCounts()}
 * @param distinctCounts the true number of distinct values per key, beyond the cap
 * @param samples   up to 20 members, verbatim, first seen first (the verdict's evidence)
 */
public record EventGroup(String key, Format format, Signal signal, String template, String actorIp,
        String actorUser, int count, Instant firstSeen, Instant lastSeen, Map<Field, Set<String>> distinct,
        Map<Field, Integer> distinctCounts, List<ParsedEvent> samples) {

    public Set<String> distinct(Field field) {
        return distinct.getOrDefault(field, Set.of());
    }

    public int distinctCount(Field field) {
        return distinctCounts.getOrDefault(field, 0);
    }
}
