package io.reelflow.platform.jobs;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.task.TaskDecorator;

/**
 * Requests before background work: while HTTP requests are being served (and for a short quiet period after the
 * last one, so that a single client's requests do not find the executor at full width between two calls), at most
 * {@code lanes} job executor threads run jobs at a time; otherwise every executor thread runs. A CRM call waits for its
 * answer, a job does not: on two cores, five executor threads working off the steps of earlier deals would
 * otherwise take the CPU from the requests. The background never stops (one lane at least), it only yields; the
 * backlog is worked off at full speed as soon as the requests ease.
 */
public final class RequestsFirst implements TaskDecorator {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Semaphore lanes;
    private final long quietNanos;
    private volatile long lastRequestDone;

    public RequestsFirst(int lanesWhileServing, java.time.Duration quietPeriod) {
        if (lanesWhileServing < 1) throw new IllegalArgumentException("at least one lane, or the background would starve");
        if (quietPeriod.isNegative()) throw new IllegalArgumentException("quiet period must not be negative");
        this.lanes = new Semaphore(lanesWhileServing, true);
        this.quietNanos = quietPeriod.toNanos();
        this.lastRequestDone = System.nanoTime() - quietNanos - 1;
    }

    /** A request begins: call {@link #requestDone()} when it ends. */
    public void requestStarted() {
        inFlight.incrementAndGet();
    }

    public void requestDone() {
        lastRequestDone = System.nanoTime();
        inFlight.decrementAndGet();
    }

    /** Requests in flight, or the last one ended less than the quiet period ago. */
    public boolean serving() {
        return inFlight.get() > 0 || System.nanoTime() - lastRequestDone <= quietNanos;
    }

    public int requestsInFlight() {
        return inFlight.get();
    }

    /** Executor threads waiting for a lane (their jobs stay locked to them). */
    public int jobsWaiting() {
        return lanes.getQueueLength();
    }

    /** Wraps one batch of jobs handed to an executor thread. */
    @Override
    public Runnable decorate(Runnable jobs) {
        return () -> {
            if (!serving()) {
                jobs.run();
                return;
            }
            lanes.acquireUninterruptibly();
            try {
                jobs.run();
            } finally {
                lanes.release();
            }
        };
    }
}
