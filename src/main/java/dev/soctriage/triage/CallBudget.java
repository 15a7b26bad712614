package dev.soctriage.triage;

import java.time.Instant;

/**
 * When model calls must stop, asked again before each group's call: the caller keeps the time its own
 * work after triage needs (writing the verdicts), which grows with what triage finds.
 */
public interface CallBudget {
    /** No call may start, or run, past this. */
    Instant modelDeadline();

    /** Told of each judgement as it is made, from the judging threads. */
    default void judged(Judgement j) {
    }

    /** A fixed deadline. */
    static CallBudget until(Instant deadline) {
        return () -> deadline;
    }
}
