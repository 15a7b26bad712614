package dev.soctriage.detect;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.soctriage.parse.ParsedEvent;

/**
 * A correlation rule whose condition held for one group-by key.
 *
 * @param rule     the correlation rule
 * @param key      the group-by fields and their values (in the rule's order)
 * @param count    events counted (event_count, temporal), or distinct values (value_count), when it held;
 *                 it goes on counting past the threshold
 * @param events   every event of the key that one of the base rules matched, up to {@value Correlator#MAX_MEMBERS}
 * @param members  how many such events there were
 */
public record CorrelationHit(RuleInfo rule, Map<String, String> key, long count, Instant firstSeen, Instant lastSeen,
        List<ParsedEvent> events, long members) {
}
