package dev.soctriage.triage.llm;

import java.time.Duration;
import java.util.Optional;

/** 429: retried after {@code retry-after} when that still ends before the deadline. */
public class ModelRateLimitedException extends ModelCallException {
    private final Duration retryAfter;

    public ModelRateLimitedException(Duration retryAfter) {
        super("rate limited (429)");
        this.retryAfter = retryAfter;
    }

    /** The server's {@code retry-after}, when it sent one in seconds. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
