package dev.soctriage.detect;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of the engine's safety stops, for logs and tests: no event text, only counts. */
final class RuleStats {
    private static final AtomicLong REGEX_EXHAUSTED = new AtomicLong();

    private RuleStats() {
    }

    static void regexBudgetExhausted() {
        REGEX_EXHAUSTED.incrementAndGet();
    }

    /** Regular-expression searches stopped at their budget since start. */
    static long regexBudgetsExhausted() {
        return REGEX_EXHAUSTED.get();
    }
}
