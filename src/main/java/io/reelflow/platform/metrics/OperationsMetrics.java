package io.reelflow.platform.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.reelflow.platform.metrics.OperationsSnapshot.IncidentKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reelflow's figures for operators, at {@code /actuator/prometheus}: deals, conflicts, deliveries by
 * stage, QC rejections by category, open incidents, the job executor's backlog. Every figure is read
 * from the database ({@link OperationsQueries}), so it is right after a restart and the same on every
 * node of one database (aggregate over nodes with {@code max}, not {@code sum}). The reading is kept
 * for {@code reelflow.metrics.cache-ttl} and made in the background ({@link SnapshotCache}): a scrape
 * costs a few microseconds, or at most {@code reelflow.metrics.max-wait} when the figures are stale.
 *
 * <p>Counters ({@code _total}) count rows that are never deleted, so they only grow and {@code rate()}
 * and {@code increase()} work on them across restarts. Gauges are the current state. Every value of a
 * tag the code knows (deal statuses, delivery stages, QC categories: each capability contributes its own as a
 * {@link MeterContribution}; the deployed processes for incidents) is exported from the start, at 0 when nothing is there; a value found only in the data
 * appears from the reading that found it on.
 */
@Component
public class OperationsMetrics implements MeterBinder, DisposableBean {

    static final String FAILED_JOB = "failedJob";
    /** Meters whose tag values the capabilities contribute ({@link MeterContribution}). */
    public static final String DEALS = "reelflow.deals", DELIVERIES = "reelflow.deliveries", QC_REJECTIONS = "reelflow.qc.rejections";

    private final OperationsQueries queries;
    private final RepositoryService repository;
    private final ThreadPoolExecutor executor;
    private final SnapshotCache<OperationsSnapshot> cache;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final Set<String> dealStatuses = ConcurrentHashMap.newKeySet();
    private final Set<String> stages = ConcurrentHashMap.newKeySet();
    private final Set<String> categories = ConcurrentHashMap.newKeySet();
    private final Set<IncidentKey> incidentKeys = ConcurrentHashMap.newKeySet();

