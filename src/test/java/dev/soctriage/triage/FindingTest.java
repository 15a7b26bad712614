package dev.soctriage.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.soctriage.group.EventGroup;
import dev.soctriage.group.Groups;
import dev.soctriage.guard.Guard;
import dev.soctriage.model.Action;
import dev.soctriage.model.Severity;

class FindingTest {
    private final Guard guard = new Guard(List.of());

    @Test
    void groundedBy_degradesAPrivateBlockToMonitorWithoutTarget() {
        EventGroup g = Groups.of(Groups.event("scan", "10.0.3.4", null));
        Finding f = Finding.byRules(Severity.MEDIUM, "Port scan", Action.BLOCK_IP, "10.0.3.4", "r", List.of("T1046"));

        Finding grounded = f.groundedBy(guard, g);

        assertEquals(Action.MONITOR, grounded.action());
        assertNull(grounded.target());
        assertEquals("refused rules target 10.0.3.4: not a public address", grounded.guard());
    }

    @Test
    void groundedBy_keepsAGroundedFindingAsItIs() {
        EventGroup g = Groups.of(Groups.event("x", "203.0.113.5", null));
        Finding f = Finding.byRules(Severity.HIGH, "SQL injection", Action.BLOCK_IP, "203.0.113.5", "r", List.of("T1190"));

        assertEquals(f, f.groundedBy(guard, g));
        assertFalse(Mitre.isKnown("T9999"));
    }
}
