package dev.soctriage.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** What judged a group; the verdict document's {@code engine} holds the wire name. */
public enum Engine {
    /** the model's verdict, validated and grounded */
    LLM,
    /** the built-in detectors: no API key, the model unavailable, or its answer refused */
    RULES;

    private static final String[] WIRE = WireNames.of(values());

    /** {@code llm} or {@code rules}, as the verdict document spells it. */
    @JsonValue
    public String wire() {
        return WIRE[ordinal()];
    }

    @Override
    public String toString() {
        return wire();
    }
}
