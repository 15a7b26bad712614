package dev.soctriage.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A rule's {@code detection:} section into one {@link Expr}: each search identifier's selection (a
 * map is AND, a list is OR, a list of strings is a keyword search), then the condition (a list of
 * conditions is OR). Field names pass through {@code fields}, which knows what the log source has.
 */
final class DetectionCompiler {
    private final ValueCompiler values;

    DetectionCompiler(ValueCompiler values) {
        this.values = values;
    }

    /** Which field names a log source can read: a rule naming another is refused, not left never matching. */
    interface FieldNames {
        /** null when the field exists, else why not */
        String unknown(String field);
    }

    Expr compile(JsonNode detection, FieldNames fields) throws RuleRefused {
        if (detection == null || !detection.isObject()) {
            throw new RuleRefused("no detection section");
        }
        JsonNode condition = detection.get("condition");
        if (condition == null || condition.isNull()) {
            throw new RuleRefused("detection has no condition");
        }
        Map<String, Expr> searches = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = detection.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("condition") || e.getKey().equals("timeframe")) {
                continue;
            }
            try {
                searches.put(e.getKey(), search(e.getValue(), fields));
            } catch (RuleRefused r) {
                throw new RuleRefused(e.getKey() + ": " + r.getMessage());
            }
        }
        if (condition.isTextual()) {
            return ConditionParser.parse(condition.asText(), searches);
        }
        if (condition.isArray() && condition.size() > 0) {
            List<Expr> any = new ArrayList<>();
            for (JsonNode c : condition) {
                if (!c.isTextual()) {
                    throw new RuleRefused("a condition in the list is not text");
                }
                any.add(ConditionParser.parse(c.asText(), searches));
            }
            return any.size() == 1 ? any.get(0) : new Expr.Or(List.copyOf(any));
        }
        throw new RuleRefused("condition is neither text nor a list of texts");
    }

    private Expr search(JsonNode node, FieldNames fields) throws RuleRefused {
        if (node.isObject()) {
            return map(node, fields);
        }
        if (node.isArray()) {
            if (node.isEmpty()) {
                throw new RuleRefused("empty list");
            }
            List<String> keywords = new ArrayList<>();
            List<Expr> any = new ArrayList<>();
            for (JsonNode n : node) {
                if (n.isObject()) {
                    any.add(map(n, fields));
                } else if (n.isValueNode() && !n.isNull()) {
                    keywords.add(n.asText());
                } else {
                    throw new RuleRefused("a list may hold values or maps, not " + n.getNodeType());
                }
            }
            if (!keywords.isEmpty()) {
                any.add(values.compile("", List.of(), keywords, false));
            }
            return any.size() == 1 ? any.get(0) : new Expr.Or(List.copyOf(any));
        }
        if (node.isValueNode() && !node.isNull()) {
            return values.compile("", List.of(), List.of(node.asText()), false);
        }
        throw new RuleRefused("a search identifier must hold a map or a list");
    }

    private Expr map(JsonNode node, FieldNames fields) throws RuleRefused {
        if (node.isEmpty()) {
            throw new RuleRefused("empty map");
        }
        List<Expr> all = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> parts = Arrays.asList(e.getKey().split("\\|", -1));
            String field = parts.get(0);
            List<String> mods = parts.subList(1, parts.size());
            if (mods.contains("")) {
                throw new RuleRefused("empty modifier in '" + e.getKey() + "'");
            }
            if (!field.isEmpty()) {
                String why = fields.unknown(field);
                if (why != null) {
                    throw new RuleRefused(why);
                }
            }
            JsonNode v = e.getValue();
            List<String> list = new ArrayList<>();
            boolean scalarNull = v == null || v.isNull();
            if (v != null && v.isArray()) {
                for (JsonNode x : v) {
                    if (x.isContainerNode()) {
                        throw new RuleRefused("'" + e.getKey() + "' holds a nested list or map");
                    }
                    list.add(x.isNull() ? null : x.asText());
                }
            } else if (v != null && v.isContainerNode()) {
                throw new RuleRefused("'" + e.getKey() + "' holds a map");
            } else if (!scalarNull) {
                list.add(v.asText());
            }
            all.add(values.compile(field, List.copyOf(mods), list, scalarNull));
        }
        return all.size() == 1 ? all.get(0) : new Expr.And(List.copyOf(all));
    }
}
