package dev.soctriage.verdict;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * Templates the model judged benign, remembered across invocations for a while
 * ({@code triage.memory.ttl}) so that the same pattern is not asked about again. Keys are digests of
 * a group's (format, template) computed by the caller; nothing of the log text is stored.
 *
 * <p>Domain exceptions: {@link StoreUnavailableException} (transient: throttling, network; the caller
 * fails so the platform retries).
 */
public interface TemplateMemory {

    /** Which of {@code keys} are remembered at {@code now}: one round trip per 100 keys. */
    Set<String> remembered(Collection<String> keys, Instant now);

    /** Remembers {@code key} as benign from {@code now} for the configured time; a later call extends it. */
    void remember(String key, Instant now);

    /** {@link #remember} for many keys: one round trip per 25. */
    void rememberAll(Collection<String> keys, Instant now);
}
