package io.reelflow.royalty;

import static io.reelflow.support.BenchmarkMachine.*;

import io.reelflow.support.BenchmarkMachine.Cpu;
import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.ReelflowApplication;
import io.reelflow.royalty.RoyaltyReceiptService.Posted;
import io.reelflow.royalty.RoyaltyRequests.NewAgreement;
import io.reelflow.royalty.RoyaltyRequests.NewExpense;
import io.reelflow.royalty.RoyaltyRequests.NewFxRate;
import io.reelflow.royalty.RoyaltyRequests.NewReceipt;
import io.reelflow.royalty.RoyaltyStatementService.Issued;
import io.reelflow.royalty.RoyaltyViews.StatementView;
import io.reelflow.royalty.rules.StatementFrequency;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A benchmark, not a test (run on demand: {@code mvn test -Pbench -Dtest=RoyaltyLedgerBenchmark}).
 *
 * <p>The royalty ledger at the size of a year of a busy distributor, through the real services on an embedded
 * PostgreSQL with production durability ({@code ephemeral=false}: fsync, synchronous_commit and full_page_writes on)
 * and {@code pg_stat_statements} loaded:
 * <ol>
 *   <li>setup (timed on its own): 1,000 licensor agreements ({@link RoyaltyAgreementService#create}: EUR, USD, GBP;
 *       quarterly and semi-annual; distribution fees 10-35 %; some with advances, some with capped expenses; a few
 *       expenses each through {@link RoyaltyAgreementService#addExpense}), their titles (SQL), and the FX rates of every
 *       day of the year in every direction ({@link FxRateService#enter});</li>
 *   <li>phase 1: 100,000 receipts through {@link RoyaltyReceiptService#post} (each through the waterfall into the
 *       ledger) from a few threads, spread unevenly over the licensors and over two statement periods of each
 *       (quarterly: 2027-Q1 and Q2; semi-annual: 2027-H1 and H2), about 10 % in a foreign currency;</li>
 *   <li>phase 2: the statement of the second period of every licensor ({@link RoyaltyStatementService#statement}),
 *       then issuing it ({@link RoyaltyStatementService#issue}).</li>
 * </ol>
 * The figures of a wrong run are worthless, so it fails unless: every receipt's postings conserve it (its RECEIPT entry
 * is the gross, its allocations sum to the converted amount, an FX entry exactly when it is foreign), no advance or
 * expense cap is over-recouped, and every statement agrees with the ledger summed by SQL. Times are printed, never
 * asserted. Method, machine and figures: docs/benchmarks-royalty.md.
 *
 * <p>Knobs: {@code -Dbench.licensors=1000 -Dbench.receipts=100000 -Dbench.threads=3 -Dbench.seed=2027
 * -Dbench.keepData=false}.
 */
@Tag("benchmark")
class RoyaltyLedgerBenchmark {

    static final int LICENSORS = Integer.getInteger("bench.licensors", 1_000);
    static final int RECEIPTS = Integer.getInteger("bench.receipts", 100_000);
    static final int THREADS = Integer.getInteger("bench.threads", 3);
    static final long SEED = Long.getLong("bench.seed", 2027);
    static final boolean KEEP_DATA = Boolean.getBoolean("bench.keepData");
    static final int YEAR = 2027;
    static final String[] CURRENCIES = {"EUR", "USD", "GBP"};
    /** US dollars per unit, around which the daily rates move */
    static final double[] USD_PER_UNIT = {1.08, 1.00, 1.27};
    static final double FOREIGN_SHARE = 0.10;
    static final List<String> ALLOCATIONS = List.of("DISTRIBUTION_FEE", "EXPENSE_RECOUPMENT", "ADVANCE_RECOUPMENT", "ROYALTY_PAYABLE");

    final Path dataDir = Path.of("target/roybench-pgdata").toAbsolutePath();
    final List<String> figures = new ArrayList<>();
    int pgPort;
    boolean statements;

    record Licensor(int index, long agreementId, String name, String currency, StatementFrequency frequency, long[] titles) {
        String secondPeriod() {
            return frequency == StatementFrequency.QUARTERLY ? YEAR + "-Q2" : YEAR + "-H2";
        }
    }

    /** One receipt to post; {@code seq} is its rank among the receipts of its licensor (1 = first). */
    record Planned(Licensor licensor, NewReceipt receipt, int seq) {
    }

    @Test
    void hundredThousandReceiptsAndAThousandStatements() throws Exception {
        assertThat(THREADS).isBetween(1, 16);
        deleteDirectory(dataDir);
        pgPort = freePort();
        figures.add(machine());
        try {
            // a fresh durable cluster; pg_stat_statements must be preloaded, so set it and start again
            try (ConfigurableApplicationContext ctx = start()) {
                superuser().execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
            }
            awaitPostgresStopped(dataDir);
            try (ConfigurableApplicationContext ctx = start()) {
                JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
                try {
                    superuser().execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                    statements = true;
                } catch (RuntimeException e) {
                    System.out.println("pg_stat_statements not available (" + e.getMessage() + "): no per-statement figures");
                }
                figures.add(database(jdbc));
                run(ctx, jdbc);
            }
        } finally {
            awaitPostgresStopped(dataDir);
            if (!KEEP_DATA) deleteDirectory(dataDir);
        }
    }

    ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ReelflowApplication.class).run(
                // command-line arguments win over src/test/resources/config/application.yaml (ephemeral, port 0)
                "--reelflow.embedded-postgres.ephemeral=false",
                "--reelflow.embedded-postgres.data-directory=" + dataDir,
                "--reelflow.embedded-postgres.port=" + pgPort,
                "--server.port=0",
                "--camunda.bpm.job-execution.enabled=false");
    }

    /**
     * A receipt belongs to a real deal of a title held from its agreement's licensor: the licensor's titles are held
     * from it (rights-in), and its two deals ({@code RB-0001-D1}, {@code -D2}) list the titles the receipts name.
     */
    private static void realDealsOf(JdbcTemplate jdbc, int index, String licensor, long[] titles) {
        for (long t : titles) {
            jdbc.update("""
                    INSERT INTO rights_in (title_id, licensor, territories, media, term_start, term_end, exclusive)
                    VALUES (?, ?, '{FR}', '{SVOD}', DATE '2020-01-01', NULL, false)""", t, licensor);
        }
        for (int d = 1; d <= 2; d++) {
            Long dealId = jdbc.queryForObject("""
                    INSERT INTO deal (crm_deal_id, licensee, media, exclusive, territories_requested, territories, window_start, status, terms)
                    VALUES (?, 'Netflix', '{SVOD}', false, '{FR}', '{FR}', DATE '2020-01-01', 'CLOSED', '{}'::jsonb) RETURNING id""",
                    Long.class, String.format(Locale.ROOT, "RB-%04d-D%d", index + 1, d));
            int position = 0;
            for (int t = 0; t < titles.length; t++) {
                if (1 + t % 2 == d) jdbc.update("INSERT INTO deal_title (deal_id, title_id, position) VALUES (?, ?, ?)", dealId, titles[t], position++);
            }
        }
    }

    void run(ConfigurableApplicationContext ctx, JdbcTemplate jdbc) throws Exception {
        RoyaltyAgreementService agreements = ctx.getBean(RoyaltyAgreementService.class);
        FxRateService rates = ctx.getBean(FxRateService.class);
        RoyaltyReceiptService receipts = ctx.getBean(RoyaltyReceiptService.class);
        RoyaltyStatementService statementService = ctx.getBean(RoyaltyStatementService.class);
        RoyaltyLedger ledger = ctx.getBean(RoyaltyLedger.class);
        Random random = new Random(SEED);

        // ---------------------------------------------------------------- setup
        long s0 = System.nanoTime();
        int titlesPerLicensor = 3;
        List<Long> titleIds = jdbc.queryForList("""
                INSERT INTO title (name, kind, runtime_minutes, original_language)
                SELECT 'Royalty benchmark title ' || n, CASE WHEN n % 7 = 0 THEN 'SERIES' ELSE 'FEATURE' END,
                       CASE WHEN n % 7 = 0 THEN NULL ELSE 80 + n % 70 END, (ARRAY['en', 'fr', 'de', 'es', 'it'])[1 + n % 5]
                FROM generate_series(1, ?) AS n ORDER BY n RETURNING id""", Long.class, LICENSORS * titlesPerLicensor);
        long s1 = System.nanoTime();

        int receiptsPerLicensor = RECEIPTS / LICENSORS;
        List<Licensor> licensors = new ArrayList<>();
        int expenses = 0, advances = 0, capped = 0;
        for (int i = 0; i < LICENSORS; i++) {
            String currency = CURRENCIES[i % 3];
            StatementFrequency frequency = i % 5 < 3 ? StatementFrequency.QUARTERLY : StatementFrequency.SEMI_ANNUAL;
            BigDecimal fee = BigDecimal.valueOf(1000 + random.nextInt(2501), 2); // 10.00 .. 35.00 %
            // expected gross of the licensor over the year: receipts x 12,525 on average
            double expected = receiptsPerLicensor * 12_525.0;
            BigDecimal advance = i % 10 < 4 ? money(expected * (0.1 + 0.5 * random.nextDouble())) : null;
            int nExpenses = i % 4 == 3 ? 0 : 1 + random.nextInt(4);
            double expenseTotal = 0;
            double[] amounts = new double[nExpenses];
            for (int e = 0; e < nExpenses; e++) expenseTotal += amounts[e] = 2_000 + random.nextInt(60_000);
            BigDecimal cap = nExpenses > 0 && i % 3 == 0 ? money(expenseTotal * (0.4 + 0.4 * random.nextDouble())) : null;
            String name = String.format(Locale.ROOT, "Royalty Benchmark Licensor %04d", i + 1);
            long id = agreements.create(new NewAgreement(name, currency, fee, cap, advance, frequency)).id();
            for (int e = 0; e < nExpenses; e++) {
                LocalDate on = e == 0 || random.nextBoolean() ? LocalDate.of(YEAR - 1, 1 + random.nextInt(12), 1 + random.nextInt(28))
                        : LocalDate.of(YEAR, 1 + random.nextInt(3), 1 + random.nextInt(28));
                agreements.addExpense(id, new NewExpense(on, money(amounts[e]), currency,
                        List.of("marketing", "dubbing", "festival fees", "delivery materials").get(e % 4)));
            }
            expenses += nExpenses;
            if (advance != null) advances++;
            if (cap != null) capped++;
            long[] titles = new long[titlesPerLicensor];
            for (int t = 0; t < titlesPerLicensor; t++) titles[t] = titleIds.get(i * titlesPerLicensor + t);
            realDealsOf(jdbc, i, name, titles);
            licensors.add(new Licensor(i, id, name, currency, frequency, titles));
        }
        long s2 = System.nanoTime();

        int fxRates = 0;
        Map<String, BigDecimal> rateOf = new HashMap<>();
        for (LocalDate d = LocalDate.of(YEAR, 1, 1); d.getYear() == YEAR; d = d.plusDays(1)) {
            double[] usd = new double[3];
            for (int c = 0; c < 3; c++) usd[c] = USD_PER_UNIT[c] * (1 + 0.03 * Math.sin(d.getDayOfYear() / (9.0 + c) + c));
            for (int f = 0; f < 3; f++) {
                for (int t = 0; t < 3; t++) {
                    if (f == t) continue;
                    BigDecimal rate = BigDecimal.valueOf(usd[f] / usd[t]).setScale(6, RoundingMode.HALF_EVEN);
                    rates.enter(new NewFxRate(CURRENCIES[f], CURRENCIES[t], d, rate), "benchmark");
                    rateOf.put(CURRENCIES[f] + CURRENCIES[t] + d, rate);
                    fxRates++;
                }
            }
        }
        long s3 = System.nanoTime();
        jdbc.execute("VACUUM (ANALYZE) title, licensor_agreement, recoupable_expense, fx_rate, royalty_ledger_entry");
        long s4 = System.nanoTime();
        figures.add(String.format(Locale.ROOT, """
                SETUP %.1f s: %,d titles (SQL) %.1f s | %,d agreements (%d with an advance, %d with an expense cap; quarterly %d, \
                semi-annual %d) + %,d expenses through RoyaltyAgreementService %.1f s | %,d FX rates (365 days x 6 directions) \
                through FxRateService.enter %.1f s | VACUUM ANALYZE %.1f s""",
                secs(s4 - s0), titleIds.size(), secs(s1 - s0), LICENSORS, advances, capped,
                licensors.stream().filter(l -> l.frequency() == StatementFrequency.QUARTERLY).count(),
                licensors.stream().filter(l -> l.frequency() == StatementFrequency.SEMI_ANNUAL).count(), expenses, secs(s2 - s1),
                fxRates, secs(s3 - s2), secs(s4 - s3)));
        System.out.println(figures.get(figures.size() - 1));

        // ---------------------------------------------------------------- phase 1: post receipts
        List<Planned> plan = plan(licensors, random);
        long foreign = plan.stream().filter(p -> !p.receipt().currency().equals(p.licensor().currency())).count();
        int[] perLicensor = new int[LICENSORS];
        plan.forEach(p -> perLicensor[p.licensor().index()]++);
        int[] sortedCounts = perLicensor.clone();
        Arrays.sort(sortedCounts);
        long rowsBefore = count(jdbc, "SELECT count(*) FROM royalty_ledger_entry");
        resetStatements(jdbc);
        long[] nanos = new long[plan.size()];
        int[] rows = new int[plan.size()];
        AtomicInteger next = new AtomicInteger();
        int progressStep = Math.max(1, plan.size() / 10);
        long[] progress = new long[plan.size() / progressStep + 1];
        Cpu c0 = Cpu.now(dataDir);
        long p0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < THREADS; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < plan.size(); i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    Posted posted = receipts.post(plan.get(i).receipt());
                    nanos[i] = System.nanoTime() - t0;
                    if (!posted.created()) throw new IllegalStateException("receipt " + i + " was not created");
                    rows[i] = posted.receipt().postings().size();
                    if ((i + 1) % progressStep == 0) progress[(i + 1) / progressStep] = System.nanoTime();
                }
                return null;
            }));
        }
        pool.shutdown();
        for (Future<?> f : workers) f.get();
        long p1 = System.nanoTime();
        Cpu c1 = Cpu.now(dataDir);
        long rowsWritten = count(jdbc, "SELECT count(*) FROM royalty_ledger_entry") - rowsBefore;
        long rowsReported = Arrays.stream(rows).asLongStream().sum();
        assertThat(rowsWritten).as("ledger rows written = postings reported by post()").isEqualTo(rowsReported);
        String phase1Sql = topStatements(jdbc, plan.size(), "post");
        String load1 = loadAverage();

        // per post, by the licensor's ledger size at the time (rank of the receipt among its licensor's)
        StringBuilder bySeq = new StringBuilder();
        int[][] bands = {{1, 25}, {26, 50}, {51, 100}, {101, 150}, {151, Integer.MAX_VALUE}};
        for (int[] b : bands) {
            long[] band = java.util.stream.IntStream.range(0, plan.size()).filter(i -> plan.get(i).seq() >= b[0] && plan.get(i).seq() <= b[1])
                    .mapToLong(i -> nanos[i]).sorted().toArray();
            if (band.length == 0) continue;
            bySeq.append(String.format(Locale.ROOT, "    receipts #%d-%s of their licensor: %,7d posts, p50 %6.2f ms, p99 %6.2f ms%n", b[0],
                    b[1] == Integer.MAX_VALUE ? "" : String.valueOf(b[1]), band.length, percentile(band, 0.5) / 1e6, percentile(band, 0.99) / 1e6));
        }
        StringBuilder deciles = new StringBuilder("    receipts/s per tenth of the run:");
        for (int k = 1; k < progress.length; k++) {
            long from = k == 1 ? p0 : progress[k - 1];
            if (progress[k] > 0 && from > 0) deciles.append(String.format(Locale.ROOT, " %.0f", progressStep / secs(progress[k] - from)));
        }

        // ---------------------------------------------------------------- verify phase 1 (SQL)
        long v0 = System.nanoTime();
        verifyLedger(jdbc, plan.size());
        long v1 = System.nanoTime();

        long[] sortedPost = nanos.clone();
        Arrays.sort(sortedPost);
        double postSecs = secs(p1 - p0);
        String phase1 = String.format(Locale.ROOT, """
                PHASE 1 post: %,d receipts (%,d = %.1f %% foreign, converted at the day's rate) for %,d licensors \
                (%d-%d receipts each, median %d) over two statement periods, %d threads calling RoyaltyReceiptService.post
                  total %.1f s = %.0f receipts/s; per post p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms; %,d ledger rows written \
                (%.2f per receipt, %.0f rows/s)
                  CPU: %s; load average after %s
                %s%s
                  conservation and cap/advance checks (SQL over the whole ledger): passed in %.1f s""",
                plan.size(), foreign, 100.0 * foreign / plan.size(), LICENSORS, sortedCounts[0], sortedCounts[LICENSORS - 1],
                sortedCounts[LICENSORS / 2], THREADS, postSecs, plan.size() / postSecs, percentile(sortedPost, 0.5) / 1e6,
                percentile(sortedPost, 0.9) / 1e6, percentile(sortedPost, 0.99) / 1e6, sortedPost[sortedPost.length - 1] / 1e6, rowsWritten,
                (double) rowsWritten / plan.size(), rowsWritten / postSecs, c1.minus(c0), load1, bySeq, deciles, secs(v1 - v0));
        figures.add(phase1);
        System.out.println(phase1);
        System.out.println(phase1Sql);

        // where a post's time goes: the ledger state it starts from, on the biggest ledgers
        String stateProbe = probeCurrentState(jdbc, agreements, ledger, licensors, perLicensor);
        System.out.println(stateProbe);

        // ---------------------------------------------------------------- phase 2: statements, then issue
        jdbc.execute("VACUUM (ANALYZE) royalty_receipt, royalty_ledger_entry");
        resetStatements(jdbc);
        long[] stmtNanos = new long[LICENSORS];
        List<StatementView> views = new ArrayList<>();
        Cpu c2 = Cpu.now(dataDir);
        long q0 = System.nanoTime();
        for (Licensor l : licensors) {
            long t0 = System.nanoTime();
            StatementView v = statementService.statement(l.name(), l.secondPeriod());
            stmtNanos[l.index()] = System.nanoTime() - t0;
            views.add(v);
        }
        long q1 = System.nanoTime();
        Cpu c3 = Cpu.now(dataDir);
        String stmtSql = topStatements(jdbc, LICENSORS, "statement");
        // the ledger read alone (RoyaltyLedger.entriesUpTo, the one query over the licensor's entries)
        long[] readNanos = new long[LICENSORS];
        for (Licensor l : licensors) {
            LocalDate start = RoyaltyStatementService.parse(agreements.load(l.agreementId()), l.secondPeriod()).start();
            long t0 = System.nanoTime();
            ledger.entriesUpTo(l.agreementId(), start);
            readNanos[l.index()] = System.nanoTime() - t0;
        }
        resetStatements(jdbc);
        long[] issueNanos = new long[LICENSORS];
        long i0 = System.nanoTime();
        for (Licensor l : licensors) {
            long t0 = System.nanoTime();
            Issued issued = statementService.issue(l.name(), l.secondPeriod(), "benchmark");
            issueNanos[l.index()] = System.nanoTime() - t0;
            assertThat(issued.created()).isTrue();
            assertThat(issued.statement().status()).isEqualTo("ISSUED");
            assertThat(issued.statement().totals()).isEqualTo(views.get(l.index()).totals());
        }
        long i1 = System.nanoTime();
        String issueSql = topStatements(jdbc, LICENSORS, "issue");
        long[] frozenNanos = new long[LICENSORS];
        for (Licensor l : licensors) {
            long t0 = System.nanoTime();
            StatementView v = statementService.statement(l.name(), l.secondPeriod());
            frozenNanos[l.index()] = System.nanoTime() - t0;
            assertThat(v.status()).isEqualTo("ISSUED");
        }
        int lines = verifyStatements(jdbc, licensors, views);

        long[] stmtSorted = stmtNanos.clone(), issueSorted = issueNanos.clone(), readSorted = readNanos.clone(), frozenSorted = frozenNanos.clone();
        Arrays.sort(stmtSorted);
        Arrays.sort(issueSorted);
        Arrays.sort(readSorted);
        Arrays.sort(frozenSorted);
        String phase2 = String.format(Locale.ROOT, """
                PHASE 2 statements of the second period (2027-Q2 / 2027-H2; each reads the licensor's ledger of both periods), one \
                thread, %,d licensors, %,d statement lines in all (%.0f per statement)
                  statement (open, computed): total %.1f s = %.0f statements/s; p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms
                    of which the ledger read (RoyaltyLedger.entriesUpTo alone, measured after): p50 %.2f ms, p99 %.2f ms
                    CPU: %s
                  issue (lock, compute again, store the jsonb snapshot): total %.1f s; p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms
                  statement of an issued period (snapshot read): p50 %.2f ms, p99 %.2f ms
                  every statement checked against the ledger summed by SQL: passed; load average after %s""",
                LICENSORS, lines, (double) lines / LICENSORS, secs(q1 - q0), LICENSORS / secs(q1 - q0), percentile(stmtSorted, 0.5) / 1e6,
                percentile(stmtSorted, 0.9) / 1e6, percentile(stmtSorted, 0.99) / 1e6, stmtSorted[LICENSORS - 1] / 1e6, percentile(readSorted, 0.5) / 1e6,
                percentile(readSorted, 0.99) / 1e6, c3.minus(c2), secs(i1 - i0), percentile(issueSorted, 0.5) / 1e6, percentile(issueSorted, 0.9) / 1e6,
                percentile(issueSorted, 0.99) / 1e6, issueSorted[LICENSORS - 1] / 1e6, percentile(frozenSorted, 0.5) / 1e6, percentile(frozenSorted, 0.99) / 1e6,
                loadAverage());
        figures.add(phase2);
        System.out.println(phase2);
        System.out.println(stmtSql);
        System.out.println(issueSql);
        figures.add(sizes(jdbc));

        System.out.printf(Locale.ROOT, "%n================ ROYALTY LEDGER BENCHMARK: %,d receipts, %,d licensors ================%n%s%n%n"
                        + "FIGURES%n  %-58s %12s %10s %10s%n  %-58s %12.1f %10s %10s%n  %-58s %12.1f %10.2f %10.2f%n"
                        + "  %-58s %12.1f %10.2f %10.2f%n  %-58s %12.1f %10.2f %10.2f%n  %-58s %12s %10.2f %10.2f%n"
                        + "  %-58s %12s%n",
                plan.size(), LICENSORS, String.join("\n", figures),
                "step", "total s", "p50 ms", "p99 ms",
                "setup (titles, agreements, expenses, FX rates)", secs(s4 - s0), "", "",
                String.format(Locale.ROOT, "post %,d receipts, %d threads (%.0f receipts/s)", plan.size(), THREADS, plan.size() / postSecs),
                postSecs, percentile(sortedPost, 0.5) / 1e6, percentile(sortedPost, 0.99) / 1e6,
                String.format(Locale.ROOT, "statement x %,d (%.0f lines each)", LICENSORS, (double) lines / LICENSORS), secs(q1 - q0),
                percentile(stmtSorted, 0.5) / 1e6, percentile(stmtSorted, 0.99) / 1e6,
                String.format(Locale.ROOT, "issue x %,d", LICENSORS), secs(i1 - i0), percentile(issueSorted, 0.5) / 1e6, percentile(issueSorted, 0.99) / 1e6,
                "statement of an issued period (snapshot)", "", percentile(frozenSorted, 0.5) / 1e6, percentile(frozenSorted, 0.99) / 1e6,
                String.format(Locale.ROOT, "ledger rows written: %,d; load average at the end", rowsWritten), loadAverage());
    }

    // ------------------------------------------------------------------------------------------------
    // the receipts

    /**
     * The receipts of the year in the order they arrive (by day): licensors get 20 % to 180 % of the mean count,
     * dates spread over the licensor's first two statement periods, one in ten in one of the two other currencies.
     */
    static List<Planned> plan(List<Licensor> licensors, Random random) {
        double[] weights = new double[licensors.size()];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) sum += weights[i] = 0.2 + 1.6 * random.nextDouble();
        int[] counts = new int[weights.length];
        int assigned = 0;
        for (int i = 0; i < weights.length; i++) assigned += counts[i] = (int) Math.floor(RECEIPTS * weights[i] / sum);
        for (int i = 0; assigned < RECEIPTS; i = (i + 1) % weights.length, assigned++) counts[i]++;

        record Draft(Licensor licensor, LocalDate day, double order, NewReceipt receipt) {
        }
        List<Draft> drafts = new ArrayList<>(RECEIPTS);
        int n = 0;
        for (Licensor l : licensors) {
            int days = l.frequency() == StatementFrequency.QUARTERLY ? LocalDate.of(YEAR, 7, 1).getDayOfYear() - 1 : LocalDate.of(YEAR, 12, 31).getDayOfYear();
            for (int k = 0; k < counts[l.index()]; k++) {
                LocalDate day = LocalDate.ofYearDay(YEAR, 1 + random.nextInt(days));
                String currency = l.currency();
                if (random.nextDouble() < FOREIGN_SHARE) {
                    int own = List.of(CURRENCIES).indexOf(currency);
                    currency = CURRENCIES[(own + 1 + random.nextInt(2)) % 3];
                }
                int t = random.nextInt(l.titles().length);
                BigDecimal amount = BigDecimal.valueOf(5_000 + random.nextInt(2_500_000), 2); // 50.00 .. 25,049.99
                drafts.add(new Draft(l, day, random.nextDouble(), new NewReceipt(l.agreementId(),
                        String.format(Locale.ROOT, "RB-%04d-D%d", l.index() + 1, 1 + t % 2), l.titles()[t], day, amount, currency,
                        String.format(Locale.ROOT, "RB-RCPT-%07d", ++n))));
            }
        }
        drafts.sort(Comparator.comparing(Draft::day).thenComparingDouble(Draft::order));
        int[] seq = new int[licensors.size()];
        List<Planned> plan = new ArrayList<>(drafts.size());
        for (Draft d : drafts) plan.add(new Planned(d.licensor(), d.receipt(), ++seq[d.licensor().index()]));
        return plan;
    }

    static BigDecimal money(double amount) {
        return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_EVEN);
    }

    // ------------------------------------------------------------------------------------------------
    // correctness

    /** Conservation per receipt, and no advance or expense cap over-recouped; fails the benchmark otherwise. */
    static void verifyLedger(JdbcTemplate jdbc, int expectedReceipts) {
        assertThat(count(jdbc, "SELECT count(*) FROM royalty_receipt WHERE external_reference LIKE 'RB-RCPT-%'"))
                .as("receipts stored").isEqualTo(expectedReceipts);
        List<String> broken = jdbc.queryForList("""
                WITH s AS (
                    SELECT receipt_id,
                           count(*) FILTER (WHERE kind = 'RECEIPT') AS n_receipt,
                           sum(amount) FILTER (WHERE kind = 'RECEIPT') AS receipt,
                           count(*) FILTER (WHERE kind = 'FX') AS n_fx,
                           sum(amount) FILTER (WHERE kind = 'FX') AS fx,
                           coalesce(sum(amount) FILTER (WHERE kind IN ('DISTRIBUTION_FEE', 'EXPENSE_RECOUPMENT', 'ADVANCE_RECOUPMENT',
                                                                     'ROYALTY_PAYABLE')), 0) AS allocated,
                           bool_and(currency = CASE WHEN kind = 'RECEIPT' THEN currency ELSE a_currency END) AS currencies_ok
                    FROM (SELECT e.*, a.currency AS a_currency FROM royalty_ledger_entry e JOIN licensor_agreement a ON a.id = e.agreement_id
                          WHERE e.receipt_id IS NOT NULL) e
                    GROUP BY receipt_id)
                SELECT r.external_reference || ': gross ' || r.gross_amount || ' ' || r.gross_currency || ', receipt entry ' || coalesce(s.receipt::text, '-')
                       || ', fx ' || coalesce(s.fx::text, '-') || ', allocated ' || coalesce(s.allocated::text, '-')
                FROM royalty_receipt r JOIN licensor_agreement a ON a.id = r.agreement_id LEFT JOIN s ON s.receipt_id = r.id
                WHERE s.receipt_id IS NULL OR s.n_receipt <> 1 OR s.receipt <> r.gross_amount
                   OR s.n_fx <> CASE WHEN r.gross_currency = a.currency THEN 0 ELSE 1 END
                   OR s.allocated <> coalesce(s.fx, s.receipt) OR NOT s.currencies_ok
                LIMIT 10""", String.class);
        assertThat(broken).as("receipts whose postings do not sum to the receipt (conservation)").isEmpty();
        // FX entries are the gross at the day's rate, rounded half-even to cents
        List<String> badFx = jdbc.queryForList("""
                SELECT r.external_reference FROM royalty_receipt r JOIN licensor_agreement a ON a.id = r.agreement_id
                JOIN royalty_ledger_entry e ON e.receipt_id = r.id AND e.kind = 'FX'
                JOIN fx_rate f ON f.from_currency = r.gross_currency AND f.to_currency = a.currency AND f.rate_date = r.received_on
                WHERE e.amount <> round(r.gross_amount * f.rate, 2) OR e.fx_rate_used <> f.rate LIMIT 10""", String.class);
        assertThat(badFx).as("FX postings not at the day's rate").isEmpty();
        List<String> over = jdbc.queryForList("""
                SELECT a.licensor || ': advance ' || a.advance || ' recouped ' || coalesce(adv, 0) || ', cap ' || coalesce(a.expense_cap::text, '-')
                       || ' recouped ' || coalesce(exp, 0) || ', expenses ' || coalesce(incurred, 0)
                FROM licensor_agreement a
                LEFT JOIN (SELECT agreement_id, sum(amount) FILTER (WHERE kind = 'ADVANCE_RECOUPMENT') AS adv,
                                  sum(amount) FILTER (WHERE kind = 'EXPENSE_RECOUPMENT') AS exp,
                                  sum(amount) FILTER (WHERE kind = 'EXPENSE') AS incurred
                           FROM royalty_ledger_entry GROUP BY agreement_id) s ON s.agreement_id = a.id
                WHERE coalesce(adv, 0) > a.advance OR coalesce(exp, 0) > coalesce(a.expense_cap, exp) OR coalesce(exp, 0) > coalesce(incurred, 0)
                LIMIT 10""", String.class);
        assertThat(over).as("advances or expense caps over-recouped").isEmpty();
        // the run exercised every step of the waterfall
        for (String kind : List.of("FX", "DISTRIBUTION_FEE", "EXPENSE_RECOUPMENT", "ADVANCE_RECOUPMENT", "ROYALTY_PAYABLE")) {
            assertThat(count(jdbc, "SELECT count(*) FROM royalty_ledger_entry WHERE kind = ?", kind)).as(kind + " postings").isPositive();
        }
        assertThat(count(jdbc, """
                SELECT count(*) FROM licensor_agreement a WHERE a.advance > 0 AND a.advance = (SELECT sum(amount) FROM royalty_ledger_entry e
                WHERE e.agreement_id = a.id AND e.kind = 'ADVANCE_RECOUPMENT')""")).as("advances fully recouped").isPositive();
        assertThat(count(jdbc, """
                SELECT count(*) FROM licensor_agreement a WHERE a.expense_cap IS NOT NULL AND a.expense_cap = (SELECT sum(amount)
                FROM royalty_ledger_entry e WHERE e.agreement_id = a.id AND e.kind = 'EXPENSE_RECOUPMENT')""")).as("caps reached").isPositive();
    }

    /** Every statement against the ledger summed by SQL for its period; answers the number of statement lines. */
    static int verifyStatements(JdbcTemplate jdbc, List<Licensor> licensors, List<StatementView> views) {
        Map<Long, Map<String, Object>> sums = new HashMap<>();
        jdbc.queryForList("""
                SELECT e.agreement_id,
                       coalesce(sum(e.amount) FILTER (WHERE e.kind = 'FX' OR (e.kind = 'RECEIPT' AND e.currency = a.currency)), 0) AS receipts,
                       coalesce(sum(e.amount) FILTER (WHERE e.kind = 'DISTRIBUTION_FEE'), 0) AS fees,
                       coalesce(sum(e.amount) FILTER (WHERE e.kind = 'ROYALTY_PAYABLE'), 0) AS royalty,
                       coalesce(sum(e.amount) FILTER (WHERE e.kind = 'ADVANCE_RECOUPMENT'), 0) AS advance,
                       coalesce(sum(e.amount) FILTER (WHERE e.kind = 'EXPENSE_RECOUPMENT'), 0) AS expenses,
                       count(DISTINCT e.receipt_id) AS receipts_n
                FROM royalty_ledger_entry e JOIN licensor_agreement a ON a.id = e.agreement_id
                WHERE e.period_label = CASE a.statement_frequency WHEN 'QUARTERLY' THEN '2027-Q2' ELSE '2027-H2' END
                GROUP BY e.agreement_id""").forEach(r -> sums.put(((Number) r.get("agreement_id")).longValue(), r));
        int lines = 0;
        for (Licensor l : licensors) {
            StatementView v = views.get(l.index());
            Map<String, Object> s = sums.get(l.agreementId());
            assertThat(s).as("ledger entries of " + l.name() + " in " + l.secondPeriod()).isNotNull();
            String what = l.name() + " " + l.secondPeriod();
            assertThat(v.totals().receipts()).as(what + " receipts").isEqualByComparingTo((BigDecimal) s.get("receipts"));
            assertThat(v.totals().distributionFees()).as(what + " fees").isEqualByComparingTo((BigDecimal) s.get("fees"));
            assertThat(v.totals().royaltyPayable()).as(what + " royalty").isEqualByComparingTo((BigDecimal) s.get("royalty"));
            assertThat(v.totals().advanceRecouped()).as(what + " advance").isEqualByComparingTo((BigDecimal) s.get("advance"));
            assertThat(v.totals().expensesRecouped()).as(what + " expenses").isEqualByComparingTo((BigDecimal) s.get("expenses"));
            assertThat(v.lines()).as(what + " lines").hasSize(((Number) s.get("receipts_n")).intValue());
            assertThat(v.lines()).allSatisfy(line -> assertThat(line.externalReference()).startsWith("RB-RCPT-"));
            assertThat(v.receiptsByTitle()).allSatisfy(t -> assertThat(t.titleName()).startsWith("Royalty benchmark title"));
            lines += v.lines().size();
        }
        return lines;
    }

    // ------------------------------------------------------------------------------------------------
    // where the time goes

    /** RoyaltyLedger.currentState (read by every post) on the licensors with the most receipts, and its query plan. */
    static String probeCurrentState(JdbcTemplate jdbc, RoyaltyAgreementService agreements, RoyaltyLedger ledger, List<Licensor> licensors,
                                    int[] perLicensor) {
        List<Licensor> biggest = licensors.stream().sorted(Comparator.comparingInt((Licensor l) -> -perLicensor[l.index()])).limit(20).toList();
        List<Licensor> smallest = licensors.stream().sorted(Comparator.comparingInt((Licensor l) -> perLicensor[l.index()])).limit(20).toList();
        StringBuilder sb = new StringBuilder("WHERE A POST'S TIME GOES: RoyaltyLedger.currentState (the balances every post starts from)\n");
        for (List<Licensor> group : List.of(smallest, biggest)) {
            long[] t = new long[group.size() * 5];
            int k = 0;
            long entries = 0;
            for (Licensor l : group) {
                LicensorAgreement a = agreements.load(l.agreementId());
                entries += count(jdbc, "SELECT count(*) FROM royalty_ledger_entry WHERE agreement_id = ?", l.agreementId());
                ledger.currentState(a); // warm
                for (int r = 0; r < 5; r++) {
                    long t0 = System.nanoTime();
                    ledger.currentState(a);
                    t[k++] = System.nanoTime() - t0;
                }
            }
            Arrays.sort(t);
            sb.append(String.format(Locale.ROOT, "  %-8s 20 licensors (%,d ledger entries each on average): currentState p50 %.2f ms, p99 %.2f ms%n",
                    group == biggest ? "biggest" : "smallest", entries / group.size(), percentile(t, 0.5) / 1e6, percentile(t, 0.99) / 1e6));
        }
        // the two ways of getting those balances from PostgreSQL: every entry of the agreement, or sums per kind
        long id = biggest.get(0).agreementId();
        Map<String, String> queries = new java.util.LinkedHashMap<>();
        queries.put("every entry of the agreement", "SELECT " + RoyaltyLedger.ENTRY_COLUMNS
                + " FROM royalty_ledger_entry WHERE agreement_id = " + id + " ORDER BY id");
        queries.put("sums per kind and expense", "SELECT kind, expense_id, sum(amount) FROM royalty_ledger_entry WHERE agreement_id = " + id
                + " AND (kind <> 'RECEIPT' OR currency = (SELECT currency FROM licensor_agreement WHERE id = " + id + ")) GROUP BY kind, expense_id");
        queries.forEach((label, sql) -> {
            sb.append("  EXPLAIN (ANALYZE, BUFFERS), biggest licensor, ").append(label).append(":\n");
            jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS) " + sql, String.class).forEach(l -> sb.append("    ").append(l).append('\n'));
        });
        return sb.toString();
    }

    void resetStatements(JdbcTemplate jdbc) {
        if (statements) superuser().execute("SELECT pg_stat_statements_reset()");
    }

    /** The service connects as a role that is not a superuser; server settings and statistics need the cluster's superuser. */
    JdbcTemplate superuser() {
        try {
            String password = io.reelflow.platform.EmbeddedPostgresConfiguration.Credentials.read(dataDir).superuser();
            return new JdbcTemplate(new org.springframework.jdbc.datasource.SingleConnectionDataSource(
                    "jdbc:postgresql://localhost:" + pgPort + "/reelflow", "postgres", password, true));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The statements that took the most server time since the last reset, with calls per operation. */
    String topStatements(JdbcTemplate jdbc, int operations, String what) {
        if (!statements) return "";
        List<String> rows = jdbc.query("""
                SELECT calls, total_exec_time, total_exec_time / calls AS mean, rows,
                       regexp_replace(regexp_replace(query, '\\s+', ' ', 'g'), '^(.{0,120}).*$', '\\1') AS q
                FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND query NOT ILIKE '%pg_stat_statements%'
                ORDER BY total_exec_time DESC LIMIT 8""",
                (rs, i) -> String.format(Locale.ROOT, "    %8d %6.2f %9.0f %7.3f %9d  %s", rs.getLong(1), rs.getLong(1) / (double) operations,
                        rs.getDouble(2), rs.getDouble(3), rs.getLong(4), rs.getString(5)));
        Map<String, Object> all = jdbc.queryForMap("""
                SELECT coalesce(sum(calls), 0) AS calls, coalesce(sum(total_exec_time), 0) AS ms FROM pg_stat_statements
                WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%'""");
        long calls = ((Number) all.get("calls")).longValue();
        return String.format(Locale.ROOT, "  SQL per %s (pg_stat_statements): %,d statements = %.1f per %s, %.0f ms server time in all; top by time:%n"
                        + "    %8s %6s %9s %7s %9s  %s%n%s", what, calls, calls / (double) operations, what, ((Number) all.get("ms")).doubleValue(),
                "calls", "/op", "total ms", "mean ms", "rows", "query", String.join("\n", rows));
    }

    // ------------------------------------------------------------------------------------------------
    // machine, database, CPU

    static String machine() {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "MACHINE: %d CPUs (%s), %s MiB RAM, JVM max heap %d MiB, Java %s, %s %s; load average at start %s",
                rt.availableProcessors(), cpuModel(), memTotalMiB(), rt.maxMemory() >> 20, System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.version"), loadAverage());
    }

    static String database(JdbcTemplate jdbc) {
        String pg = jdbc.queryForObject("SELECT current_setting('server_version')", String.class);
        List<String> settings = jdbc.queryForList("""
                SELECT name || '=' || current_setting(name) FROM pg_settings
                WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers', 'work_mem',
                               'shared_preload_libraries', 'autovacuum')
                ORDER BY name""", String.class);
        return String.format(Locale.ROOT, "POSTGRESQL %s (embedded, zonky, persistent data directory, production durability): %s", pg,
                String.join(", ", settings));
    }

    static String sizes(JdbcTemplate jdbc) {
        return "TABLES: " + String.join("; ", jdbc.queryForList("""
                SELECT relname || ' ' || to_char(n_live_tup, 'FM999,999,999') || ' rows ' || pg_size_pretty(pg_total_relation_size(relid))
                FROM pg_stat_user_tables WHERE relname IN ('royalty_ledger_entry', 'royalty_receipt', 'royalty_statement', 'fx_rate',
                      'licensor_agreement', 'recoupable_expense')
                ORDER BY pg_total_relation_size(relid) DESC""", String.class));
    }

    // ------------------------------------------------------------------------------------------------
    // helpers

    static long count(JdbcTemplate jdbc, String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    static double secs(long nanos) {
        return nanos / 1e9;
    }

}
