package io.reelflow.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The figures' cache: at most one reading per TTL, a scrape never queues behind a slow database, failures show as unknown. */
class SnapshotCacheTest {

    private static final Duration TTL = Duration.ofSeconds(10);
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final AtomicInteger readings = new AtomicInteger();
    private final List<Integer> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    private SnapshotCache<Integer> cache(Supplier<Integer> loader, Duration maxWait) {
        return new SnapshotCache<>(loader, TTL, maxWait, background, clock::get, seen::add);
    }

    private Supplier<Integer> counting() {
        return readings::incrementAndGet;
    }

    /** Waits until the background reading (and the hand-over after it) has finished. */
    /** Counts readings; reading number {@code slow} signals {@code started} and waits for {@code release}. */
    private static Supplier<Integer> blockingAt(int slow, AtomicInteger counter, CountDownLatch started, CountDownLatch release) {
        return () -> {
            int v = counter.incrementAndGet();
            if (v == slow) {
                started.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return v;
        };
    }

    private void idle() {
        try {
            background.submit(() -> { }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void advance(Duration d) {
        clock.addAndGet(d.toNanos());
    }

    @Test
    void readsOnceAndServesTheKeptValueUntilTheTtlHasPassed() {
        SnapshotCache<Integer> c = cache(counting(), Duration.ofSeconds(5));
        assertThat(c.get()).isEqualTo(1);
        advance(Duration.ofSeconds(9));
        assertThat(c.get()).isEqualTo(1);
        assertThat(c.get()).isEqualTo(1);
        assertThat(readings).hasValue(1);
        advance(Duration.ofSeconds(1));
        assertThat(c.get()).as("stale: read again, and the quick answer is waited for").isEqualTo(2);
        idle();
        assertThat(seen).as("each new reading handed on once").containsExactly(1, 2);
    }

    @Test
    void aSlowReadingIsNotWaitedForTheKeptValueIsServedAndTheNextCallerGetsTheNewOne() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger n = new AtomicInteger();
        SnapshotCache<Integer> c = cache(blockingAt(2, n, started, release), Duration.ofMillis(20));
        assertThat(c.get()).isEqualTo(1);
        advance(TTL);
        long t0 = System.nanoTime();
        assertThat(c.get()).as("the database is slow: the kept value, at once").isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(c.get()).as("a second caller does not start another reading").isEqualTo(1);
        release.countDown();
        idle();
        assertThat(c.get()).isEqualTo(2);
        assertThat(n).hasValue(2);
    }

    @Test
    void concurrentCallersStartOneReading() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        SnapshotCache<Integer> c = cache(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return readings.incrementAndGet();
        }, Duration.ofSeconds(5));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) answers.add(callers.submit(c::get));
            Thread.sleep(100);
            release.countDown();
            for (Future<Integer> a : answers) assertThat(a.get(5, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(readings).hasValue(1);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aFailedReadingShowsAsUnknownAndIsNotRetriedBeforeTheTtl() {
        AtomicInteger calls = new AtomicInteger();
        boolean[] down = {false};
        SnapshotCache<Integer> c = cache(() -> {
            calls.incrementAndGet();
            if (down[0]) throw new IllegalStateException("database unreachable");
            return calls.get();
        }, Duration.ofSeconds(5));
        assertThat(c.get()).isEqualTo(1);
        down[0] = true;
        advance(TTL);
        assertThat(c.get()).as("not the old figures: unknown").isNull();
        assertThat(c.get()).isNull();
        assertThat(calls).as("no reading per scrape while the database is down").hasValue(2);
        down[0] = false;
        advance(TTL);
        assertThat(c.get()).isEqualTo(3);
        idle();
        assertThat(seen).as("a failed reading is not handed on").containsExactly(1, 3);
    }

    @Test
    void refreshReadsNowEvenWithinTheTtl() {
        SnapshotCache<Integer> c = cache(counting(), Duration.ofSeconds(5));
        assertThat(c.get()).isEqualTo(1);
        assertThat(c.refresh()).isEqualTo(2);
        assertThat(c.get()).isEqualTo(2);
        assertThat(readings).hasValue(2);
    }

    @Test
    void refreshDoesNotReuseAReadingThatStartedBeforeIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SnapshotCache<Integer> c = cache(blockingAt(1, readings, started, release), Duration.ZERO);
        assertThat(c.get()).as("nothing read yet, and no wait").isNull();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> refreshed = caller.submit(c::refresh);
            Thread.sleep(50);
            release.countDown();
            assertThat(refreshed.get(5, TimeUnit.SECONDS)).isEqualTo(2);
        } finally {
            caller.shutdownNow();
        }
    }
}
