package dev.soctriage.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.soctriage.model.Field;
import dev.soctriage.model.LogEvent;

/** A parsed event's fields behave as the Map they are, listed in the vocabulary's order. */
class ParsedFieldsTest {
    private static Parsed parsed() {
        return new Parsed(new LogEvent("e1", 0, "x"), "x", null, Instant.EPOCH);
    }

    @Test
    void everyKey_hasItsOwnWireName() {
        assertEquals(Field.values().length, java.util.Arrays.stream(Field.values()).map(Field::wire).distinct().count());
        assertEquals("target_user", Field.TARGET_USER.wire());
    }

    @Test
    void builtFields_equalTheMapOfWhatWasPut_inVocabularyOrder() {
        Parsed p = parsed().put(Field.STATUS, "401").put(Field.EVENT, "Failed password").put(Field.PATH, "-")
                .put(Field.LEVEL, "").put(Field.TARGET_USER, "root");
        Map<Field, String> fields = p.build().fields();
        assertEquals(Map.of(Field.EVENT, "Failed password", Field.TARGET_USER, "root", Field.STATUS, "401"), fields);
        assertEquals(fields, Map.of(Field.EVENT, "Failed password", Field.TARGET_USER, "root", Field.STATUS, "401"));
        assertEquals(List.of(Field.EVENT, Field.TARGET_USER, Field.STATUS), List.copyOf(fields.keySet()));
        assertEquals(3, fields.size());
        assertTrue(fields.containsKey(Field.STATUS));
        assertFalse(fields.containsKey(Field.PATH), "'-' means none");
        assertThrows(UnsupportedOperationException.class, () -> fields.put(Field.HOST, "h"));
    }

    @Test
    void aBuiltEvent_doesNotChange_whenItsBuilderDoes() {
        Parsed p = parsed().put(Field.EVENT, "a");
        ParsedEvent built = p.build();
        p.put(Field.EVENT, "b");
        p.clearFields();
        assertEquals("a", built.field(Field.EVENT));
    }
}
