package dev.soctriage.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import dev.soctriage.model.Signal;
import dev.soctriage.triage.CallBudget;
import dev.soctriage.triage.Judgement;

/**
 * Model calls and verdict writes share one invocation's time: calls stop when what is left is what the
 * writes need — a fixed reserve, plus each verdict to write at {@code ingest.write-estimate}, in parallel
 * batches of {@code store.write-concurrency}. The verdicts to write are counted before the first call
 * (every group with a signal, every finding already made without a call) and grow as the model flags a
 * group without one, so a delivery of many attackers stops asking in time and the rules judge the rest.
 */
final class WriteBudget implements CallBudget {
    private final Clock clock;
    private final Instant deadline;
    private final Duration reserve;
    private final Duration perWrite;
    private final int concurrency;
    private final AtomicInteger verdicts;

    /**
     * @param deadline  the invocation's end ({@code ingest.time-budget} from its start)
     * @param verdicts  verdicts expected before any call
     */
    WriteBudget(Clock clock, Instant deadline, Duration reserve, Duration perWrite, int concurrency, int verdicts) {
        this.clock = clock;
        this.deadline = deadline;
        this.reserve = reserve;
        this.perWrite = perWrite;
        this.concurrency = concurrency;
        this.verdicts = new AtomicInteger(verdicts);
    }

    @Override
    public Instant modelDeadline() {
        return deadline.minus(reserve).minus(writeTime(verdicts.get()));
    }

    @Override
    public void judged(Judgement j) {
        // a group with a signal was counted already; another one the model flagged adds a verdict
        if (j.finding().isPresent() && j.group() != null && j.group().signal() == Signal.NONE) {
            verdicts.incrementAndGet();
        }
    }

    /** What writing {@code n} verdicts is budgeted at. */
    Duration writeTime(int n) {
        return perWrite.multipliedBy((n + concurrency - 1L) / concurrency);
    }

    /** Whether the writes of {@code n} verdicts still fit before the deadline, the reserve kept. */
    boolean fits(int n) {
        return !clock.instant().plus(writeTime(n)).isAfter(deadline.minus(reserve));
    }
}
