package dev.soctriage.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What the verdict suggests; the remediation flow follows from it (never from model text). */
public enum Action {
    BLOCK_IP("block_ip", "block-ip", "ip"),
    DISABLE_USER("disable_user", "disable-user", "user"),
    MONITOR("monitor", "monitor", null);

    private final String wire;
    private final String flow;
    private final String targetType;

    Action(String wire, String flow, String targetType) {
        this.wire = wire;
        this.flow = flow;
        this.targetType = targetType;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The Kestra flow id in {@code KESTRA_NAMESPACE} that carries this action out. */
    public String flow() {
        return flow;
    }

    /** {@code ip}, {@code user}, or null for monitor. */
    public String targetType() {
        return targetType;
    }

    @JsonCreator
    public static Action fromWire(String s) {
        for (Action a : values()) {
            if (a.wire.equals(s)) {
                return a;
            }
        }
        throw new IllegalArgumentException("action must be one of block_ip, disable_user, monitor");
    }
}
