package io.reelflow.delivery;

import io.reelflow.delivery.InspectionRequests.Claim;
import io.reelflow.delivery.InspectionRequests.Item;
import io.reelflow.delivery.InspectionRequests.Outcome;
import io.reelflow.inspection.DeliveryOrder;
import io.reelflow.inspection.Finding;
import io.reelflow.inspection.HashProgressListener;
import io.reelflow.inspection.ImfPackageInspector;
import io.reelflow.inspection.InspectionReport;
import io.reelflow.inspection.LoudnessRules;
import io.reelflow.inspection.TimedTextExpectations;
import io.reelflow.inspection.TimedTextInspector;
import io.reelflow.inspection.TrackKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the queued inspections on a small pool of its own (never on the engine's job executor, so a package of
 * hundreds of GiB holds neither a job lock nor the executor lane that requests leave to the background). Each
 * worker claims one request at a time, beats while it works (bytes hashed of total, so progress and time left are
 * in {@code GET /api/deliveries/{id}}), stores the outcome and every finding, and tells the waiting process. A
 * request whose worker stopped (a crash, a restart) is claimed again once its heartbeat is stale; one given back on
 * shutdown is queued again at once. Nothing a file contains can fail the worker: whatever the inspector throws
 * becomes an ERROR finding on that file.
 */
