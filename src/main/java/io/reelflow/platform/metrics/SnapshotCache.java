package io.reelflow.platform.metrics;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the last value read and reads again at most once per {@code ttl}, in the background. A
 * caller that finds the value stale starts one reading and waits at most {@code maxWait} for it:
 * when the database answers quickly the caller gets fresh figures, when it does not the caller gets
 * the previous ones at once and the next caller gets the new ones. Callers never queue behind a slow
 * reading, and concurrent callers start one reading between them.
 *
 * <p>A reading that fails empties the cache (figures are unknown rather than silently old) and is
 * not retried before {@code ttl} has passed, so an unreachable database is not hammered by scrapes.
 */
final class SnapshotCache<T> {

    private static final Logger log = LoggerFactory.getLogger(SnapshotCache.class);

    private final Supplier<T> loader;
    private final Duration ttl;
    private final Duration maxWait;
    private final Executor executor;
    private final LongSupplier nanoTime;
    private final Consumer<T> onLoad;

    private volatile T value;
    private volatile long loadedAt;          // nanoTime of the last reading, successful or not
    private volatile boolean loadedOnce;
    private CompletableFuture<T> running;    // guarded by this
    private boolean failing;                 // guarded by this; logs a failure once per streak

    SnapshotCache(Supplier<T> loader, Duration ttl, Duration maxWait, Executor executor, LongSupplier nanoTime, Consumer<T> onLoad) {
        if (ttl.isNegative() || maxWait.isNegative()) throw new IllegalArgumentException("ttl and maxWait must not be negative");
        this.loader = loader;
        this.ttl = ttl;
        this.maxWait = maxWait;
        this.executor = executor;
        this.nanoTime = nanoTime;
        this.onLoad = onLoad;
    }

    /** The current value, or null when none could be read yet (or the last reading failed). */
    T get() {
        if (loadedOnce && nanoTime.getAsLong() - loadedAt < ttl.toNanos()) return value;
        CompletableFuture<T> f = start();
        try {
            return f.get(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return value;
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return value;
        }
    }

    /**
     * Reads now, on the caller's thread, and returns the result (null when the reading failed). A
     * reading already under way may have started before the caller's change: it is waited for, and
     * then a new one is made.
     */
    T refresh() {
        while (true) {
            CompletableFuture<T> f;
            boolean mine;
            synchronized (this) {
                mine = running == null;
                if (mine) running = new CompletableFuture<>();
                f = running;
            }
            if (mine) load(f);
            try {
                T v = f.join();
                if (mine) return v;
            } catch (CompletionException | CancellationException e) {
                if (mine) return null;
            }
        }
    }

    private synchronized CompletableFuture<T> start() {
        if (running != null) return running;
        CompletableFuture<T> f = new CompletableFuture<>();
        running = f;
        try {
            executor.execute(() -> load(f));
        } catch (RuntimeException e) {
            load(f); // executor shut down or full: read on this thread
        }
        return f;
    }

    private void load(CompletableFuture<T> f) {
        T v = null;
        Throwable failure = null;
        try {
            v = loader.get();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        synchronized (this) {
            value = v;
            loadedAt = nanoTime.getAsLong();
            loadedOnce = true;
            running = null;
            if (failure != null && !failing) log.warn("Operations figures could not be read; metrics show NaN until they can", failure);
            else if (failure == null && failing) log.info("Operations figures are read again");
            failing = failure != null;
        }
        if (failure == null) {
            f.complete(v);
            try {
                onLoad.accept(v);
            } catch (RuntimeException e) {
                log.warn("Handling new figures failed", e);
            }
        } else {
            f.completeExceptionally(failure);
        }
    }
}
