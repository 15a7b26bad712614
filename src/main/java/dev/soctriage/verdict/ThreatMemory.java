package dev.soctriage.verdict;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Threats the model confirmed, remembered by pattern for {@code triage.memory.threat-ttl}. Keys are
 * digests of a group's (format, template, signal) computed by the caller; nothing of the log text is
 * stored. A confirmation stops counting as soon as an analyst rejects the verdict it was written to, or
 * any verdict written from it ({@link #revoke}).
 *
 * <p>Domain exceptions: {@link StoreUnavailableException} (transient: the caller fails so the platform
 * retries).
 */
public interface ThreatMemory {

    /**
     * The confirmations remembered under {@code keys} at {@code now} whose verdict no analyst rejected:
     * two round trips per 100 keys (the confirmations, then their verdicts' status).
     */
    Map<String, ConfirmedThreat> recall(Collection<String> keys, Instant now);

    /** Remembers each confirmation under its key from {@code now}; a later one replaces it. */
    void confirm(Map<String, ConfirmedThreat> confirmations, Instant now);

    /**
     * An analyst rejected verdict {@code verdictId}, or a verdict remembered from it: its confirmation is
     * no longer recalled. A verdict that no longer exists is ignored.
     */
    void revoke(String verdictId);
}
