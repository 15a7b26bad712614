package dev.soctriage.detect;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Sigma correlation rule: {@code event_count}, {@code value_count}, {@code temporal} or
 * {@code temporal_ordered} over the events its base rules matched, per {@code group-by} values,
 * within {@code timespan}. The numeric aggregates of specification 2.1 ({@code value_sum},
 * {@code value_avg}, {@code value_percentile}) are refused: no log source here has a number worth
 * summing that a count does not serve better.
 *
 * @param refs      the base rules (or correlations) by id or name, as written
 * @param groupBy   field names (or aliases) whose values must be equal within a group
 * @param bounds    the condition: operator (gt, gte, lt, lte, eq, neq) → bound; for temporal, may be empty
 * @param field     value_count's field (or alias), else null
 * @param aliases   alias → (rule name → field)
 */
record CorrelationRule(RuleInfo info, Type type, List<String> refs, List<String> groupBy, Duration timespan,
        Map<String, Long> bounds, String field, Map<String, Map<String, String>> aliases) {

    enum Type { EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED }

    /** the longest timespan a correlation may have: counted in memory over deliveries of minutes */
    static final Duration MAX_TIMESPAN = Duration.ofDays(1);

    static CorrelationRule read(JsonNode c, RuleInfo info) throws RuleRefused {
        if (c == null || !c.isObject()) {
            throw new RuleRefused("correlation: must be a map");
        }
        String typeText = RuleCompiler.text(c, "type");
        Type type;
        try {
            type = Type.valueOf(String.valueOf(typeText).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RuleRefused("correlation type " + typeText + " is not supported (event_count, value_count, "
                    + "temporal, temporal_ordered are)");
        }
        List<String> refs = RuleCompiler.list(c, "rules");
        if (refs.isEmpty()) {
            throw new RuleRefused("correlation names no rules");
        }
        List<String> groupBy = RuleCompiler.list(c, "group-by");
        Duration timespan = timespan(RuleCompiler.text(c, "timespan"));
        Map<String, Long> bounds = new LinkedHashMap<>();
        String field = null;
        JsonNode cond = c.get("condition");
        if (cond != null && cond.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = cond.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String op = e.getKey();
                if (op.equals("field")) {
                    List<String> fields = RuleCompiler.list(cond, "field");
                    if (fields.size() != 1) {
                        throw new RuleRefused("value_count over several fields is not supported");
                    }
                    field = fields.get(0);
                } else if (List.of("gt", "gte", "lt", "lte", "eq", "neq").contains(op) && e.getValue().canConvertToLong()) {
                    bounds.put(op, e.getValue().asLong());
                } else {
                    throw new RuleRefused("correlation condition: unknown '" + op + "' or not a whole number");
                }
            }
        } else if (cond != null && !cond.isNull()) {
            throw new RuleRefused("correlation condition must be a map (gte: 5, ...)");
        }
        if ((type == Type.EVENT_COUNT || type == Type.VALUE_COUNT) && bounds.isEmpty()) {
            throw new RuleRefused(type.name().toLowerCase(Locale.ROOT) + " needs a condition");
        }
        if (type == Type.VALUE_COUNT && field == null) {
            throw new RuleRefused("value_count needs condition.field");
        }
        if (bounds.containsKey("lt") || bounds.containsKey("lte") || bounds.containsKey("eq") || bounds.containsKey("neq")) {
            // an upper bound is decided only once the window has closed, which a delivery never sees
            throw new RuleRefused("correlation conditions lt, lte, eq and neq are not supported: counts here only grow");
        }
        return new CorrelationRule(info, type, refs, groupBy, timespan, Map.copyOf(bounds), field, aliases(c));
    }

    /** The count at which the condition holds first (counts grow one at a time). */
    long threshold() {
        long t = 1;
        if (bounds.containsKey("gte")) {
            t = Math.max(t, bounds.get("gte"));
        }
        if (bounds.containsKey("gt")) {
            t = Math.max(t, bounds.get("gt") + 1);
        }
        return t;
    }

    static Duration timespan(String text) throws RuleRefused {
        if (text == null || !text.strip().matches("\\d{1,6}[smhd]")) {
            throw new RuleRefused("timespan must be a number and s, m, h or d (e.g. 10m), not " + text);
        }
        String t = text.strip();
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        Duration d = switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.isZero() || d.compareTo(MAX_TIMESPAN) > 0) {
            throw new RuleRefused("timespan must be more than 0 and at most 1d");
        }
        return d;
    }

    private static Map<String, Map<String, String>> aliases(JsonNode c) throws RuleRefused {
        JsonNode a = c.get("aliases");
        if (a == null || a.isNull()) {
            return Map.of();
        }
        if (!a.isObject()) {
            throw new RuleRefused("aliases must be a map");
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = a.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Map<String, String> perRule = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> r = e.getValue().fields();
            while (r.hasNext()) {
                Map.Entry<String, JsonNode> x = r.next();
                perRule.put(x.getKey(), x.getValue().asText());
            }
            out.put(e.getKey(), Map.copyOf(perRule));
        }
        return Map.copyOf(out);
    }
}
