package dev.soctriage.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Verdict severity, ordered: {@code low < medium < high < critical}. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    private static final String[] WIRE = WireNames.of(values());

    @JsonValue
    public String wire() {
        return WIRE[ordinal()];
    }

    /** @throws IllegalArgumentException for anything but the four wire names */
    @JsonCreator
    public static Severity fromWire(String s) {
        return WireNames.parse(values(), WIRE, s, "severity");
    }

    /** 1 (low) .. 4 (critical): the index key's leading digit. */
    public int rank() {
        return ordinal() + 1;
    }
}
