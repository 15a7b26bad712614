package dev.soctriage.pipeline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Two independent steps of one invocation at once: the second on a worker thread, the first on the caller's;
 * both always run to their end before either result or failure is given back, so nothing of the invocation
 * runs on after it returned or failed. A failure comes back as itself (never wrapped), the first step's
 * before the second's: to its caller the pair fails as the same steps one after the other would.
 * Used for store reads that do not depend on each other (docs/architecture.md, "the warm path").
 */
final class Parallel {
    /** What both steps gave. */
    record Both<A, B>(A first, B second) {
    }

    private Parallel() {
    }

    static <A, B> Both<A, B> both(Executor workers, Supplier<A> first, Supplier<B> second) {
        CompletableFuture<B> background = CompletableFuture.supplyAsync(second, workers);
        A a;
        try {
            a = first.get();
        } catch (RuntimeException | Error e) {
            awaitQuietly(background);
            throw e;
        }
        try {
            return new Both<>(a, background.join());
        } catch (CompletionException e) {
            throw unwrapped(e);
        }
    }

    /** Lets the background step end; its own failure, if any, is dropped for the caller's. */
    private static void awaitQuietly(CompletableFuture<?> background) {
        try {
            background.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            // the first step's failure is the one reported
        }
    }

    private static RuntimeException unwrapped(CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return e;
    }
}
