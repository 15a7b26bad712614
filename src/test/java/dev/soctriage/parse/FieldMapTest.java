package dev.soctriage.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.soctriage.model.Fields;
import dev.soctriage.model.LogEvent;

/** A parsed event's fields behave as the Map they are, listed in the vocabulary's order. */
class FieldMapTest {
    private static Parsed parsed() {
        return new Parsed(new LogEvent("e1", 0, "x"), "x", null, Instant.EPOCH);
    }

    @Test
    void everyKey_hasItsOwnSlot() {
        assertEquals(Fields.ALL.size(), new HashSet<>(Fields.ALL).size());
        for (int i = 0; i < Fields.ALL.size(); i++) {
            assertEquals(i, Fields.index(Fields.ALL.get(i)), Fields.ALL.get(i));
        }
        assertEquals(-1, Fields.index("not_a_field"));
        assertEquals(-1, Fields.index(42));
    }

    @Test
    void builtFields_equalTheMapOfWhatWasPut_inVocabularyOrder() {
        Parsed p = parsed().put(Fields.STATUS, "401").put(Fields.EVENT, "Failed password").put(Fields.PATH, "-")
                .put(Fields.LEVEL, "").put(Fields.TARGET_USER, "root");
        Map<String, String> fields = p.build().fields();
        assertEquals(Map.of(Fields.EVENT, "Failed password", Fields.TARGET_USER, "root", Fields.STATUS, "401"), fields);
        assertEquals(fields, Map.of(Fields.EVENT, "Failed password", Fields.TARGET_USER, "root", Fields.STATUS, "401"));
        assertEquals(List.of(Fields.EVENT, Fields.TARGET_USER, Fields.STATUS), List.copyOf(fields.keySet()));
        assertEquals(3, fields.size());
        assertTrue(fields.containsKey(Fields.STATUS));
        assertFalse(fields.containsKey(Fields.PATH), "'-' means none");
        assertNull(fields.get("not_a_field"));
        assertThrows(UnsupportedOperationException.class, () -> fields.put(Fields.HOST, "h"));
    }

    @Test
    void aBuiltEvent_doesNotChange_whenItsBuilderDoes() {
        Parsed p = parsed().put(Fields.EVENT, "a");
        ParsedEvent built = p.build();
        p.put(Fields.EVENT, "b");
        p.clearFields();
        assertEquals("a", built.field(Fields.EVENT));
    }

    @Test
    void anUnknownKey_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> parsed().put("not_a_field", "v"));
    }
}
