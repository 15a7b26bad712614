package dev.soctriage.detect;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.soctriage.model.Field;
import dev.soctriage.parse.ParsedEvent;

/**
 * A JSON record (CloudTrail, WAF) read by its fields' dotted names ({@code userIdentity.type},
 * {@code requestParameters.bucketName}). The record is parsed only when a rule reads a field the
 * parser did not already name, and only once. A member holding an object or an array is also
 * matched as its compact JSON text; an array's elements are values of their own (any may match);
 * a path through an array reads every element. Keywords search the record's text.
 */
final class JsonView extends EventView {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** how many values one path may fan out to through arrays */
    static final int MAX_VALUES = 256;

    private JsonNode root;
    private boolean parsed;

    JsonView(ParsedEvent event) {
        super(event);
    }

    @Override
    List<String> read(String field) {
        // the names the parser already read, without parsing the record again
        if (field.equals("eventName") && event.field(Field.EVENT) != null && event.format() == dev.soctriage.model.Format.CLOUDTRAIL) {
            return List.of(event.field(Field.EVENT));
        }
        if (field.equals("eventSource") && event.field(Field.SERVICE) != null) {
            return List.of(event.field(Field.SERVICE));
        }
        JsonNode r = root();
        if (r == null) {
            return ABSENT;
        }
        List<JsonNode> at = new ArrayList<>(List.of(r));
        for (String step : field.split("\\.", -1)) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : at) {
                if (n.isArray()) {
                    for (JsonNode element : n) {
                        collect(element.get(step), next);
                    }
                } else {
                    collect(n.get(step), next);
                }
            }
            if (next.isEmpty()) {
                return ABSENT;
            }
            at = next;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : at) {
            if (out.size() >= MAX_VALUES) {
                break;
            }
            if (n.isArray()) {
                out.add(n.toString());
                for (JsonNode x : n) {
                    if (out.size() < MAX_VALUES) {
                        out.add(text(x));
                    }
                }
            } else {
                out.add(text(n));
            }
        }
        return out;
    }

    private static void collect(JsonNode n, List<JsonNode> into) {
        if (n == null || n.isMissingNode() || into.size() >= MAX_VALUES) {
            return;
        }
        into.add(n);
    }

    private static String text(JsonNode n) {
        return n.isNull() ? null : n.isContainerNode() ? n.toString() : n.asText();
    }

    @Override
    List<String> keywordTexts() {
        return List.of(event.line());
    }

    private JsonNode root() {
        if (!parsed) {
            parsed = true;
            try {
                JsonNode r = MAPPER.readTree(event.line());
                root = r != null && r.isObject() ? r : null;
            } catch (JsonProcessingException notJson) {
                // the parser recognised it as JSON, so this does not happen; a record we cannot read has no fields
                root = null;
            }
        }
        return root;
    }
}
