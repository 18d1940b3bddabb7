package io.reelflow.rights;

import static io.reelflow.support.BenchmarkMachine.cpuModel;
import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.rights.RightsService.DealRights;
import io.reelflow.rights.rules.AvailsCalculator;
import io.reelflow.rights.rules.Conflict;
import io.reelflow.rights.rules.ConflictChecker;
import io.reelflow.rights.rules.ConflictRule;
import io.reelflow.rights.rules.DateWindow;
import io.reelflow.rights.rules.LicenceRequest;
import io.reelflow.rights.rules.Media;
import io.reelflow.rights.rules.Territories;
import io.reelflow.rights.rules.TerritoryAvail;
import io.reelflow.support.ReelflowSpringTest;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A benchmark, not a test (run on demand: {@code mvn test -Pbench -Dtest=RightsDatabaseBenchmark}).
 *
 * <p>Loads a rights database of 5,000 titles x 200 territories (1,000,000 SVOD grants, with the
 * {@code grant_no_exclusive_overlap} exclusion constraint in place) into the test's embedded PostgreSQL,
 * then times on random titles
 * <ul>
 *   <li>(a) {@link RightsService#check}: one deal, one title, 190 countries, SVOD, exclusive: the full path
 *       (read-only transaction, the three snapshot queries, the conflict rules);</li>
 *   <li>(b) {@link RightsService#avails}: one title, SVOD, a five-year period, every territory of the title.</li>
 * </ul>
 * It prints median / p90 / p99 / max and PASS/MISS against the targets (p99 &lt; 20 ms for the check,
 * &lt; 50 ms for avails) plus a breakdown (SQL alone, rules alone). Times are not asserted (the machine is
 * shared); that the calls did real work is. Results and method: docs/benchmarks.md.
 *
 * <p>Knobs: {@code -Dbench.warmup=300 -Dbench.iterations=2000 -Dbench.rounds=1 -Dbench.cleanUp=false}.
 */
@Tag("benchmark")
@ReelflowSpringTest
class RightsDatabaseBenchmark {

    static final int TITLES = 5_000;
    static final int TERRITORIES = 200;
    static final int DEAL_TERRITORIES = 190;
    /** territories per existing deal: every title's 200 grants come from 10 regional deals */
    static final int TERRITORIES_PER_DEAL = 20;
    static final int WARMUP = Integer.getInteger("bench.warmup", 300);
    static final int ITERATIONS = Integer.getInteger("bench.iterations", 2_000);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 1);
    static final double CHECK_TARGET_P99_MS = 20;
    static final double AVAILS_TARGET_P99_MS = 50;

    static final DateWindow DEAL_WINDOW = DateWindow.of("2027-01-01", "2028-12-31");
    static final DateWindow AVAILS_PERIOD = DateWindow.of("2026-01-01", "2030-12-31");

    @Autowired
    RightsService rights;
    @Autowired
    RightsSnapshots snapshots;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    long firstTitle;
    long lastTitle;

    @Test
    void conflictCheckAndAvailsOnAMillionGrants() {
        List<String> countries = new ArrayList<>(Territories.allCountries()).subList(0, TERRITORIES);
        Set<String> dealCountries = Collections.unmodifiableSet(new TreeSet<>(countries.subList(0, DEAL_TERRITORIES)));

        printMachine();
        load(countries);

        // --- sanity: the calls do real work -------------------------------------------------------------
        long probe = firstTitle;
        while (probe % 3 == 0) probe++; // worldwide exclusive rights-in to 2031: every country available somewhen
        List<Conflict> probeConflicts = rights.check(deal("BENCH-PROBE", probe, dealCountries));
        assertThat(probeConflicts).as("conflicts of a title whose grants overlap the deal window").isNotEmpty();
        assertThat(probeConflicts).extracting(Conflict::rule).contains(ConflictRule.EXCLUSIVE_OVERLAP);
        assertThat(probeConflicts).extracting(Conflict::territory).allMatch(dealCountries::contains);
        List<TerritoryAvail> probeAvails = rights.avails(probe, Media.SVOD, AVAILS_PERIOD, true, null);
        assertThat(probeAvails).hasSize(Territories.allCountries().size()); // WW rights-in
        assertThat(probeAvails).anyMatch(a -> !a.available()).anyMatch(TerritoryAvail::available);

        // --- the two measured operations (full service path) ----------------------------------------
        List<Op> ops = new ArrayList<>();
        ops.add(new Op("(a) check: 1 title x 190 countries", CHECK_TARGET_P99_MS,
                t -> rights.check(deal("BENCH-CHECK", t, dealCountries)).size()));
        ops.add(new Op("(b) avails: 1 title, all territories", AVAILS_TARGET_P99_MS,
                t -> rights.avails(t, Media.SVOD, AVAILS_PERIOD, true, null).size()));

        // --- breakdown: SQL alone (same three queries, same kind of transaction) vs rules alone --------
        TransactionTemplate readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        ops.add(new Op("    SQL only: RightsSnapshots.load, read-only tx", Double.NaN,
                t -> readOnly.execute(tx -> snapshots.load(List.of(t)).grants().size())));
        Random random = new Random(42);
        List<Long> sampleIds = new ArrayList<>();
        List<RightsSnapshots.Snapshot> sample = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            long t = randomTitle(random);
            sampleIds.add(t);
            sample.add(snapshots.load(List.of(t)));
        }
        ConflictChecker checker = new ConflictChecker();
        AvailsCalculator calculator = new AvailsCalculator();
        int[] next = {0};
        ops.add(new Op("    rules only: ConflictChecker.check", Double.NaN, ignored -> {
            int i = next[0]++ & 255;
            RightsSnapshots.Snapshot snap = sample.get(i);
            return checker.check(new LicenceRequest("BENCH-RULES", sampleIds.get(i), dealCountries, Set.of(Media.SVOD), DEAL_WINDOW, true),
                    snap.held(), snap.holdbacks(), snap.grants()).size();
        }));
        ops.add(new Op("    rules only: AvailsCalculator.avails", Double.NaN, ignored -> {
            int i = next[0]++ & 255;
            RightsSnapshots.Snapshot snap = sample.get(i);
            return calculator.avails(sampleIds.get(i), Media.SVOD, AVAILS_PERIOD, true, null,
                    snap.held(), snap.holdbacks(), snap.grants()).size();
        }));

        // warm-up of every operation before anything is measured (JIT, connection pool, caches)
        long w0 = System.nanoTime();
        for (Op op : ops) for (int i = 0; i < WARMUP; i++) op.call().apply(randomTitle(random));
        System.out.printf(Locale.ROOT, "%nWARM-UP: %,d calls of each of the %d operations in %.1f s%n", WARMUP, ops.size(),
                secs(System.nanoTime() - w0));

        List<Result> results = null;
        for (int round = 1; round <= ROUNDS; round++) {
            results = new ArrayList<>();
            for (Op op : ops) results.add(measure(op, random));
            printTable(round, results);
        }
        assertThat(results.get(0).minResult).as("fewest conflicts found by one check").isGreaterThan(0);
        assertThat(results.get(1).minResult).as("fewest avail rows of one title").isGreaterThanOrEqualTo(DEAL_TERRITORIES);

        // not a target: the title's grant list (GET /api/titles/{id}/grants), see the plan below
        Result c = measure(new Op("(c) grantsOfTitle (GET /api/titles/{id}/grants)", Double.NaN,
                t -> rights.grantsOfTitle(t).size()), random, 5, 50);
        System.out.println(row(c));
        assertThat(c.minResult).isEqualTo(TERRITORIES);
        explain(probe);

        // the throw-away cluster goes with the JVM; deleting 1M rows + 5,000 titles takes over a minute
        if (Boolean.getBoolean("bench.cleanUp")) cleanUp();
    }

    // ------------------------------------------------------------------------------------------------
    // loading

    private void load(List<String> countries) {
        String allCountries = String.join(",", Territories.allCountries());
        String europeAndLatam = String.join(",", Territories.expandAll(List.of("150", "419")));
        String grantCountries = String.join(",", countries);
        long t0 = System.nanoTime();

        List<Long> ids = jdbc.queryForList("""
                INSERT INTO title (name, kind, runtime_minutes, original_language)
                SELECT 'Benchmark title ' || n, CASE WHEN n % 10 = 0 THEN 'SERIES' ELSE 'FEATURE' END,
                       CASE WHEN n % 10 = 0 THEN NULL ELSE 85 + n % 60 END,
                       (ARRAY['en', 'fr', 'es', 'de', 'ko', 'ja', 'it', 'pt'])[1 + n % 8]
                FROM generate_series(1, ?) AS n
                RETURNING id""", Long.class, TITLES);
        firstTitle = Collections.min(ids);
        lastTitle = Collections.max(ids);
        assertThat(lastTitle - firstTitle + 1).as("title ids are contiguous").isEqualTo(TITLES);
        long t1 = System.nanoTime();

        // every title: worldwide SVOD+AVOD, exclusive, from 2024; a third of them only to 2028 plus a
        // second rights-in (Europe + Latin America, SVOD, 2029-2033, exclusive for half of them)
        int rightsIn = jdbc.update("""
                INSERT INTO rights_in (title_id, licensor, territories, media, term_start, term_end, exclusive)
                SELECT id, 'Studio ' || (id % 40), string_to_array(?, ','), ARRAY['SVOD', 'AVOD'], DATE '2024-01-01',
                       CASE WHEN id % 3 = 0 THEN DATE '2028-12-31' ELSE DATE '2031-12-31' END, true
                FROM title WHERE id BETWEEN ? AND ? ORDER BY id""", allCountries, firstTitle, lastTitle);
        rightsIn += jdbc.update("""
                INSERT INTO rights_in (title_id, licensor, territories, media, term_start, term_end, exclusive)
                SELECT id, 'Regional Sales ' || (id % 12), string_to_array(?, ','), ARRAY['SVOD'], DATE '2029-01-01',
                       DATE '2033-12-31', id % 2 = 0
                FROM title WHERE id BETWEEN ? AND ? AND id % 3 = 0 ORDER BY id""", europeAndLatam, firstTitle, lastTitle);
        // one title in five: a theatrical holdback in the big four European markets
        int holdbacks = jdbc.update("""
                INSERT INTO holdback (rights_in_id, title_id, territories, media, period_start, period_end, reason)
                SELECT min(r.id), r.title_id, ARRAY['FR', 'DE', 'IT', 'ES'], ARRAY['SVOD'], DATE '2026-07-01', DATE '2027-06-30',
                       'theatrical window'
                FROM rights_in r WHERE r.title_id BETWEEN ? AND ? AND r.title_id % 5 = 0
                GROUP BY r.title_id ORDER BY r.title_id""", firstTitle, lastTitle);
        long t2 = System.nanoTime();

        // 1,000,000 grants: each title was sold in 10 regional deals of 20 countries, one licensee per deal,
        // windows of 12 or 24 months starting between 2025-01 and 2027-12, 70 % exclusive. One grant per
        // title x territory x SVOD, so the exclusion constraint holds; it is checked on every row (the GiST
        // index is in place, as in production). Rows go in deal by deal, in order of deal start, as a
        // grant ledger fills up over time: a title's 200 grants lie in ~10 runs, not side by side.
        int grants = jdbc.update("""
                INSERT INTO grant_out (title_id, territory, media, window_start, window_end, exclusive, licensee, deal_ref, status)
                SELECT t.id, c.code, 'SVOD', d.ws, (d.ws + make_interval(months => d.months) - interval '1 day')::date,
                       d.excl, d.licensee, 'BX-' || t.id || '-' || d.k, 'ACTIVE'
                FROM generate_series(?::bigint, ?::bigint) AS t(id)
                CROSS JOIN LATERAL unnest(string_to_array(?, ',')) WITH ORDINALITY AS c(code, n)
                CROSS JOIN LATERAL (
                    SELECT k,
                           (DATE '2025-01-01' + make_interval(months => ((t.id * 3 + k * 5) % 36)::int))::date AS ws,
                           CASE WHEN (t.id + k) % 2 = 0 THEN 12 ELSE 24 END AS months,
                           (t.id * 7 + k * 3) % 10 < 7 AS excl,
                           (ARRAY['Amazon Prime Video', 'Disney+', 'Max', 'Canal+', 'Sky', 'Apple TV+', 'Paramount+',
                                  'Viaplay'])[1 + ((t.id + k) % 8)::int] AS licensee
                    FROM (SELECT (c.n - 1) / ?) AS kk(k)) AS d
                ORDER BY d.ws, t.id, d.k, c.n""",
                firstTitle, lastTitle, grantCountries, TERRITORIES_PER_DEAL);
        long t3 = System.nanoTime();
        assertThat(grants).isEqualTo(TITLES * TERRITORIES);

        // production tables are vacuumed and analysed by autovacuum; do it now so the measured state is that
        // steady state (statistics, hint bits, visibility map) and not the minutes right after a bulk load
        jdbc.execute("VACUUM (ANALYZE) title, rights_in, holdback, grant_out");
        long t4 = System.nanoTime();
        // a rights database this size (~0.3 GB) stays in memory on a real server: start from a warm cache
        String prewarm = prewarm();

        Long blocking = jdbc.queryForObject("SELECT count(*) FROM grant_out WHERE title_id BETWEEN ? AND ? AND status IN ('PENDING', 'ACTIVE')",
                Long.class, firstTitle, lastTitle);
        assertThat(blocking).isEqualTo((long) TITLES * TERRITORIES);
        String sizes = jdbc.queryForObject("""
                SELECT 'grant_out ' || pg_size_pretty(pg_table_size('grant_out')) || ' + indexes '
                       || pg_size_pretty(pg_indexes_size('grant_out')) || ' (exclusion GiST '
                       || pg_size_pretty(pg_relation_size('grant_no_exclusive_overlap')) || ')'""", String.class);
        System.out.printf(Locale.ROOT, """

                LOAD: %,d titles, %,d rights-in, %,d holdbacks, %,d grants (%d territories x SVOD) in %.1f s
                  titles %.1f s | rights-in + holdbacks %.1f s | grants (INSERT ... SELECT, constraint checked) %.1f s | VACUUM ANALYZE %.1f s
                  %s
                  %s
                """, TITLES, rightsIn, holdbacks, grants, TERRITORIES, secs(t4 - t0),
                secs(t1 - t0), secs(t2 - t1), secs(t3 - t2), secs(t4 - t3), sizes, prewarm);
    }

    private String prewarm() {
        try {
            jdbc.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm");
            Long blocks = jdbc.queryForObject("""
                    SELECT sum(pg_prewarm(c.oid)) FROM pg_class c
                    WHERE c.relname IN ('title', 'rights_in', 'holdback', 'grant_out', 'rights_in_title', 'holdback_title',
                                        'grant_out_title_blocking', 'grant_no_exclusive_overlap', 'title_pkey', 'grant_out_pkey')""",
                    Long.class);
            return String.format(Locale.ROOT, "pg_prewarm: %,d blocks of tables and indexes loaded into shared_buffers", blocks);
        } catch (RuntimeException e) {
            return "pg_prewarm not available (" + e.getMessage() + "): the warm-up calls fill the cache";
        }
    }

    private void cleanUp() {
        long t0 = System.nanoTime();
        jdbc.update("DELETE FROM grant_out WHERE title_id BETWEEN ? AND ?", firstTitle, lastTitle);
        jdbc.update("DELETE FROM holdback WHERE title_id BETWEEN ? AND ?", firstTitle, lastTitle);
        jdbc.update("DELETE FROM rights_in WHERE title_id BETWEEN ? AND ?", firstTitle, lastTitle);
        jdbc.update("DELETE FROM title WHERE id BETWEEN ? AND ?", firstTitle, lastTitle);
        System.out.printf(Locale.ROOT, "CLEAN-UP: benchmark rows deleted in %.1f s%n", secs(System.nanoTime() - t0));
    }

    // ------------------------------------------------------------------------------------------------
    // measuring

    record Op(String name, double targetP99Ms, LongFunction<Integer> call) {
    }

    /**
     * @param slowestGc       how many of the slowest 1 % of calls had a garbage collection inside them
     * @param slowestWallMs   mean wall time of the slowest 1 % of calls
     * @param slowestCpuMs    mean CPU time of the calling JVM thread in those calls (the rest: waiting for
     *                        PostgreSQL, for a CPU, or for a GC)
     */
    record Result(String name, int n, long[] sortedNanos, long totalResults, int minResult, int maxResult, double targetP99Ms,
                  int slowestGc, double slowestWallMs, double slowestCpuMs, long gcMillis, double loadAverage) {
        double ms(double quantile) {
            int rank = (int) Math.ceil(quantile * n); // nearest-rank percentile
            return sortedNanos[Math.max(0, Math.min(n, rank) - 1)] / 1e6;
        }
    }

    private Result measure(Op op, Random random) {
        return measure(op, random, 0, ITERATIONS);
    }

    private Result measure(Op op, Random random, int warmup, int iterations) {
        for (int i = 0; i < warmup; i++) op.call().apply(randomTitle(random));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] nanos = new long[iterations];
        long[] cpu = new long[iterations];
        boolean[] gc = new boolean[iterations];
        long total = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        long gcMillis0 = gcMillis();
        for (int i = 0; i < iterations; i++) {
            long title = randomTitle(random);
            long gc0 = gcCount();
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            int n = op.call().apply(title);
            nanos[i] = System.nanoTime() - t0;
            cpu[i] = threads.getCurrentThreadCpuTime() - c0;
            gc[i] = gcCount() != gc0;
            total += n;
            min = Math.min(min, n);
            max = Math.max(max, n);
        }
        long gcMillis = gcMillis() - gcMillis0;
        Integer[] order = new Integer[iterations];
        for (int i = 0; i < iterations; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Long.compare(nanos[y], nanos[x]));
        int slowest = Math.max(1, iterations / 100);
        int slowestGc = 0;
        long slowestWall = 0;
        long slowestCpu = 0;
        for (int i = 0; i < slowest; i++) {
            if (gc[order[i]]) slowestGc++;
            slowestWall += nanos[order[i]];
            slowestCpu += cpu[order[i]];
        }
        Arrays.sort(nanos);
        return new Result(op.name(), iterations, nanos, total, min, max, op.targetP99Ms(), slowestGc,
                slowestWall / 1e6 / slowest, slowestCpu / 1e6 / slowest, gcMillis,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) n += Math.max(0, b.getCollectionCount());
        return n;
    }

    private static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) n += Math.max(0, b.getCollectionTime());
        return n;
    }

    private long randomTitle(Random random) {
        return firstTitle + random.nextInt(TITLES);
    }

    private static DealRights deal(String dealRef, long titleId, Set<String> countries) {
        return new DealRights(dealRef, "Netflix", List.of(titleId), countries, Set.of(Media.SVOD), DEAL_WINDOW, true);
    }

    // ------------------------------------------------------------------------------------------------
    // reporting

    private void printMachine() {
        String pg = jdbc.queryForObject("SELECT current_setting('server_version')", String.class);
        List<String> settings = jdbc.queryForList("""
                SELECT name || '=' || current_setting(name) FROM pg_settings
                WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'work_mem',
                               'max_parallel_workers_per_gather', 'jit')
                ORDER BY name""", String.class);
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, """

                MACHINE: %d CPUs (%s), JVM max heap %d MiB, Java %s, %s %s
                POSTGRESQL %s (embedded, zonky, throw-away test cluster): %s
                """, rt.availableProcessors(), cpuModel(), rt.maxMemory() >> 20, System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.version"), pg, String.join(", ", settings));
    }

    private static void printTable(int round, List<Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%nRESULTS%s: %,d measured calls per operation, random titles, times in ms%n",
                ROUNDS > 1 ? " (round " + round + " of " + ROUNDS + ")" : "", ITERATIONS));
        String header = String.format(Locale.ROOT, "%-50s %7s %7s %7s %7s  %-19s %-16s %s%n", "operation", "median", "p90", "p99", "max",
                "rows/call (min-max)", "target", "slowest 1%: GC, wall/JVM-CPU ms | GC ms, load");
        sb.append(header).append("-".repeat(header.length() - 1)).append('\n');
        for (Result r : results) sb.append(row(r));
        System.out.print(sb);
    }

    private static String row(Result r) {
        String target = Double.isNaN(r.targetP99Ms) ? ""
                : String.format(Locale.ROOT, "p99<%.0f ms: %s", r.targetP99Ms, r.ms(0.99) < r.targetP99Ms ? "PASS" : "MISS");
        String rows = String.format(Locale.ROOT, "%.0f (%d-%d)", (double) r.totalResults / r.n, r.minResult, r.maxResult);
        String tail = String.format(Locale.ROOT, "%d of %d, %.1f/%.1f | %d, %.1f", r.slowestGc, Math.max(1, r.n / 100), r.slowestWallMs,
                r.slowestCpuMs, r.gcMillis, r.loadAverage);
        return String.format(Locale.ROOT, "%-50s %7.2f %7.2f %7.2f %7.2f  %-19s %-16s %s%n", r.name, r.ms(0.5), r.ms(0.9), r.ms(0.99),
                r.ms(1.0), rows, target, tail);
    }

    /** server-side plans and times of the three snapshot queries (and of the title's grant list) for one title */
    private void explain(long titleId) {
        String[] queries = {
                "SELECT id, title_id, licensor, territories, media, term_start, term_end, exclusive FROM rights_in WHERE title_id IN (" + titleId + ")",
                "SELECT id, title_id, territories, media, period_start, period_end, reason FROM holdback WHERE title_id IN (" + titleId + ")",
                "SELECT id, title_id, territory, media, window_start, window_end, exclusive, licensee, deal_ref FROM grant_out WHERE title_id IN ("
                        + titleId + ") AND status IN ('PENDING', 'ACTIVE')",
                // not measured, but worth knowing: GrantLedger.forTitle has no status filter
                "SELECT id, title_id, territory, media, window_start, window_end, exclusive, licensee, deal_ref, status FROM grant_out WHERE title_id = "
                        + titleId + " ORDER BY territory, media, window_start"};
        StringBuilder sb = new StringBuilder("EXPLAIN (ANALYZE, BUFFERS) of the three snapshot queries (+ GrantLedger.forTitle), title "
                + titleId + ":\n");
        for (String q : queries) {
            for (int i = 0; i < 3; i++) jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS) " + q, String.class); // warm
            for (String line : jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS) " + q, String.class)) sb.append("  ").append(line).append('\n');
            sb.append('\n');
        }
        System.out.print(sb);
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }
}
