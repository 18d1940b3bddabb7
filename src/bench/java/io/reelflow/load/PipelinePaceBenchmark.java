package io.reelflow.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.support.ApiTestSupport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The sustained pace of the whole pipeline from outside: clean deals posted over HTTP by 8 clients for 60 s, then
 * the time until no executable job is left (the job executor runs, as in the service). Pace = deals / (posting +
 * draining): the pace of a service that has been running for a while, so a warm-up comes first.
 *
 * <p>The warm-up posts the same deals at a steady rate below the service's pace ({@code bench.warmupRate} a second for
 * {@code bench.warmupSeconds}, then drained): the JIT compiles the service's hot paths while there is CPU to spare.
 * At full load on two cores its compiler thread gets a small share and was still compiling through the whole measured
 * phase (4 ms of a deal's 35 ms after a 20 s warm-up at 8 clients), a cost of the start, not of a deal. The JIT's
 * compilation in each 10 s of the warm-up is printed, and its share of the measured phase with the figures.
 *
 * <p>{@code mvn -B test -Pbench -Dtest=PipelinePaceBenchmark [-Dbench.clients=8 -Dbench.measureSeconds=60
 * -Dbench.warmupSeconds=90 -Dbench.warmupRate=25 -Dbench.roundTrips=true]}
 */
@Tag("benchmark")
// the service as it runs in production: without the tests' process coverage recorder on every activity (about 4 % of the
// samples in a profile of this benchmark; reelflow.test.process-coverage=false below)
@org.camunda.community.process_test_coverage.core.engine.ExcludeFromProcessCoverage
@TestPropertySource(properties = {"camunda.bpm.job-execution.enabled=true", "reelflow.inbox.sweep-enabled=true",
        "reelflow.test.process-coverage=false"})
class PipelinePaceBenchmark extends ApiTestSupport {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    private static final int MEASURE_S = Integer.getInteger("bench.measureSeconds", 60);
    private static final int WARMUP_S = Integer.getInteger("bench.warmupSeconds", 90);
    /** Deals a second in the warm-up: about half of what the service works off, so the JIT has a core to itself. */
    private static final int WARMUP_RATE = Integer.getInteger("bench.warmupRate", 25);
    private static final int TITLES = Integer.getInteger("bench.titles", 40_000);
    private static final boolean ROUND_TRIPS = Boolean.getBoolean("bench.roundTrips");

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private final AtomicLong seq = new AtomicLong();
    /** CPU ns of the client threads of the measured phase, each added when its thread is done. */
    private final AtomicLong clientCpuNs = new AtomicLong();
    private String run;

    @Test
    void sustainedPaceOfCleanDeals() throws Exception {
        run = "PACE-" + Long.toString(System.currentTimeMillis() % 100_000_000L, 36).toUpperCase(Locale.ROOT);
        ConcurrentLinkedQueue<Long> titles = new ConcurrentLinkedQueue<>(titles(TITLES));
        double jitStart = CpuMeter.jitSeconds();
        Phase warm = warmUp(titles);
        double warmDrain = drain();
        System.out.printf(Locale.ROOT, "warm-up: %d deals in %d s (%s), drained in %.1f s; JIT compilation since the start of"
                + " the warm-up %.1f s%n", warm.deals, WARMUP_S, WARMUP_RATE > 0 ? WARMUP_RATE + " a second" : CLIENTS + " clients, as fast"
                + " as answered", warmDrain, CpuMeter.jitSeconds() - jitStart);
        String machineBefore = CpuMeter.machineCheck();
        CpuMeter cpu = new CpuMeter(jdbc);
        clientCpuNs.set(0);
        long http0 = httpClientCpuNs();
        long main0 = THREADS.getCurrentThreadCpuTime();
        double[] cpu0 = cpu.seconds();
        double jit0 = CpuMeter.jitSeconds();
        Map<String, double[]> statements0 = statements();
        Map<String, long[]> tables0 = tableScans();
        RoundTrips roundTrips = ROUND_TRIPS ? new RoundTrips() : null;
        Phase measured = post(titles, MEASURE_S);
        long httpNs = httpClientCpuNs() - http0; // now, before its idle workers time out during the drain
        long backlog = management.createJobQuery().executable().count();
        double drained = drain();
        Map<String, Long> trips = roundTrips == null ? null : roundTrips.stop();
        double[] cpu1 = cpu.seconds();
        double jitMs = (CpuMeter.jitSeconds() - jit0) * 1000 / measured.deals;
        long driverNs = clientCpuNs.get() + httpNs + THREADS.getCurrentThreadCpuTime() - main0;
        double total = measured.seconds + drained;
        System.out.printf(Locale.ROOT, "%n=== pipeline pace, %d clients ===%n", CLIENTS);
        System.out.printf(Locale.ROOT, "deals posted: %d in %.1f s (%.1f deals/s answered)%n", measured.deals, measured.seconds,
                measured.deals / measured.seconds);
        System.out.printf(Locale.ROOT, "backlog at the end of posting: %d executable jobs, worked off in %.1f s%n", backlog, drained);
        System.out.printf(Locale.ROOT, "sustained pace: %.1f deals/s (posting + draining)%n", measured.deals / total);
        if (cpu1[1] >= 0) {
            double jvmMs = (cpu1[0] - cpu0[0]) * 1000 / measured.deals;
            double pgMs = (cpu1[1] - cpu0[1]) * 1000 / measured.deals;
            System.out.printf(Locale.ROOT, "CPU per deal, request and background: %.1f ms (service JVM %.1f ms, PostgreSQL %.1f ms);"
                    + " on 2 otherwise idle cores that allows about %.0f deals/s%n", jvmMs + pgMs, jvmMs, pgMs, 2000 / (jvmMs + pgMs));
            // the load driver runs in the same JVM: its client threads, the HTTP client's own threads and this thread's polling
            double driverMs = driverNs / 1e6 / measured.deals;
            double serviceMs = jvmMs - driverMs + pgMs;
            System.out.printf(Locale.ROOT, "of the JVM's share, the load driver: %.1f ms per deal; the service alone: %.1f ms per deal"
                    + " (JVM %.1f ms + PostgreSQL %.1f ms), about %.0f deals/s on 2 otherwise idle cores%n", driverMs, serviceMs,
                    jvmMs - driverMs, pgMs, 2000 / serviceMs);
            // the JIT compiles for minutes after a start on two busy cores: a cost of this run's start, not of a deal
            System.out.printf(Locale.ROOT, "of the service's JVM share, JIT compilation: %.1f ms per deal; the service without it: %.1f ms"
                    + " per deal, about %.0f deals/s on 2 otherwise idle cores once compiled%n", jitMs, serviceMs - jitMs,
                    2000 / (serviceMs - jitMs));
        }
        System.out.printf(Locale.ROOT, "machine check (one thread, idle service): before %s; after %s%n", machineBefore, CpuMeter.machineCheck());
        printRoundTrips(trips, measured.deals);
        printStatements(statements0, statements(), measured.deals);
        printTableScans(tables0, tableScans(), measured.deals);
        int granted = count("SELECT count(*) FROM deal WHERE crm_deal_id LIKE ? AND status = 'GRANTED'", run + "-%");
        System.out.printf(Locale.ROOT, "granted: %d of %d%n", granted, warm.deals + measured.deals);
        assertThat(granted).isEqualTo(warm.deals + measured.deals);
    }

    record Phase(int deals, double seconds) {
    }

    /**
     * {@link #WARMUP_RATE} deals a second (4 clients) for {@link #WARMUP_S} seconds, printing the JIT's CPU in each 10 s;
     * a rate of 0 posts at {@link #CLIENTS} clients as fast as answered.
     */
    private Phase warmUp(ConcurrentLinkedQueue<Long> titles) throws InterruptedException {
        int deals = 0;
        long t0 = System.nanoTime();
        for (int done = 0; done < WARMUP_S; done += 10) {
            int slice = Math.min(10, WARMUP_S - done);
            double jit0 = CpuMeter.jitSeconds();
            // -Dbench.warmupRate=0 -Dbench.warmupSeconds=20: the warm-up before 2026-12-06, 8 clients as fast as answered
            Phase p = WARMUP_RATE > 0 ? post(titles, slice, 4, WARMUP_RATE) : post(titles, slice);
            deals += p.deals;
            System.out.printf(Locale.ROOT, "warm-up %3d-%3d s: %d deals, JIT compilation %.1f s of CPU%n", done, done + slice, p.deals,
                    CpuMeter.jitSeconds() - jit0);
        }
        return new Phase(deals, (System.nanoTime() - t0) / 1e9);
    }

    private Phase post(ConcurrentLinkedQueue<Long> titles, int seconds) throws InterruptedException {
        return post(titles, seconds, CLIENTS, 0);
    }

    /** {@code clients} post for {@code seconds}: as fast as answered, or at {@code ratePerSecond} deals a second (above 0). */
    private Phase post(ConcurrentLinkedQueue<Long> titles, int seconds, int clientCount, int ratePerSecond) throws InterruptedException {
        AtomicInteger posted = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong slots = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long t0 = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(clientCount);
        List<java.util.concurrent.Future<Object>> running = new ArrayList<>();
        for (int c = 0; c < clientCount; c++) {
            running.add(clients.submit(() -> {
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                try {
                    while (System.nanoTime() < end) {
                        if (ratePerSecond > 0) {
                            long slot = t0 + slots.getAndIncrement() * 1_000_000_000L / ratePerSecond;
                            if (slot >= end) break;
                            long wait = slot - System.nanoTime();
                            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        Long title = titles.poll();
                        if (title == null) throw new IllegalStateException("ran out of titles: raise -Dbench.titles");
                        Response r = postJson("crm", "/api/deals", dealJson(run + "-" + seq.incrementAndGet(), title, "[\"FR\"]", "2027-01-01",
                                "2028-12-31"));
                        if (r.status() == 201) posted.incrementAndGet();
                        else failed.incrementAndGet();
                    }
                } finally {
                    clientCpuNs.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu0);
                }
                return null;
            }));
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(seconds + 120L, TimeUnit.SECONDS)).isTrue();
        for (var client : running) {
            try {
                client.get(); // a client that stopped early (out of titles) fails the run, never shortens it silently
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a client stopped: " + e.getCause().getMessage(), e.getCause());
            }
        }
        assertThat(failed.get()).as("deals refused").isZero();
        return new Phase(posted.get(), (System.nanoTime() - t0) / 1e9);
    }

    /** CPU ns so far of the JDK HTTP client's own threads (its selector manager and workers), those alive now. */
    private static long httpClientCpuNs() {
        long ns = 0;
        for (java.lang.management.ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t == null || !t.getThreadName().startsWith("HttpClient-")) continue;
            long cpu = THREADS.getThreadCpuTime(t.getThreadId());
            if (cpu > 0) ns += cpu;
        }
        return ns;
    }

    /**
     * Waits until no executable job is left. Polled every 250 ms with a query the job acquisition index answers (every
     * job has a due date), so that the driver's own polling costs PostgreSQL next to nothing; the engine's executable-job
     * count (a join over every job, about 70 ms with this backlog) confirms the end once. The earliest due job, not
     * {@code EXISTS}: with ten thousand due jobs PostgreSQL answered an {@code EXISTS} by a sequential scan of the job
     * table (7 ms a poll, charged to the service's CPU per deal).
     */
    private double drain() throws InterruptedException {
        long t0 = System.nanoTime();
        while (!jdbc.queryForList(
                "SELECT duedate_ FROM act_ru_job WHERE retries_ > 0 AND suspension_state_ = 1 AND duedate_ <= ? ORDER BY duedate_ LIMIT 1",
                new java.sql.Timestamp(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().getTime())).isEmpty()
                || management.createJobQuery().executable().count() > 0) {
            if (System.nanoTime() - t0 > 1_800_000_000_000L) throw new IllegalStateException("backlog not worked off in 30 min");
            Thread.sleep(250);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * PostgreSQL's statements by total execution time, when the cluster loads pg_stat_statements
     * ({@code -Dreelflow.embedded-postgres.server-config.shared_preload_libraries=pg_stat_statements}): query text →
     * {calls, total ms, rows}. Empty otherwise.
     */
    private Map<String, double[]> statements() {
        Map<String, double[]> m = new HashMap<>();
        if (count("SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'") == 0) return m;
        jdbc.query("SELECT query, calls, total_exec_time, rows FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())",
                rs -> {
                    m.merge(rs.getString(1), new double[] {rs.getLong(2), rs.getDouble(3), rs.getLong(4)},
                            (a, b) -> new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]});
                });
        return m;
    }

    private static void printStatements(Map<String, double[]> before, Map<String, double[]> after, int deals) {
        if (after.isEmpty()) {
            System.out.println("(statements per deal: start with -Dreelflow.embedded-postgres.server-config.shared_preload_libraries=pg_stat_statements)");
            return;
        }
        record Delta(String query, double calls, double ms, double rows) {
        }
        List<Delta> deltas = new ArrayList<>();
        after.forEach((q, a) -> {
            double[] b = before.getOrDefault(q, new double[3]);
            if (a[0] - b[0] > 0) deltas.add(new Delta(q, a[0] - b[0], a[1] - b[1], a[2] - b[2]));
        });
        deltas.sort(Comparator.comparingDouble(Delta::ms).reversed());
        double calls = deltas.stream().mapToDouble(Delta::calls).sum();
        double ms = deltas.stream().mapToDouble(Delta::ms).sum();
        System.out.printf(Locale.ROOT, "%nPostgreSQL statements per deal: %.1f calls, %.2f ms executing (pg_stat_statements; parse, plan,"
                + " protocol and commit not included)%n", calls / deals, ms / deals);
        System.out.println("   calls/deal   ms/deal   rows/call  statement");
        for (Delta d : deltas.subList(0, Math.min(40, deltas.size()))) {
            System.out.printf(Locale.ROOT, "   %9.2f %9.3f %11.1f  %s%n", d.calls / deals, d.ms / deals, d.rows / d.calls,
                    d.query.replaceAll("\\s+", " ").substring(0, Math.min(170, d.query.replaceAll("\\s+", " ").length())));
        }
    }

    private static void printRoundTrips(Map<String, Long> trips, int deals) {
        if (trips == null) {
            System.out.println("(round trips to PostgreSQL per deal: start with -Dbench.roundTrips=true)");
            return;
        }
        String driver = "load driver (polling)";
        long service = trips.entrySet().stream().filter(e -> !e.getKey().equals(driver)).mapToLong(Map.Entry::getValue).sum();
        StringBuilder parts = new StringBuilder();
        trips.forEach((who, n) -> {
            if (!who.equals(driver)) parts.append(String.format(Locale.ROOT, ", %s %.1f", who, (double) n / deals));
        });
        System.out.printf(Locale.ROOT, "round trips to PostgreSQL per deal (its driver's socket reads, JFR): %.1f%s; the load driver's"
                + " polling %.1f, not counted%n", (double) service / deals, parts, (double) trips.getOrDefault(driver, 0L) / deals);
    }

    /** Per table: {sequential scans, rows they read, index scans}. */
    private Map<String, long[]> tableScans() {
        Map<String, long[]> m = new HashMap<>();
        jdbc.query("SELECT relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0) FROM pg_stat_user_tables",
                rs -> {
                    m.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                });
        return m;
    }

    private static void printTableScans(Map<String, long[]> before, Map<String, long[]> after, int deals) {
        System.out.printf(Locale.ROOT, "%nTable scans per deal (pg_stat_user_tables), tables with sequential scans:%n");
        System.out.println("   seq scans   rows read   index scans  table");
        after.entrySet().stream().sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) ->
                        e.getValue()[1] - before.getOrDefault(e.getKey(), new long[3])[1]).reversed())
                .filter(e -> e.getValue()[0] - before.getOrDefault(e.getKey(), new long[3])[0] > 0)
                .limit(25)
                .forEach(e -> {
                    long[] b = before.getOrDefault(e.getKey(), new long[3]);
                    long[] a = e.getValue();
                    System.out.printf(Locale.ROOT, "   %9.2f %11.1f %13.2f  %s%n", (a[0] - b[0]) / (double) deals, (a[1] - b[1]) / (double) deals,
                            (a[2] - b[2]) / (double) deals, e.getKey());
                });
    }

    /** Titles, each with exclusive SVOD rights in France 2026–2035, written by SQL before any measurement. */
    private List<Long> titles(int n) {
        List<Long> ids = jdbc.queryForList("""
                INSERT INTO title (name, kind, runtime_minutes, original_language)
                SELECT ? || ' title ' || g, 'FEATURE', 100, 'en' FROM generate_series(1, ?) g RETURNING id""", Long.class, run, n);
        jdbc.update("""
                INSERT INTO rights_in (title_id, licensor, territories, media, term_start, term_end, exclusive)
                SELECT id, 'Pace Licensor', '{FR}', '{SVOD}', DATE '2026-01-01', DATE '2035-12-31', true FROM title WHERE name LIKE ? || ' title %'""", run);
        jdbc.execute("ANALYZE title; ANALYZE rights_in");
        return ids;
    }
}