    public OperationsMetrics(OperationsQueries queries, RepositoryService repository, ObjectProvider<MeterContribution> contributions,
                             @Value("${reelflow.metrics.cache-ttl:10s}") Duration ttl,
                             @Value("${reelflow.metrics.max-wait:50ms}") Duration maxWait) {
        this.queries = queries;
        this.repository = repository;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1), r -> {
            Thread t = new Thread(r, "reelflow-metrics");
            t.setDaemon(true);
            return t;
        });
        this.cache = new SnapshotCache<>(queries::read, ttl, maxWait, executor, System::nanoTime, this::onReading);
        contributions.orderedStream().forEach(c -> {
            Map<String, Collection<String>> known = c.knownTagValues();
            dealStatuses.addAll(known.getOrDefault(DEALS, List.of()));
            stages.addAll(known.getOrDefault(DELIVERIES, List.of()));
            categories.addAll(known.getOrDefault(QC_REJECTIONS, List.of()));
        });
    }

    /** The figures as a scrape sees them; null when they cannot be read. */
    public OperationsSnapshot current() {
        return cache.get();
    }

    /** Reads the figures now (a reading that started before this call is not reused). */
    public OperationsSnapshot refresh() {
        return cache.refresh();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        registries.add(registry);
        counter(registry, "reelflow.deals.started", Tags.empty(), s -> s.dealsStarted(),
                "Deals received from the CRM and started (rows of deal); counts every deal once, whatever became of it");
        counter(registry, "reelflow.conflicts.found", Tags.empty(), s -> s.conflictChecks(),
                "Rights checks that found at least one conflict (deal_event CONFLICTS): each check of a deal counts, the first and every "
                        + "re-check after a rights manager's change, so a deal checked twice with conflicts counts 2");
        counter(registry, "reelflow.qc.rejected.submissions", Tags.empty(), s -> s.rejectedSubmissions(),
                "Netflix QC results that rejected a submission (sum of delivery.rejections)");
        gauge(registry, "reelflow.jobs.due", Tags.empty(), s -> s.jobsDue(), null,
                "Engine jobs the job executor may take now: due, not locked (or lock expired), active, retries left; a growing figure "
                        + "means the executor falls behind");
        gauge(registry, "reelflow.jobs.failed", Tags.empty(), s -> s.jobsFailed(), null,
                "Engine jobs whose retries are used up: they wait for an operator (Cockpit) and normally each has an open incident");
        gauge(registry, "reelflow.jobs.locked", Tags.empty(), s -> s.jobsLocked(), null,
                "Engine jobs locked by a node's job executor and running now");
        gauge(registry, "reelflow.metrics.read", Tags.empty(), s -> s.took().toNanos() / 1e9, "seconds",
                "How long the last reading of the Reelflow figures from the database took");
        gauge(registry, "reelflow.metrics.age", Tags.empty(), s -> Duration.between(s.takenAt(), Instant.now()).toNanos() / 1e9, "seconds",
                "Age of the Reelflow figures shown (they are read at most once per reelflow.metrics.cache-ttl)");
        registerSeries(registry);
    }

    /** Seeds incident series with the deployed processes, and reads once, so that the first scrape already sees every series. */
    @EventListener(ApplicationReadyEvent.class)
    public void warmUp() {
        for (ProcessDefinition d : repository.createProcessDefinitionQuery().latestVersion().list()) {
            incidentKeys.add(new IncidentKey(FAILED_JOB, d.getKey()));
        }
        onReading(null);
        refresh();
    }

    private void onReading(OperationsSnapshot s) {
        if (s != null) {
            dealStatuses.addAll(s.dealsByStatus().keySet());
            stages.addAll(s.deliveriesByStage().keySet());
            categories.addAll(s.qcItemsByCategory().keySet());
            incidentKeys.addAll(s.incidents().keySet());
        }
        registries.forEach(this::registerSeries);
    }

    /** Registering an existing series again returns it unchanged: this only adds what is new. */
    private void registerSeries(MeterRegistry registry) {
        for (String status : dealStatuses) {
            gauge(registry, DEALS, Tags.of("status", status), s -> s.dealsByStatus().getOrDefault(status, 0L), null,
                    "Deals by status now (RECEIVED, CONFLICT, GRANTED, IN_WINDOW, CLOSED, WITHDRAWN)");
        }
        for (String stage : stages) {
            gauge(registry, DELIVERIES, Tags.of("stage", stage), s -> s.deliveriesByStage().getOrDefault(stage, 0L), null,
                    "Netflix deliveries (one per title of a deal) by stage now");
        }
        for (String category : categories) {
            counter(registry, QC_REJECTIONS, Tags.of("category", category), s -> s.qcItemsByCategory().getOrDefault(category, 0L),
                    "Items of Netflix QC rejections by category (qc_item); one rejection may list several items");
        }
        for (IncidentKey key : incidentKeys) {
            gauge(registry, "reelflow.incidents.open", Tags.of("type", key.type(), "process", key.process()),
                    s -> s.incidents().getOrDefault(key, 0L), null,
                    "Open engine incidents (act_ru_incident) by incident type and process definition key; each waits for an operator");
        }
    }

    private void gauge(MeterRegistry registry, String name, Tags tags, ToDoubleFunction<OperationsSnapshot> f, String unit, String description) {
        Gauge.builder(name, this, m -> m.value(f)).tags(tags).baseUnit(unit).description(description).strongReference(true).register(registry);
    }

    private void counter(MeterRegistry registry, String name, Tags tags, ToDoubleFunction<OperationsSnapshot> f, String description) {
        FunctionCounter.builder(name, this, m -> m.value(f)).tags(tags).description(description).register(registry);
    }

    private double value(ToDoubleFunction<OperationsSnapshot> f) {
        OperationsSnapshot s = cache.get();
        return s == null ? Double.NaN : f.applyAsDouble(s);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

}
