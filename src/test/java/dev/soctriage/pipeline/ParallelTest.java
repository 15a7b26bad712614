package dev.soctriage.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.soctriage.verdict.StoreUnavailableException;

/**
 * The two reads ingest-triage makes at once before judging (the analyst's feedback, what the store knows of
 * the groups): both run, a failure of either fails the pair as itself, and neither is still running when the
 * pair has failed, so nothing of a failed invocation goes on after it.
 */
class ParallelTest {
    private final ExecutorService workers = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    @Test
    void both_runAtOnce_andGiveBothResults() {
        // given two steps that each wait for the other to have started: only concurrent steps end
        CountDownLatch started = new CountDownLatch(2);
        AtomicReference<String> secondThread = new AtomicReference<>();

        // when
        Parallel.Both<String, Integer> both = Parallel.both(workers, () -> {
            started.countDown();
            awaitOrFail(started);
            return "feedback";
        }, () -> {
            secondThread.set(Thread.currentThread().getName());
            started.countDown();
            awaitOrFail(started);
            return 42;
        });

        // then
        assertEquals("feedback", both.first());
        assertEquals(42, both.second());
        assertTrue(!secondThread.get().equals(Thread.currentThread().getName()), "the second step ran on a worker");
    }

    @Test
    void aFailedBackgroundRead_failsThePairAsItself_afterTheOtherEnded() {
        // given a background read that fails while the first step is still running
        StoreUnavailableException failure = new StoreUnavailableException("verdict store unavailable: test", null);
        CountDownLatch failed = new CountDownLatch(1);
        AtomicBoolean firstEnded = new AtomicBoolean();

        // when
        StoreUnavailableException thrown = assertThrows(StoreUnavailableException.class,
                () -> Parallel.both(workers, () -> {
                    awaitOrFail(failed);
                    firstEnded.set(true);
                    return "feedback";
                }, () -> {
                    failed.countDown();
                    throw failure;
                }));

        // then: the store's own exception, not a wrapper, and only once the first step was done
        assertSame(failure, thrown);
        assertTrue(firstEnded.get());
    }

    @Test
    void aFailedFirstStep_waitsForTheBackgroundRead_andIsTheFailureReported() {
        // given a first step that fails at once while the background read is still running
        StoreUnavailableException failure = new StoreUnavailableException("suppressions unavailable: test", null);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean backgroundEnded = new AtomicBoolean();

        // when
        StoreUnavailableException thrown = assertThrows(StoreUnavailableException.class,
                () -> Parallel.both(workers, () -> {
                    workers.execute(release::countDown);
                    throw failure;
                }, () -> {
                    awaitOrFail(release);
                    backgroundEnded.set(true);
                    throw new StoreUnavailableException("the second failure, not reported", null);
                }));

        // then: the first step's failure, and the background read had ended before the pair failed
        assertSame(failure, thrown);
        assertTrue(backgroundEnded.get());
    }

    private static void awaitOrFail(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other step never started");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
