package dev.soctriage.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** Only ingest-triage loads its rules at start, on a thread of its own, and a failing load is left to ingest. */
class DetectionsAtStartTest {
    @Test
    void ingestTriage_loadsOnAnotherThread() throws InterruptedException {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Thread t = DetectionsAtStart.begin("ingest-triage", () -> ranOn.set(Thread.currentThread())).orElseThrow();
        t.join(10_000);
        assertEquals(t, ranOn.get());
        assertNotEquals(Thread.currentThread(), ranOn.get());
        assertTrue(t.isDaemon());
    }

    @Test
    void otherFunctions_loadNothing() {
        AtomicReference<Boolean> ran = new AtomicReference<>(false);
        assertEquals(Optional.empty(), DetectionsAtStart.begin("list-pending", () -> ran.set(true)));
        assertEquals(Optional.empty(), DetectionsAtStart.begin("approve", () -> ran.set(true)));
        assertEquals(Optional.empty(), DetectionsAtStart.begin("", () -> ran.set(true)));
        assertEquals(false, ran.get());
    }

    /** The load's failure is ingest's to report, where it needs the rules: the thread lets nothing escape. */
    @Test
    void aFailingLoad_escapesNothing() throws InterruptedException {
        AtomicReference<Throwable> escaped = new AtomicReference<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> escaped.set(e));
        try {
            Thread t = DetectionsAtStart.begin("ingest-triage", () -> {
                throw new IllegalStateException("bad rules");
            }).orElseThrow();
            t.join(10_000);
            assertEquals(Thread.State.TERMINATED, t.getState());
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
        assertEquals(null, escaped.get());
    }
}
