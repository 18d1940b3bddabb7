package io.reelflow.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestsFirstTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void withNoRequestInFlightEveryExecutorThreadRunsAtOnce() throws Exception {
        RequestsFirst gate = new RequestsFirst(1, Duration.ZERO);
        gate.requestStarted();
        gate.requestDone();
        CountDownLatch allRunning = new CountDownLatch(4);
        List<Future<Boolean>> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Runnable job = gate.decorate(() -> {
                allRunning.countDown();
                await(allRunning); // only returns if the four jobs run at the same time
            });
            jobs.add(threads.submit(job, true));
        }
        for (Future<Boolean> f : jobs) assertThat(f.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void whileRequestsAreServedJobsTakeTurnsInOneLane() throws Exception {
        RequestsFirst gate = new RequestsFirst(1, Duration.ZERO);
        gate.requestStarted();
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicBoolean secondRan = new AtomicBoolean();
        Future<?> first = threads.submit(gate.decorate(() -> {
            firstRunning.countDown();
            await(releaseFirst);
        }));
        assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
        Future<?> second = threads.submit(gate.decorate(() -> secondRan.set(true)));

        waitUntil(() -> gate.jobsWaiting() == 1);
        assertThat(secondRan).as("the second job waits for the lane").isFalse();
        releaseFirst.countDown();
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        assertThat(secondRan).isTrue();
        gate.requestDone();
        assertThat(gate.requestsInFlight()).isZero();
    }

    @Test
    void justAfterARequestTheExecutorStaysNarrowForTheQuietPeriod() throws Exception {
        RequestsFirst gate = new RequestsFirst(1, Duration.ofHours(1));
        assertThat(gate.serving()).as("nothing served yet").isFalse();
        gate.requestStarted();
        gate.requestDone();
        assertThat(gate.requestsInFlight()).isZero();
        assertThat(gate.serving()).as("within the quiet period").isTrue();

        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        Future<?> first = threads.submit(gate.decorate(() -> {
            firstRunning.countDown();
            await(releaseFirst);
        }));
        assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
        Future<?> second = threads.submit(gate.decorate(() -> { }));
        waitUntil(() -> gate.jobsWaiting() == 1);
        releaseFirst.countDown();
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theBackgroundNeverStops() {
        assertThatThrownBy(() -> new RequestsFirst(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one lane");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) throw new AssertionError("latch not reached");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not reached in 10 s");
            Thread.sleep(5);
        }
    }
}