@Component
public class InspectionWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InspectionWorker.class);

    /** Test hook: called in the worker thread with the request id before a claimed request is inspected. */
    static volatile Consumer<Long> beforeInspection = id -> { };
    /** Test hook: told every hashing progress report (from the hashing threads). */
    static volatile HashProgressListener progressHook = HashProgressListener.NONE;

    private final InspectionRequests requests;
    private final DeliveryService deliveries;
    private final DeliveryStorage storage;
    private final boolean enabled;
    private final int workers;
    private final int hashThreads;
    private final long pollMillis;
    private final long heartbeatMillis;
    private final Duration staleAfter;
    private final boolean loudness;
    private final Duration loudnessBudget;
    private final String name = "inspection-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<UUID, Running> running = new ConcurrentHashMap<>(); // by claim token
    private final List<Thread> threads = new ArrayList<>();
    private ScheduledExecutorService heartbeat;
    private volatile boolean active;

    private record Running(Claim claim, AtomicLong done, AtomicLong total, Thread thread) {
    }

    public InspectionWorker(InspectionRequests requests, DeliveryService deliveries, DeliveryStorage storage,
                            @Value("${reelflow.inspection.enabled:true}") boolean enabled,
                            @Value("${reelflow.inspection.workers:2}") int workers,
                            @Value("${reelflow.inspection.hash-threads:2}") int hashThreads,
                            @Value("${reelflow.inspection.poll-ms:2000}") long pollMillis,
                            @Value("${reelflow.inspection.heartbeat-ms:1000}") long heartbeatMillis,
                            @Value("${reelflow.inspection.stale-after-ms:60000}") long staleAfterMillis,
                            @Value("${reelflow.inspection.loudness:true}") boolean loudness,
                            @Value("${reelflow.inspection.loudness-budget-s:900}") long loudnessBudgetSeconds) {
        if (workers < 1 || workers > 32) throw new IllegalStateException("reelflow.inspection.workers: between 1 and 32, not " + workers);
        if (hashThreads < 1 || hashThreads > 32) throw new IllegalStateException("reelflow.inspection.hash-threads: between 1 and 32, not " + hashThreads);
        if (heartbeatMillis < 10 || staleAfterMillis < 3 * heartbeatMillis) {
            throw new IllegalStateException("reelflow.inspection.stale-after-ms must be at least three heartbeats (heartbeat-ms)");
        }
        this.requests = requests;
        this.deliveries = deliveries;
        this.storage = storage;
        this.enabled = enabled;
        this.workers = workers;
        this.hashThreads = hashThreads;
        this.pollMillis = Math.max(10, pollMillis);
        this.heartbeatMillis = heartbeatMillis;
        this.staleAfter = Duration.ofMillis(staleAfterMillis);
        if (loudnessBudgetSeconds < 1 || loudnessBudgetSeconds > 86_400) {
            throw new IllegalStateException("reelflow.inspection.loudness-budget-s: between 1 and 86400, not " + loudnessBudgetSeconds);
        }
        this.loudness = loudness;
        this.loudnessBudget = Duration.ofSeconds(loudnessBudgetSeconds);
    }

    @Override
    public synchronized void start() {
        if (!enabled || active) return;
        active = true;
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + "-heartbeat"));
        heartbeat.scheduleWithFixedDelay(this::beat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
        for (int i = 0; i < workers; i++) {
            Thread t = daemon(this::loop, name + "-" + i);
            threads.add(t);
            t.start();
        }
        log.info("Inspection workers started: {} workers, {} hash threads each", workers, hashThreads);
    }

    @Override
    public synchronized void stop() {
        if (!active) return;
        active = false;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
        heartbeat.shutdownNow();
        // whatever is still held goes back to the queue: the next start runs it again
        for (Running r : running.values()) {
            try {
                requests.release(r.claim());
            } catch (RuntimeException e) {
                log.warn("Inspection request {} not given back; it is taken over once its heartbeat is stale", r.claim().id(), e);
            }
        }
        running.clear();
    }

    @Override
    public boolean isRunning() {
        return active;
    }

    /** After the engine and the web server (default phase), before them on shutdown. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void loop() {
        while (active && !Thread.currentThread().isInterrupted()) {
            try {
                boolean worked = tellProcesses();
                Optional<Claim> claim = requests.claim(name, staleAfter);
                if (claim.isPresent()) {
                    run(claim.get());
                    tellProcesses();
                } else if (!worked) {
                    requests.awaitSignal(pollMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                if (!active) break;
                log.warn("Inspection worker: {}; trying again shortly", e.toString());
                try {
                    Thread.sleep(pollMillis);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Correlates the outcomes that wait to be told; true when any was. */
    private boolean tellProcesses() {
        boolean any = false;
        for (int i = 0; i < 100 && active; i++) {
            try {
                if (!requests.correlateNext()) break;
                any = true;
            } catch (RuntimeException e) {
                // the process was busy (another branch moved at the same moment) or waits elsewhere: try again later
                log.info("Inspection outcome not handed over yet: {}", e.toString());
                requests.correlationFailed(e.toString());
            }
        }
        return any;
    }

    private void run(Claim claim) {
        Running r = new Running(claim, new AtomicLong(), new AtomicLong(), Thread.currentThread());
        running.put(claim.token(), r);
        try {
            beforeInspection.accept(claim.id());
            Outcome outcome = inspect(claim, (done, total) -> {
                r.done().set(done);
                r.total().set(total);
                progressHook.onProgress(done, total);
            });
            if (!active || Thread.currentThread().isInterrupted()) throw new java.util.concurrent.CancellationException("stopping");
            running.remove(claim.token());
            if (!requests.finish(claim, outcome, deliveries)) {
                log.warn("Inspection request {} was taken over by another worker; this outcome is dropped", claim.id());
            }
        } catch (java.util.concurrent.CancellationException e) {
            // stopping, or the claim was lost: the request goes back to the queue (nothing happens if another worker holds it)
            boolean interrupted = Thread.interrupted();
            requests.release(claim);
            if (interrupted) Thread.currentThread().interrupt();
        } finally {
            running.remove(claim.token());
        }
    }

    private void beat() {
        for (Running r : running.values()) {
            try {
                if (!requests.heartbeat(r.claim(), r.done().get(), r.total().get())) {
                    log.warn("Inspection request {}: claim lost, stopping this run", r.claim().id());
                    if (running.remove(r.claim().token(), r)) r.thread().interrupt();
                }
            } catch (RuntimeException e) {
                log.warn("Inspection heartbeat failed: {}", e.toString());
            }
        }
    }

    /**
     * Inspects one request. Never throws because of what a file contains: whatever the inspector throws becomes a
     * finding. What the service itself fails at (the database) propagates: the claim lapses and is run again.
     */
    Outcome inspect(Claim claim, HashProgressListener progress) {
        String shown = claim.location();
        boolean isPackage = claim.subject() == InspectionRequests.Subject.PACKAGE;
        DeliveryOrder order = isPackage ? deliveries.deliveryOrder(claim.deliveryId()) : null;
        DeliveryService.Track t = isPackage ? null : deliveries.track(claim.trackId());
        boolean timedText = t != null && (t.kind() == TrackKind.SUBTITLE || t.kind() == TrackKind.FORCED_NARRATIVE);
        TimedTextExpectations expected = timedText ? deliveries.timedTextExpectations(t.id()) : null;
        try {
            Optional<Path> real = storage.resolve(claim.location());
            if (isPackage) {
                if (real.isEmpty() || !Files.isDirectory(real.get())) {
                    return refused("The package location '" + shown + "' is not a folder on the delivery storage: nothing was inspected.", shown);
                }
                ImfPackageInspector inspector = new ImfPackageInspector(hashThreads, progress);
                // PCM audio track files are also metered (loudness, true peak), within the time budget
                return of((loudness ? inspector.withLoudness(loudnessBudget) : inspector).inspect(real.get(), order));
            }
            if (real.isEmpty() || !Files.isRegularFile(real.get()) || !Files.isReadable(real.get())) {
                return refused("The file '" + shown + "' is not a readable file on the delivery storage: nothing was inspected.", shown);
            }
            if (timedText) return of(new TimedTextInspector().inspect(real.get(), expected));
            if (claim.durationSeconds() == null || claim.durationSeconds().signum() <= 0) {
                String message = "The vendor did not report the audio's duration (durationSeconds): it cannot be checked against the picture.";
                return new Outcome(false, message, List.of(Item.error("AUDIO_DURATION_UNKNOWN", shown, message)));
            }
            String received = "Audio file received, " + claim.durationSeconds().toPlainString()
                    + " s; its duration is checked against the composition at the readiness gate.";
            // an IMF audio track file (PCM in MXF) is metered too; anything else is taken as it is
            Optional<InspectionReport> metered = loudness
                    ? LoudnessRules.inspectTrackFile(real.get(), shown, loudnessBudget) : Optional.empty();
            if (metered.isEmpty()) return new Outcome(true, received, List.of());
            Outcome measured = of(metered.get());
            String notes = String.join("; ", metered.get().notes());
            return new Outcome(measured.passed(), received + (notes.isEmpty() ? "" : " " + notes + ".")
                    + (measured.findings().isEmpty() ? "" : " " + metered.get().summary()), measured.findings());
        } catch (java.util.concurrent.CancellationException e) {
            throw e;
        } catch (Throwable e) { // a file's content must never fail the inspection: it is a finding on that file
            String message = "The inspection of '" + shown + "' stopped on this file (" + plainWords(e) + "): it cannot be accepted as delivered.";
            log.info("Inspection request {}: {} ({})", claim.id(), message, e.toString());
            return new Outcome(false, message, List.of(Item.error("INSPECTION_FAILED", shown, message)));
        }
    }

    private static Outcome refused(String message, String location) {
        return new Outcome(false, message, List.of(Item.error("LOCATION_NOT_ON_STORAGE", location, message)));
    }

    private static Outcome of(InspectionReport report) {
        List<Item> items = new ArrayList<>(report.findings().size());
        for (Finding f : report.findings()) items.add(Item.of(f));
        return new Outcome(report.passed(), report.summary(), items);
    }

    private static String plainWords(Throwable e) {
        if (e instanceof StackOverflowError) return "its structure is nested too deeply to read";
        if (e instanceof OutOfMemoryError) return "it is too large to read";
        if (e instanceof java.io.IOException) return "it could not be read";
        return "it could not be read as expected";
    }

    /** Inspections held by this node right now (for tests and metrics). */
    int running() {
        return running.size();
    }
}
