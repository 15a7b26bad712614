package dev.soctriage.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What the verdict suggests; the remediation flow follows from it (never from model text). */
public enum Action {
    BLOCK_IP("ip"),
    DISABLE_USER("user"),
    MONITOR(null);

    private static final String[] WIRE = WireNames.of(values());
    private final String targetType;

    Action(String targetType) {
        this.targetType = targetType;
    }

    @JsonValue
    public String wire() {
        return WIRE[ordinal()];
    }

    /** The Kestra flow id in {@code KESTRA_NAMESPACE} that carries this action out: the wire name with {@code -}. */
    public String flow() {
        return wire().replace('_', '-');
    }

    /** {@code ip}, {@code user}, or null for monitor. */
    public String targetType() {
        return targetType;
    }

    @JsonCreator
    public static Action fromWire(String s) {
        return WireNames.parse(values(), WIRE, s, "action");
    }
}
