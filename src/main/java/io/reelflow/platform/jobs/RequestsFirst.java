package io.reelflow.platform.jobs;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.task.TaskDecorator;

/**
 * Requests before background work: while HTTP requests are being served, at most {@code lanes} job executor
 * threads run jobs at a time; when no request is in flight, every executor thread runs. A CRM call waits for its
 * answer, a job does not: on two cores, five executor threads working off the steps of earlier deals would
 * otherwise take the CPU from the requests. The background never stops (one lane at least), it only yields; the
 * backlog is worked off at full speed as soon as the requests ease.
 */
public final class RequestsFirst implements TaskDecorator {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Semaphore lanes;
    private final int laneCount;

    public RequestsFirst(int lanesWhileServing) {
        if (lanesWhileServing < 1) throw new IllegalArgumentException("at least one lane, or the background would starve");
        this.laneCount = lanesWhileServing;
        this.lanes = new Semaphore(lanesWhileServing, true);
    }

    /** A request begins: call {@link #requestDone()} when it ends. */
    public void requestStarted() {
        inFlight.incrementAndGet();
    }

    public void requestDone() {
        inFlight.decrementAndGet();
    }

    public int requestsInFlight() {
        return inFlight.get();
    }

    public int lanesWhileServing() {
        return laneCount;
    }

    /** Executor threads waiting for a lane (their jobs stay locked to them). */
    public int jobsWaiting() {
        return lanes.getQueueLength();
    }

    /** Wraps one batch of jobs handed to an executor thread. */
    @Override
    public Runnable decorate(Runnable jobs) {
        return () -> {
            if (inFlight.get() == 0) {
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
