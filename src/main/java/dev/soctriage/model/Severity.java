package dev.soctriage.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Verdict severity, ordered: {@code low < medium < high < critical}. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but the four wire names */
    @JsonCreator
    public static Severity fromWire(String s) {
        for (Severity v : values()) {
            if (v.wire().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("severity must be one of low, medium, high, critical");
    }

    /** 1 (low) .. 4 (critical): the index key's leading digit. */
    public int rank() {
        return ordinal() + 1;
    }
}
