package io.reelflow.window;

import static io.reelflow.support.BenchmarkMachine.*;

import io.reelflow.support.BenchmarkMachine.Cpu;
import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.ReelflowApplication;
import io.reelflow.rights.rules.Territories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A benchmark, not a test (run on demand: {@code mvn test -Pbench -Dtest=WindowTimersBenchmark}).
 *
 * <p>100,000 active deals, each with its {@code window-watch} instance waiting at the {@code windowExpires}
 * timer, in a persistent embedded PostgreSQL with production durability (fsync, synchronous_commit and
 * full_page_writes on: {@code ephemeral=false}). The deals, titles, grants and windows are written by SQL, the
 * 100,000 instances through the engine API (about 10 minutes on two cores; on a busy machine
 * {@code -Dbench.apiDeals=10000} creates only the first 10,000 so and the rest as SQL copies of their rows, with their
 * own ids and values, checked against the API-created ones: see cloneInstances). It measures
 * <ol>
 *   <li>start-up of the service on that database, in a fresh JVM as in production (launch to "Started", and
 *       to the first overdue timer fired), against the same start on an empty database;</li>
 *   <li>the time to fire a batch of 1,000 timers that fall due at the same instant, until each of those deals
 *       went through {@code expireWindow} (timer job + the async {@code expireWindow} job), with the job
 *       executor as configured in application.yaml and with other executor settings (one round each);</li>
 *   <li>that no timer fires twice, and that none of the 99,000 others fires: asserted from the engine's
 *       history (job log, activity instances) and from the deal records. Times are printed, never asserted.</li>
 * </ol>
 * The application is started by the benchmark itself (no Spring test context) so that it controls each start.
 * Method, machine and figures: docs/benchmarks-windows.md.
 *
 * <p>Knobs: {@code -Dbench.deals=100000 -Dbench.batch=1000 -Dbench.loadThreads=2 -Dbench.txSize=500
 * -Dbench.coldStarts=2 -Dbench.keepData=false
 * -Dbench.apiDeals=100000 -Dbench.rounds="application.yaml/batches of 50:core-pool-size=3,...,max-jobs-per-acquisition=50/..."}
 * (rounds separated by '/', each {@code label[:camunda.bpm.job-execution.key=value,...]}; the special key
 * {@code experiment-job-indexes=true} creates two indexes on ACT_RU_JOB before that round, see JOB_INDEXES: not part of
 * the engine's schema, an experiment; later rounds keep them).
 */
@Tag("benchmark")
class WindowTimersBenchmark {

    static final int DEALS = Integer.getInteger("bench.deals", 100_000);
    static final int BATCH = Integer.getInteger("bench.batch", 1_000);
    /** deals share an expiry day in groups of BATCH: round r fires the deals of the r-th expiry day */
    static final int EXPIRY_DAYS = DEALS / BATCH;
    static final int FIRST_EXPIRY_IN_DAYS = 30;
    static final int DAYS_BETWEEN_EXPIRIES = 10;
    static final int TERRITORIES_PER_TITLE = 20;
    static final int TITLES = DEALS / TERRITORIES_PER_TITLE;
    /** deals whose instance is created through the engine API (all by default); the others are SQL copies of those (cloneInstances) */
    static final int API_DEALS = Math.min(DEALS, Integer.getInteger("bench.apiDeals", DEALS));
    static final int LOAD_THREADS = Integer.getInteger("bench.loadThreads", 2);
    static final int TX_SIZE = Integer.getInteger("bench.txSize", 500);
    /** starts in a fresh JVM per database state (empty, loaded) */
    static final int COLD_STARTS = Integer.getInteger("bench.coldStarts", 2);
    static final boolean KEEP_DATA = Boolean.getBoolean("bench.keepData");
    static final String ROUNDS = System.getProperty("bench.rounds", "application.yaml"
            + "/batches of 50:core-pool-size=3,max-pool-size=3,queue-capacity=50,max-jobs-per-acquisition=50"
            + "/+ job indexes:experiment-job-indexes=true"
            + "/indexes + batches:core-pool-size=3,max-pool-size=3,queue-capacity=50,max-jobs-per-acquisition=50");
    static final String[] LICENSEES = {"Netflix", "Amazon Prime Video", "Disney+", "Max", "Canal+", "Sky", "Apple TV+", "Viaplay"};
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    final Path dataDir = Path.of("target/winbench-pgdata").toAbsolutePath();
    int pgPort;
    final List<String> report = new ArrayList<>();
    final Map<String, String> startRows = new LinkedHashMap<>();

    @Test
    void hundredThousandWindowTimers() throws Exception {
        assertThat(DEALS % BATCH).as("deals come in whole batches").isZero();
        assertThat(DEALS % TERRITORIES_PER_TITLE).isZero();
        deleteDirectory(dataDir);
        pgPort = freePort();
        printMachine();
        try {
            // 1. a fresh cluster: initdb, Flyway, the engine's schema, deployment, demo data
            long t0 = System.nanoTime();
            try (ConfigurableApplicationContext ctx = start(false, Map.of(), null)) {
                startRows.put("first start ever (initdb + schema + deployment), same JVM", secs(System.nanoTime() - t0));
                createProbe(ctx, "PROBE-EMPTY");
                printDatabase(ctx, "EMPTY DATABASE");
                // statement statistics from the next start on (a shared library: loaded at server start)
                ctx.getBean(JdbcTemplate.class).execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
                ctx.getBean(JdbcTemplate.class).execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
            // 2. start-up on the empty database, fresh JVM, job executor on
            if (COLD_STARTS > 0) coldStart("empty database", "PROBE-EMPTY");
            // the same in this JVM (classes loaded, code compiled): what the rounds' restarts compare with
            StartTimes empty = new StartTimes();
            try (ConfigurableApplicationContext ctx = start(true, Map.of(), empty)) {
                startRows.put("in-JVM restart, empty database", empty.describe(System.nanoTime() - empty.t0));
            }

            // 3. load 100,000 deals and their window-watch instances (job executor off)
            try (ConfigurableApplicationContext ctx = start(false, Map.of(), null)) {
                load(ctx);
                createProbe(ctx, "PROBE-FULL");
                settle(ctx);
                printDatabase(ctx, "LOADED DATABASE");
            }
            // 4. start-up on 100,000 waiting timers, fresh JVM, job executor on as configured
            if (COLD_STARTS > 0) coldStart(String.format(Locale.ROOT, "%,d deals waiting", DEALS), "PROBE-FULL");

            // 5. rounds: each fires the deals of the next expiry day, BATCH timers due at the same instant
            String[] rounds = ROUNDS.isBlank() ? new String[0] : ROUNDS.split("/");
            assertThat(rounds.length).isLessThanOrEqualTo(EXPIRY_DAYS);
            List<RoundResult> results = new ArrayList<>();
            for (int r = 0; r < rounds.length; r++) results.add(round(r, rounds[r]));

            printSummary(results);
        } finally {
            if (!KEEP_DATA) {
                awaitPostgresStopped(dataDir);
                deleteDirectory(dataDir);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // starting the application

    /** Starts the service in this JVM on the benchmark's persistent cluster. */
    ConfigurableApplicationContext start(boolean jobExecutor, Map<String, String> jobExecution, StartTimes times) {
        List<String> args = new ArrayList<>(commonArgs());
        args.add("--camunda.bpm.job-execution.enabled=" + jobExecutor);
        jobExecution.forEach((k, v) -> args.add("--camunda.bpm.job-execution." + k + "=" + v));
        SpringApplicationBuilder builder = new SpringApplicationBuilder(ReelflowApplication.class);
        if (times != null) {
            builder.applicationStartup(times.startup);
            builder.listeners((ApplicationListener<ApplicationEvent>) e -> times.event(
                    (e instanceof PayloadApplicationEvent<?> p ? p.getPayload() : e).getClass().getSimpleName()));
        }
        return builder.run(args.toArray(String[]::new));
    }

    List<String> commonArgs() {
        return List.of(
                // command-line arguments: they win over src/test/resources/config/application.yaml (ephemeral, port 0)
                "--reelflow.embedded-postgres.ephemeral=false",
                "--reelflow.embedded-postgres.data-directory=" + dataDir,
                "--reelflow.embedded-postgres.port=" + pgPort,
                "--server.port=0",
                "--reelflow.demo.enabled=true");
    }

    /** What happened when during one in-JVM start. */
    static final class StartTimes {
        final long t0 = System.nanoTime();
        final BufferingApplicationStartup startup = new BufferingApplicationStartup(50_000);
        final Map<String, Long> events = new LinkedHashMap<>();

        synchronized void event(String name) {
            events.putIfAbsent(name, System.nanoTime() - t0);
        }

        String describe(long readyNanos) {
            return String.format(Locale.ROOT, "ready %s s, job executor started %s s; of which %s", secs(readyNanos),
                    secsOf(events.get("ProcessApplicationStartedEvent")), keyBeans());
        }

        /** creation of the beans that touch the database (times include the beans created inside them) */
        String keyBeans() {
            List<String> out = new ArrayList<>();
            startup.getBufferedTimeline().getEvents().forEach(e -> {
                StartupStep step = e.getStartupStep();
                if (!step.getName().equals("spring.beans.instantiate")) return;
                String name = "?";
                for (StartupStep.Tag tag : step.getTags()) if (tag.getKey().equals("beanName")) name = tag.getValue();
                if (List.of("dataSource", "flywayInitializer", "entityManagerFactory", "processEngineFactoryBean").contains(name)) {
                    out.add(name + " " + secs(e.getDuration().toNanos()) + " s");
                }
            });
            return String.join(", ", out);
        }
    }

    /**
     * Start-up as in production: a fresh JVM ({@code java -XX:MaxRAMPercentage=75}, main classes and the
     * dependencies, no test resources: only application.yaml plus the data directory/port arguments), job
     * executor on. Times from launch: PostgreSQL accepting connections, Spring's "Started" line, the overdue
     * probe timer fired (its deal's window ENDED). Then SIGTERM, as a container stop.
     */
    void coldStart(String label, String probe) throws Exception {
        List<String> runs = new ArrayList<>();
        for (int i = 1; i <= COLD_STARTS; i++) runs.add(coldStartOnce(label, probe, i));
        startRows.put("cold start (fresh JVM), " + label, String.join("\n" + " ".repeat(66), runs));
    }

    /** One start in a fresh JVM; the probe's overdue timer fires in the first one only. */
    String coldStartOnce(String label, String probe, int run) throws Exception {
        String cp = Stream.of(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")).split(java.io.File.pathSeparator))
                .filter(p -> !p.endsWith("test-classes")).collect(Collectors.joining(java.io.File.pathSeparator));
        Path log = Path.of("target/winbench-coldstart-" + probe.toLowerCase(Locale.ROOT) + "-" + run + ".log").toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxRAMPercentage=75", "-cp", cp, ReelflowApplication.class.getName()));
        cmd.addAll(commonArgs());
        cmd.add("--camunda.bpm.job-execution.enabled=true");
        awaitPostgresStopped(dataDir);
        String url = "jdbc:postgresql://localhost:" + pgPort + "/reelflow?user=postgres&connectTimeout=2";
        String load = loadAverage();
        long t0 = System.nanoTime();
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long pgUp = -1, started = -1, fired = run == 1 ? -1 : 0;
        String springSays = "", startupSql = "";
        try {
            Connection c = null;
            while (System.nanoTime() - t0 < TimeUnit.MINUTES.toNanos(5) && (started < 0 || fired < 0)) {
                if (!child.isAlive()) throw new AssertionError("the service exited with " + child.exitValue() + ", see " + log);
                if (c == null) {
                    try {
                        // every connection needs a password: the superuser's is kept beside the data directory
                        c = DriverManager.getConnection(url + "&password="
                                + io.reelflow.platform.EmbeddedPostgresConfiguration.Credentials.read(dataDir).superuser());
                        pgUp = System.nanoTime() - t0;
                    } catch (java.sql.SQLException | java.io.IOException notYet) {
                        // not up yet
                    }
                }
                if (c != null && fired < 0) {
                    try (Statement st = c.createStatement();
                         ResultSet rs = st.executeQuery("SELECT state FROM licence_window WHERE deal_ref = '" + probe + "'")) {
                        if (rs.next() && rs.getString(1).equals("ENDED")) fired = System.nanoTime() - t0;
                    } catch (java.sql.SQLException e) {
                        c.close();
                        c = null;
                    }
                }
                if (started < 0) {
                    String line = Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1).lines()
                            .filter(l -> l.contains("Started ReelflowApplication in")).findFirst().orElse(null);
                    if (line != null) {
                        started = System.nanoTime() - t0;
                        springSays = line.substring(line.indexOf("Started ReelflowApplication in") + "Started ".length());
                    }
                }
                Thread.sleep(25);
            }
            if (c != null) {
                // what the service asked PostgreSQL while starting (statistics reset before this start)
                if (run == 1) startupSql = startupStatements(c);
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_stat_statements_reset()");
                } catch (java.sql.SQLException e) {
                    // pg_stat_statements not created yet (empty database): nothing to reset
                }
                c.close();
            }
        } finally {
            long s0 = System.nanoTime();
            child.destroy(); // SIGTERM: Spring closes the engine, the pool, then PostgreSQL
            if (!child.waitFor(3, TimeUnit.MINUTES)) child.destroyForcibly().waitFor();
            awaitPostgresStopped(dataDir);
            if (run == 1) {
                report.add(String.format(Locale.ROOT, "  stop (SIGTERM until PostgreSQL stopped) after a cold start on %s: %s s", label,
                        secs(System.nanoTime() - s0)));
            }
        }
        assertThat(started).as("the service started, see " + log).isPositive();
        if (run == 1) assertThat(fired).as("the overdue probe timer fired after the start, see " + log).isPositive();
        String row = String.format(Locale.ROOT, "PostgreSQL up %5s s | \"Started\" %5s s | %s   (Spring: %s; load average before %s)", secs(pgUp),
                secs(started), run == 1 ? "overdue timer fired " + secs(fired) + " s" : "(no probe)", springSays.replace(" seconds", " s"), load);
        System.out.printf(Locale.ROOT, "%nCOLD START %d (fresh JVM) on %s: %s (log: %s)%n%s", run, label, row, log, startupSql);
        if (!startupSql.isEmpty()) report.add("  start-up SQL of the first cold start on " + label + ":\n" + startupSql.stripTrailing());
        return row;
    }

    static String startupStatements(Connection c) {
        StringBuilder sb = new StringBuilder();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT calls, total_exec_time, rows, regexp_replace(regexp_replace(query, '\\s+', ' ', 'g'), '^(.{0,100}).*$', '\\1')
                FROM pg_stat_statements WHERE query NOT ILIKE '%licence_window WHERE deal_ref%'
                ORDER BY total_exec_time DESC LIMIT 6""")) {
            while (rs.next()) {
                sb.append(String.format(Locale.ROOT, "    %6d calls %8.1f ms %8d rows  %s%n", rs.getLong(1), rs.getDouble(2), rs.getLong(3), rs.getString(4)));
            }
            try (ResultSet all = st.executeQuery("SELECT count(*), coalesce(sum(calls), 0), coalesce(sum(total_exec_time), 0) FROM pg_stat_statements")) {
                all.next();
                sb.insert(0, String.format(Locale.ROOT, "    all: %d statements, %d calls, %.0f ms server time; slowest:%n", all.getLong(1),
                        all.getLong(2), all.getDouble(3)));
            }
        } catch (java.sql.SQLException e) {
            return "    (pg_stat_statements: " + e.getMessage() + ")\n";
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------
    // loading

    void load(ConfigurableApplicationContext ctx) throws Exception {
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        List<String> countries = new ArrayList<>(Territories.allCountries()).subList(0, TERRITORIES_PER_TITLE);
        Cpu cpu0 = Cpu.now(dataDir);
        long t0 = System.nanoTime();

        // SQL: 5,000 titles, each licensed exclusively for SVOD in 20 countries, one deal per title x country
        List<Long> ids = jdbc.queryForList("""
                INSERT INTO title (name, kind, runtime_minutes, original_language)
                SELECT 'Window bench title ' || n, 'FEATURE', 85 + n % 60, (ARRAY['en', 'fr', 'es', 'de', 'ko', 'ja'])[1 + n % 6]
                FROM generate_series(1, ?) AS n ORDER BY n RETURNING id""", Long.class, TITLES);
        long firstTitle = ids.stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(ids.stream().mapToLong(Long::longValue).max().orElseThrow() - firstTitle + 1).isEqualTo(TITLES);
        // deal n: title (n-1) % TITLES, country (n-1) / TITLES, expiry day n % EXPIRY_DAYS (so deals expiring on the
        // same day are spread over the whole table, as deals signed months apart); windows began 1-36 months ago
        int deals = jdbc.update("""
                INSERT INTO deal (crm_deal_id, licensee, media, exclusive, territories_requested, territories, window_start, window_end,
                                  delivery_due, status, terms, created_at, updated_at)
                SELECT s.crm, s.licensee, ARRAY['SVOD'], true, ARRAY[s.country], ARRAY[s.country], s.ws, s.we, s.ws, 'IN_WINDOW',
                       jsonb_build_object('crmDealId', s.crm, 'licensee', s.licensee, 'titleIds', jsonb_build_array(s.title_id),
                                          'media', jsonb_build_array('SVOD'), 'exclusive', true, 'territories', jsonb_build_array(s.country),
                                          'windowStart', s.ws, 'windowEnd', s.we, 'deliveryDue', s.ws,
                                          'fee', jsonb_build_object('type', 'FIXED', 'currency', 'EUR', 'amount', 100000 + s.n % 900 * 1000)),
                       s.ws - 60, s.ws
                FROM (SELECT n, 'WB-' || lpad(n::text, 6, '0') AS crm, ?::bigint + (n - 1) % ? AS title_id,
                             (string_to_array(?, ','))[1 + (n - 1) / ?] AS country,
                             (string_to_array(?, ','))[1 + n % 8] AS licensee,
                             (?::date - (30 * (1 + n % 36))) AS ws,
                             (?::date + (? + (n % ?) * ?) - 1) AS we
                      FROM generate_series(1, ?) AS n) s
                ORDER BY s.n""",
                firstTitle, TITLES, String.join(",", countries), TITLES, String.join(",", LICENSEES),
                java.sql.Date.valueOf(TODAY), java.sql.Date.valueOf(TODAY), FIRST_EXPIRY_IN_DAYS, EXPIRY_DAYS, DAYS_BETWEEN_EXPIRIES, DEALS);
        assertThat(deals).isEqualTo(DEALS);
        jdbc.update("""
                INSERT INTO deal_title (deal_id, title_id, position)
                SELECT id, (terms -> 'titleIds' ->> 0)::bigint, 0 FROM deal WHERE crm_deal_id LIKE 'WB-%' ORDER BY id""");
        // the trail of a deal that got here: received, granted, in window, left to expire at the last alert
        jdbc.update("""
                INSERT INTO deal_event (deal_id, at, kind, detail, actor)
                SELECT d.id, d.created_at + e.o * interval '1 day', e.kind, e.detail, e.actor
                FROM deal d CROSS JOIN (VALUES (0, 'RECEIVED', 'deal received from the CRM', NULL),
                                               (1, 'GRANTED', '1 grants recorded', NULL),
                                               (60, 'IN_WINDOW', 'licence window started', NULL),
                                               (61, 'LET_EXPIRE', 'window left to expire (licensee not renewing)', 'rita')) AS e(o, kind, detail, actor)
                WHERE d.crm_deal_id LIKE 'WB-%' ORDER BY d.id, e.o""");
        int grants = jdbc.update("""
                INSERT INTO grant_out (title_id, territory, media, window_start, window_end, exclusive, licensee, deal_ref, status, created_at)
                SELECT (d.terms -> 'titleIds' ->> 0)::bigint, d.territories[1], 'SVOD', d.window_start, d.window_end, true, d.licensee,
                       d.crm_deal_id, 'ACTIVE', d.created_at
                FROM deal d WHERE d.crm_deal_id LIKE 'WB-%' ORDER BY d.id""");
        assertThat(grants).isEqualTo(DEALS);
        jdbc.update("""
                INSERT INTO licence_window (deal_ref, licensee, title_names, window_start, window_end, state, renewal_status,
                                            last_alert_lead_days, renewal_note, plan_live, plan_evergreen, plan_alert_due,
                                            plan_next_alert_lead, plan_expires_at, plan_end_label)
                SELECT d.crm_deal_id, d.licensee, t.name, d.window_start, d.window_end, 'LIVE', 'LET_EXPIRE', 30, 'licensee not renewing',
                       true, false, false, 0, (d.window_end + 1)::timestamp AT TIME ZONE 'UTC', d.window_end::text
                FROM deal d JOIN deal_title dt ON dt.deal_id = d.id JOIN title t ON t.id = dt.title_id
                WHERE d.crm_deal_id LIKE 'WB-%' ORDER BY d.id""");
        long t1 = System.nanoTime();

        jdbc.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        jdbc.queryForObject("SELECT pg_stat_statements_reset()", Object.class);
        // engine: one window-watch instance per deal, created at its expiry timer, with the variables that
        // planWindowTimers and the renewal decision leave behind (19). The first API_DEALS through the engine API;
        // the rest, if any, as SQL copies of those instances' rows (see cloneInstances)
        List<DealRow> rows = jdbc.query("""
                SELECT d.id, d.crm_deal_id, d.licensee, t.name, d.window_start, d.window_end
                FROM deal d JOIN deal_title dt ON dt.deal_id = d.id JOIN title t ON t.id = dt.title_id
                WHERE d.crm_deal_id LIKE 'WB-%' ORDER BY d.id LIMIT ?""",
                (rs, i) -> new DealRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDate(5).toLocalDate(),
                        rs.getDate(6).toLocalDate()), API_DEALS);
        assertThat(rows).hasSize(API_DEALS);
        RuntimeService runtime = ctx.getBean(RuntimeService.class);
        TransactionTemplate tx = new TransactionTemplate(ctx.getBean(PlatformTransactionManager.class));
        ConcurrentLinkedQueue<List<DealRow>> chunks = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < rows.size(); i += TX_SIZE) chunks.add(rows.subList(i, Math.min(rows.size(), i + TX_SIZE)));
        AtomicInteger done = new AtomicInteger();
        long[] rateAt = new long[2]; // instances and time at the half: the second half's rate is past JIT warm-up
        ExecutorService pool = Executors.newFixedThreadPool(LOAD_THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < LOAD_THREADS; t++) {
            futures.add(pool.submit(() -> {
                for (List<DealRow> chunk; (chunk = chunks.poll()) != null; ) {
                    List<DealRow> c = chunk;
                    tx.executeWithoutResult(s -> c.forEach(row -> startAtExpiry(runtime, row)));
                    int n = done.addAndGet(c.size());
                    long now = System.nanoTime();
                    synchronized (rateAt) {
                        if (rateAt[0] == 0 && n >= API_DEALS / 2) {
                            rateAt[0] = n;
                            rateAt[1] = now;
                        }
                    }
                    if (n % 10_000 < TX_SIZE) {
                        System.out.printf(Locale.ROOT, "  %,7d instances, %.0f /s overall, load average %s%n", n, n / ((now - t1) / 1e9), loadAverage());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) f.get();
        pool.shutdown();
        long t2 = System.nanoTime();
        Cpu cpu1 = Cpu.now(dataDir);
        double rate = API_DEALS / ((t2 - t1) / 1e9);
        double secondHalfRate = (API_DEALS - rateAt[0]) / ((t2 - rateAt[1]) / 1e9);
        String line = String.format(Locale.ROOT,
                "LOAD: %,d deals (+ titles, grants, licence windows, events) by SQL in %s s%n"
                        + "  %,d window-watch instances by the engine API in %s s = %.0f instances/s (second half %.0f /s; %d threads, %d per"
                        + " transaction); CPU: %s",
                DEALS, secs(t1 - t0), API_DEALS, secs(t2 - t1), rate, secondHalfRate, LOAD_THREADS, TX_SIZE, cpu1.minus(cpu0));
        System.out.printf(Locale.ROOT, "%n%s%n%s%n", line, topStatements(jdbc));
        report.add(line);
        if (API_DEALS < DEALS) {
            report.add(String.format(Locale.ROOT, "  at the second half's rate, %,d instances by the engine API would take %.0f s", DEALS,
                    DEALS / secondHalfRate));
            long c0 = System.nanoTime();
            cloneInstances(jdbc);
            Cpu cpu2 = Cpu.now(dataDir);
            String clone = String.format(Locale.ROOT, "  %,d more instances as SQL copies of those (ids and per-deal values replaced) in %s s; CPU: %s",
                    DEALS - API_DEALS, secs(System.nanoTime() - c0), cpu2.minus(cpu1));
            System.out.println(clone);
            report.add(clone);
            verifyClones(ctx);
        }
        assertThat(count(jdbc, """
                SELECT count(*) FROM act_ru_job j JOIN act_ru_execution pi ON pi.id_ = j.process_instance_id_
                WHERE j.type_ = 'timer' AND pi.business_key_ LIKE 'WB-%'""")).as("timers of the deals").isEqualTo(DEALS);
    }

    /** columns that hold ids of one process instance's own objects (executions, variables, activity instances, job...) */
    static final java.util.Set<String> INSTANCE_ID_COLUMNS = java.util.Set.of("id_", "root_proc_inst_id_", "proc_inst_id_",
            "process_instance_id_", "parent_id_", "execution_id_", "var_scope_", "act_inst_id_", "parent_act_inst_id_", "var_inst_id_", "job_id_");
    /** every row one window-watch instance waiting at windowExpires has (checked below against the API-created ones) */
    static final Map<String, String> INSTANCE_TABLES = new LinkedHashMap<>();

    static {
        INSTANCE_TABLES.put("act_ru_execution", "proc_inst_id_");
        INSTANCE_TABLES.put("act_ru_variable", "proc_inst_id_");
        INSTANCE_TABLES.put("act_ru_event_subscr", "proc_inst_id_");
        INSTANCE_TABLES.put("act_ru_job", "process_instance_id_");
        INSTANCE_TABLES.put("act_hi_procinst", "proc_inst_id_");
        INSTANCE_TABLES.put("act_hi_actinst", "proc_inst_id_");
        INSTANCE_TABLES.put("act_hi_varinst", "proc_inst_id_");
        INSTANCE_TABLES.put("act_hi_detail", "proc_inst_id_");
        INSTANCE_TABLES.put("act_hi_job_log", "process_instance_id_");
    }

    /**
     * The deals after the first API_DEALS get their window-watch instance as a copy of the rows of an API-created one,
     * table by table (INSERT ... SELECT): every id of the instance's own objects replaced by a new one (md5 of old id and
     * deal number, as a UUID; "activityId:uuid" activity instance ids keep their prefix), the business key, the
     * per-deal variables (dealId, crmDealId, titleNames, licensee, windowStartsAt, expiresAt, windowEndLabel,
     * renewalSummary) and the timer's due date set to the deal's own. Shared ids (definition, deployment, job
     * definition) stay. Same rows, same indexes, same sizes as the engine writes them; loaded in a fraction of the time.
     */
    void cloneInstances(JdbcTemplate jdbc) {
        jdbc.execute("DROP TABLE IF EXISTS winbench_clone");
        jdbc.update("""
                CREATE UNLOGGED TABLE winbench_clone AS
                SELECT substring(d.crm_deal_id FROM 4)::int AS n, d.id AS deal_id, d.crm_deal_id AS crm, d.licensee, t.name AS title,
                       d.window_start AS ws, d.window_end AS we, (d.window_end + 1)::timestamp AS expires_ts,
                       (extract(epoch FROM (d.window_end + 1)::timestamp AT TIME ZONE 'UTC') * 1000)::bigint AS expires_ms,
                       (extract(epoch FROM d.window_start::timestamp AT TIME ZONE 'UTC') * 1000)::bigint AS starts_ms,
                       'Window ' || d.window_start || ' .. ' || d.window_end || ' (last day), 1 territories, [SVOD], exclusive. Alert 30 days'
                         || ' before the end.' || chr(10) || 'Nothing else is sold to start after this window: a renewal is free in every'
                         || ' territory of the deal.' AS summary,
                       tpl.id_ AS tpl
                FROM deal d JOIN deal_title dt ON dt.deal_id = d.id JOIN title t ON t.id = dt.title_id
                JOIN act_ru_execution tpl ON tpl.business_key_ = 'WB-' || lpad((1 + (substring(d.crm_deal_id FROM 4)::int - 1) % ?)::text, 6, '0')
                                         AND tpl.id_ = tpl.proc_inst_id_
                WHERE d.crm_deal_id LIKE 'WB-%' AND substring(d.crm_deal_id FROM 4)::int > ?""", API_DEALS, API_DEALS);
        jdbc.execute("CREATE INDEX ON winbench_clone (tpl)");
        jdbc.execute("ANALYZE winbench_clone");
        assertThat(count(jdbc, "SELECT count(*) FROM winbench_clone")).isEqualTo(DEALS - API_DEALS);
        // indexes are maintained row by row as when the engine inserts; foreign keys are not checked row by row
        // (session_replication_role = replica) but all at once below
        DataSource ds = jdbc.getDataSource();
        JdbcTemplate one = new JdbcTemplate(ds);
        new TransactionTemplate(new org.springframework.jdbc.datasource.DataSourceTransactionManager(ds)).executeWithoutResult(status -> {
            one.execute("SET LOCAL session_replication_role = replica");
            for (var e : INSTANCE_TABLES.entrySet()) {
                String table = e.getKey();
                List<String> columns = one.queryForList("""
                        SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position""",
                        String.class, table);
                boolean variables = columns.contains("name_") && columns.contains("long_") && columns.contains("text_");
                List<String> select = new ArrayList<>();
                for (String col : columns) select.add(cloneExpression(table, col, variables));
                long t0 = System.nanoTime();
                int n = one.update("INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + String.join(", ", select)
                        + " FROM winbench_clone c JOIN " + table + " t ON t." + e.getValue() + " = c.tpl ORDER BY c.n, t.id_");
                System.out.printf(Locale.ROOT, "    %-20s %,9d rows copied in %s s%n", table, n, secs(System.nanoTime() - t0));
            }
        });
        // every single-column foreign key of these tables holds (they were not checked while copying)
        List<Map<String, Object>> fks = jdbc.queryForList("""
                SELECT k.conname, k.conrelid::regclass::text AS child, a.attname AS col, k.confrelid::regclass::text AS parent, pa.attname AS pcol
                FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
                JOIN pg_attribute pa ON pa.attrelid = k.confrelid AND pa.attnum = k.confkey[1]
                WHERE k.contype = 'f' AND cardinality(k.conkey) = 1 AND k.conrelid::regclass::text = ANY (?)""",
                (Object) INSTANCE_TABLES.keySet().toArray(String[]::new));
        long f0 = System.nanoTime();
        for (Map<String, Object> fk : fks) {
            int orphans = count(jdbc, "SELECT count(*) FROM %s c WHERE c.%s IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %s p WHERE p.%s = c.%s)"
                    .formatted(fk.get("child"), fk.get("col"), fk.get("parent"), fk.get("pcol"), fk.get("col")));
            assertThat(orphans).as("rows violating " + fk.get("conname")).isZero();
        }
        System.out.printf(Locale.ROOT, "    %d foreign keys checked in %s s%n", fks.size(), secs(System.nanoTime() - f0));
        jdbc.execute("DROP TABLE winbench_clone");
    }

    static String cloneExpression(String table, String col, boolean variables) {
        if (INSTANCE_ID_COLUMNS.contains(col)) {
            // (written out: as an SQL function it is not inlined and costs more than the insert)
            String v = "t." + col;
            return "CASE WHEN " + v + " IS NULL THEN NULL WHEN position(':' IN " + v + ") > 0 THEN split_part(" + v + ", ':', 1) || ':' || md5(split_part("
                    + v + ", ':', 2) || '/' || c.n)::uuid::text ELSE md5(" + v + " || '/' || c.n)::uuid::text END";
        }
        if (col.equals("business_key_")) return "CASE WHEN t.business_key_ IS NULL THEN NULL ELSE c.crm END";
        if (col.equals("duedate_") && table.equals("act_ru_job")) return "c.expires_ts";
        if (col.equals("job_duedate_")) return "c.expires_ts";
        if (variables && col.equals("long_")) {
            return "CASE t.name_ WHEN 'dealId' THEN c.deal_id WHEN 'expiresAt' THEN c.expires_ms WHEN 'windowStartsAt' THEN c.starts_ms ELSE t.long_ END";
        }
        if (variables && col.equals("text_")) {
            return "CASE t.name_ WHEN 'dealId' THEN c.deal_id::text WHEN 'crmDealId' THEN c.crm WHEN 'titleNames' THEN c.title"
                    + " WHEN 'licensee' THEN c.licensee WHEN 'windowEndLabel' THEN c.we::text WHEN 'renewalSummary' THEN c.summary ELSE t.text_ END";
        }
        return "t." + col;
    }

    /** The copies are instances like the others to the engine: same rows per instance, same activity tree, their own variables and timer. */
    void verifyClones(ConfigurableApplicationContext ctx) {
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        RuntimeService runtime = ctx.getBean(RuntimeService.class);
        // rows per instance, API-created vs copied
        for (var e : INSTANCE_TABLES.entrySet()) {
            List<Map<String, Object>> perKind = jdbc.queryForList("""
                    SELECT substring(pi.business_key_ FROM 4)::int <= ? AS api, count(*)::float / count(DISTINCT pi.id_) AS per_instance
                    FROM %s t JOIN act_ru_execution pi ON pi.id_ = t.%s AND pi.id_ = pi.proc_inst_id_
                    WHERE pi.business_key_ LIKE 'WB-%%' GROUP BY 1""".formatted(e.getKey(), e.getValue()), API_DEALS);
            assertThat(perKind).as(e.getKey() + " rows per instance, API-created and copied").hasSize(2);
            assertThat(perKind.get(0).get("per_instance")).as(e.getKey() + " rows per instance, API-created vs copied")
                    .isEqualTo(perKind.get(1).get("per_instance"));
        }
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("window-watch").processInstanceBusinessKeyLike("WB-%").count())
                .isEqualTo(DEALS);
        // a few copies through the engine API: activity tree, variables, timer
        List<DealRow> sample = jdbc.query("""
                SELECT d.id, d.crm_deal_id, d.licensee, t.name, d.window_start, d.window_end
                FROM deal d JOIN deal_title dt ON dt.deal_id = d.id JOIN title t ON t.id = dt.title_id
                WHERE d.crm_deal_id IN (?, ?, ?)""", (rs, i) -> new DealRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getDate(5).toLocalDate(), rs.getDate(6).toLocalDate()),
                crmId(API_DEALS + 1), crmId((API_DEALS + DEALS) / 2), crmId(DEALS));
        assertThat(sample).hasSize(3);
        org.camunda.bpm.engine.ManagementService management = ctx.getBean(org.camunda.bpm.engine.ManagementService.class);
        for (DealRow row : sample) {
            var pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(row.crm()).singleResult();
            var tree = runtime.getActivityInstance(pi.getId());
            assertThat(tree.getChildActivityInstances()).hasSize(1);
            assertThat(tree.getChildActivityInstances()[0].getActivityId()).isEqualTo("watchWindow");
            assertThat(tree.getChildActivityInstances()[0].getChildActivityInstances()[0].getActivityId()).isEqualTo("windowExpires");
            assertThat(new HashMap<>(runtime.getVariables(pi.getId()))).isEqualTo(variables(row));
            var job = management.createJobQuery().processInstanceId(pi.getId()).singleResult();
            assertThat(job.getDuedate()).isEqualTo(midnight(row.end().plusDays(1)));
            assertThat(runtime.createEventSubscriptionQuery().processInstanceId(pi.getId()).eventName("windowAmended").count()).isEqualTo(1);
        }
    }

    static String crmId(int n) {
        return String.format(Locale.ROOT, "WB-%06d", n);
    }

    record DealRow(long id, String crm, String licensee, String titleName, LocalDate start, LocalDate end) {
    }

    static void startAtExpiry(RuntimeService runtime, DealRow row) {
        runtime.createProcessInstanceByKey("window-watch").businessKey(row.crm()).setVariables(variables(row)).startBeforeActivity("windowExpires")
                .execute();
    }

    static Map<String, Object> variables(DealRow row) {
        Map<String, Object> v = new HashMap<>();
        v.put("dealId", row.id());
        v.put("crmDealId", row.crm());
        v.put("titleNames", row.titleName());
        v.put("licensee", row.licensee());
        // what planWindowTimers sets for a live window whose renewal was decided (no alert ahead)
        v.put("windowLive", true);
        v.put("windowStartsAt", midnight(row.start()));
        v.put("evergreen", false);
        v.put("alertDue", false);
        v.put("nextAlertAt", null);
        v.put("nextAlertLeadDays", 0);
        v.put("escalationAt", null);
        v.put("expiresAt", midnight(row.end().plusDays(1)));
        v.put("windowEndLabel", row.end().toString());
        // what raiseRenewalAlert and the decision left
        v.put("renewalSummary", "Window " + row.start() + " .. " + row.end() + " (last day), 1 territories, [SVOD], exclusive. Alert 30 days"
                + " before the end.\nNothing else is sold to start after this window: a renewal is free in every territory of the deal.");
        v.put("renewalDecision", "LET_EXPIRE");
        v.put("newWindowEnd", "");
        v.put("newFeeAmount", "");
        v.put("renewalNote", "licensee not renewing");
        v.put("renewed", false);
        return v;
    }

    /** A deal whose window ended yesterday: its timer is overdue, the job executor fires it as soon as it runs. */
    void createProbe(ConfigurableApplicationContext ctx, String crm) {
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        LocalDate end = TODAY.minusDays(2);
        LocalDate start = end.minusYears(1);
        Long title = jdbc.queryForObject("INSERT INTO title (name, kind, original_language) VALUES (?, 'FEATURE', 'en') RETURNING id", Long.class,
                "Probe title " + crm);
        Long deal = jdbc.queryForObject("""
                INSERT INTO deal (crm_deal_id, licensee, media, exclusive, territories_requested, territories, window_start, window_end,
                                  status, terms)
                VALUES (?, 'Netflix', ARRAY['SVOD'], true, ARRAY['FR'], ARRAY['FR'], ?, ?, 'IN_WINDOW', '{}'::jsonb) RETURNING id""", Long.class,
                crm, java.sql.Date.valueOf(start), java.sql.Date.valueOf(end));
        jdbc.update("INSERT INTO deal_title (deal_id, title_id, position) VALUES (?, ?, 0)", deal, title);
        jdbc.update("""
                INSERT INTO grant_out (title_id, territory, media, window_start, window_end, exclusive, licensee, deal_ref, status)
                VALUES (?, 'FR', 'SVOD', ?, ?, true, 'Netflix', ?, 'ACTIVE')""", title, java.sql.Date.valueOf(start), java.sql.Date.valueOf(end), crm);
        jdbc.update("""
                INSERT INTO licence_window (deal_ref, licensee, title_names, window_start, window_end, state, renewal_status,
                                            plan_live, plan_evergreen, plan_alert_due, plan_next_alert_lead, plan_expires_at, plan_end_label)
                VALUES (?, 'Netflix', ?, ?, ?, 'LIVE', 'LET_EXPIRE', true, false, false, 0, (?::date + 1)::timestamp AT TIME ZONE 'UTC', ?)""",
                crm, "Probe title " + crm, java.sql.Date.valueOf(start), java.sql.Date.valueOf(end), java.sql.Date.valueOf(end), end.toString());
        startAtExpiry(ctx.getBean(RuntimeService.class), new DealRow(deal, crm, "Netflix", "Probe title " + crm, start, end));
    }

    /**
     * After the bulk load: the steady state a production database reaches by itself (autovacuum: statistics,
     * visibility map), a checkpoint, and pg_stat_statements loaded from the next start on.
     */
    void settle(ConfigurableApplicationContext ctx) {
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        long t0 = System.nanoTime();
        jdbc.execute("VACUUM (ANALYZE)");
        jdbc.execute("CHECKPOINT");
        jdbc.queryForObject("SELECT pg_stat_statements_reset()", Object.class);
        report.add("  VACUUM (ANALYZE) of the whole database + CHECKPOINT after the load: " + secs(System.nanoTime() - t0) + " s");
    }

    // ------------------------------------------------------------------------------------------------
    // firing a batch

    record RoundResult(String label, String settings, String warmStart, int fired, double dueToFirstS, double firstToLastS,
                       double dueToLastS, double p50S, double p90S, double p99S, double timerToExpireP50S, String cpu, long acquisitions,
                       double acquisitionMeanMs, int failedLogs, String top) {
    }

    RoundResult round(int r, String spec) throws Exception {
        String label = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
        Map<String, String> settings = new LinkedHashMap<>();
        if (spec.contains(":")) {
            for (String kv : spec.substring(spec.indexOf(':') + 1).split(",")) settings.put(kv.split("=")[0].trim(), kv.split("=")[1].trim());
        }
        boolean indexExperiment = Boolean.parseBoolean(settings.remove("experiment-job-indexes"));
        awaitPostgresStopped(dataDir);
        StartTimes times = new StartTimes();
        ConfigurableApplicationContext ctx = start(true, settings, times);
        long ready = System.nanoTime() - times.t0;
        try {
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            DataSource ds = ctx.getBean(DataSource.class);
            String warmStart = times.describe(ready);
            System.out.printf(Locale.ROOT, "%nROUND %d \"%s\" %s: in-JVM start %s%n", r + 1, label, settings, warmStart);
            if (indexExperiment) {
                // not in the engine's schema: what the acquisition query would need (see explainAcquisition)
                long i0 = System.nanoTime();
                for (String ddl : JOB_INDEXES) jdbc.execute(ddl);
                jdbc.execute("ANALYZE act_ru_job");
                System.out.printf(Locale.ROOT, "  experiment: %s in %s s%n", String.join("; ", JOB_INDEXES), secs(System.nanoTime() - i0));
            }
            jdbc.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            // an overdue probe not fired yet (no cold start ran) goes off now, before anything is counted
            for (int i = 0; i < 600 && count(jdbc, "SELECT count(*) FROM licence_window WHERE deal_ref LIKE 'PROBE-%' AND state <> 'ENDED'") > 0; i++) {
                Thread.sleep(200);
            }

            // the deals of the r-th expiry day, spread over the whole table
            LocalDate lastDay = TODAY.plusDays(FIRST_EXPIRY_IN_DAYS + (long) r * DAYS_BETWEEN_EXPIRIES - 1);
            List<String> crmIds = jdbc.queryForList("SELECT deal_ref FROM licence_window WHERE deal_ref LIKE 'WB-%' AND window_end = ? AND state = 'LIVE'",
                    String.class, java.sql.Date.valueOf(lastDay));
            assertThat(crmIds).hasSize(BATCH);
            String[] crmArray = crmIds.toArray(String[]::new);
            List<String> instances = jdbc.queryForList("SELECT id_ FROM act_ru_execution WHERE business_key_ = ANY (?) AND id_ = proc_inst_id_",
                    String.class, (Object) crmArray);
            assertThat(instances).hasSize(BATCH);
            String[] piArray = instances.toArray(String[]::new);
            // exactly these BATCH timers fall due at T, the midnight after their last day; no other timer before it
            long dueEngine = midnight(lastDay.plusDays(1)).getTime();
            assertThat(count(jdbc, "SELECT count(*) FROM act_ru_job WHERE process_instance_id_ = ANY (?) AND type_ = 'timer' AND duedate_ = ?",
                    piArray, new Timestamp(dueEngine))).as("one timer per instance, due at T").isEqualTo(BATCH);
            assertThat(count(jdbc, "SELECT count(*) FROM act_ru_job WHERE type_ = 'timer' AND duedate_ <= ?", new Timestamp(dueEngine)))
                    .as("timers due at T in the whole database").isEqualTo(BATCH);
            int timersBefore = count(jdbc, "SELECT count(*) FROM act_ru_job WHERE type_ = 'timer'");
            int firedBefore = count(jdbc, "SELECT count(*) FROM act_hi_job_log WHERE act_id_ = 'windowExpires' AND job_state_ = 2");
            int endedBefore = count(jdbc, "SELECT count(*) FROM licence_window WHERE state = 'ENDED'");
            int closedBefore = count(jdbc, "SELECT count(*) FROM deal_event WHERE kind = 'CLOSED'");
            System.out.println("  jobs before: " + jdbc.queryForList(
                    "SELECT type_ || '/' || coalesce(handler_type_, '?') || ' ' || count(*) FROM act_ru_job GROUP BY type_, handler_type_ ORDER BY 1",
                    String.class));
            if (r == 0 || indexExperiment) {
                explainAcquisition(ds, new Timestamp(System.currentTimeMillis()), new Timestamp(dueEngine + 1_000), timersBefore,
                        indexExperiment ? "with the experiment's indexes" : "engine schema as created");
            }

            // time passes: the engine's clock reaches T 3 s from now and runs on from there (ClockUtil offset). Nothing
            // is written to the database and the job executor is not woken: it finds the due timers on its own.
            jdbc.queryForObject("SELECT pg_stat_statements_reset()", Object.class);
            long dueMillis = System.currentTimeMillis() + 3_000;
            long offset = dueEngine - dueMillis;
            ClockUtil.offset(offset);
            while (System.currentTimeMillis() < dueMillis) Thread.sleep(1);
            Cpu cpu0 = Cpu.now(dataDir);
            long due = System.nanoTime();
            long doneAt = -1;
            String lastSeen = "";
            while (System.nanoTime() - due < TimeUnit.MINUTES.toNanos(15)) {
                // cheap (the poll is measured too): the batch's instances still running; an instance ends with expireWindow
                int running = count(jdbc, "SELECT count(*) FROM act_ru_execution WHERE proc_inst_id_ = ANY (?)", (Object) piArray);
                lastSeen = running + " instances still running";
                if (running == 0) {
                    doneAt = System.nanoTime();
                    break;
                }
                Thread.sleep(250);
            }
            Cpu cpu1 = Cpu.now(dataDir);
            assertThat(doneAt).as("all %d deals expired within 15 minutes; last seen %s", BATCH, lastSeen).isPositive();
            String cpu = cpu1.minus(cpu0);

            // --- correctness: each of the batch fired exactly once, nothing else fired -----------------------
            Map<String, Object> once = jdbc.queryForMap("""
                    SELECT count(*) FILTER (WHERE n_expires = 1 AND n_expire_window = 1 AND all_ended) AS exactly_once,
                           count(*) FILTER (WHERE n_expires > 1 OR n_expire_window > 1) AS more_than_once,
                           count(*) AS instances
                    FROM (SELECT proc_inst_id_,
                                 count(*) FILTER (WHERE act_id_ = 'windowExpires') AS n_expires,
                                 count(*) FILTER (WHERE act_id_ = 'expireWindow') AS n_expire_window,
                                 bool_and(end_time_ IS NOT NULL) AS all_ended
                          FROM act_hi_actinst WHERE proc_inst_id_ = ANY (?) GROUP BY proc_inst_id_) a""", (Object) piArray);
            assertThat(((Number) once.get("instances")).intValue()).isEqualTo(BATCH);
            assertThat(((Number) once.get("more_than_once")).intValue()).as("instances that passed windowExpires/expireWindow twice").isZero();
            assertThat(((Number) once.get("exactly_once")).intValue()).as("instances that passed windowExpires and expireWindow once").isEqualTo(BATCH);
            assertThat(count(jdbc, "SELECT count(*) FROM act_hi_procinst WHERE id_ = ANY (?) AND state_ = 'COMPLETED' AND end_time_ IS NOT NULL",
                    (Object) piArray)).isEqualTo(BATCH);
            Map<String, Object> jobLog = jdbc.queryForMap("""
                    SELECT count(*) FILTER (WHERE act_id_ = 'windowExpires' AND job_state_ = 2) AS timer_ok,
                           count(DISTINCT job_id_) FILTER (WHERE act_id_ = 'windowExpires' AND job_state_ = 2) AS timer_jobs_ok,
                           count(*) FILTER (WHERE act_id_ = 'expireWindow' AND job_state_ = 2) AS expire_ok,
                           count(*) FILTER (WHERE job_state_ = 1) AS failed
                    FROM act_hi_job_log WHERE process_instance_id_ = ANY (?)""", (Object) piArray);
            assertThat(((Number) jobLog.get("timer_ok")).intValue()).as("successful timer executions in the job log").isEqualTo(BATCH);
            assertThat(((Number) jobLog.get("timer_jobs_ok")).intValue()).isEqualTo(BATCH);
            assertThat(((Number) jobLog.get("expire_ok")).intValue()).as("successful expireWindow executions in the job log").isEqualTo(BATCH);
            int failedLogs = ((Number) jobLog.get("failed")).intValue();
            assertThat(count(jdbc, """
                    SELECT count(*) FROM (SELECT d.id FROM deal d LEFT JOIN deal_event e ON e.deal_id = d.id AND e.kind = 'CLOSED'
                                          WHERE d.crm_deal_id = ANY (?) GROUP BY d.id HAVING count(e.id) = 1) x""", (Object) crmArray))
                    .as("deals of the batch with exactly one CLOSED event").isEqualTo(BATCH);
            assertThat(count(jdbc, "SELECT count(*) FROM deal WHERE crm_deal_id = ANY (?) AND status = 'CLOSED' AND version = 1", (Object) crmArray))
                    .as("deals of the batch CLOSED, updated once (JPA version 1)").isEqualTo(BATCH);
            assertThat(count(jdbc, "SELECT count(*) FROM grant_out WHERE deal_ref = ANY (?) AND status = 'RELEASED' AND released_on = ?",
                    crmArray, java.sql.Date.valueOf(lastDay.plusDays(1)))).as("grants released on the day after the last day").isEqualTo(BATCH);
            // the others: not one more timer fired, no other deal touched
            assertThat(count(jdbc, "SELECT count(*) FROM act_ru_job WHERE type_ = 'timer'")).isEqualTo(timersBefore - BATCH);
            assertThat(count(jdbc, "SELECT count(*) FROM act_hi_job_log WHERE act_id_ = 'windowExpires' AND job_state_ = 2"))
                    .as("timers fired in the whole database").isEqualTo(firedBefore + BATCH);
            assertThat(count(jdbc, "SELECT count(*) FROM licence_window WHERE state = 'ENDED'")).isEqualTo(endedBefore + BATCH);
            assertThat(count(jdbc, "SELECT count(*) FROM deal_event WHERE kind = 'CLOSED'")).isEqualTo(closedBefore + BATCH);
            assertThat(count(jdbc, "SELECT count(*) FROM act_ru_incident")).as("incidents").isZero();
            int waiting = count(jdbc, "SELECT count(*) FROM licence_window WHERE deal_ref LIKE 'WB-%' AND state = 'LIVE'");
            assertThat(waiting).isEqualTo(DEALS - (r + 1) * BATCH);

            // --- timing, from the engine's own history (ms precision) ---------------------------------------
            // (the engine writes its own clock, T-based: minus the offset it is wall-clock time again)
            List<long[]> perInstance = jdbc.query("""
                    SELECT min(timestamp_) FILTER (WHERE act_id_ = 'windowExpires'), max(timestamp_) FILTER (WHERE act_id_ = 'expireWindow')
                    FROM act_hi_job_log WHERE process_instance_id_ = ANY (?) AND job_state_ = 2 GROUP BY process_instance_id_""",
                    (rs, i) -> new long[] {rs.getTimestamp(1).getTime() - offset, rs.getTimestamp(2).getTime() - offset}, (Object) piArray);
            long firstTimer = perInstance.stream().mapToLong(a -> a[0]).min().orElseThrow();
            long lastDone = perInstance.stream().mapToLong(a -> a[1]).max().orElseThrow();
            long[] dueToDone = perInstance.stream().mapToLong(a -> a[1] - dueMillis).sorted().toArray();
            long[] timerToDone = perInstance.stream().mapToLong(a -> a[1] - a[0]).sorted().toArray();
            assertThat(firstTimer).as("first timer fired after it fell due (clock check)").isGreaterThanOrEqualTo(dueMillis - 5);

            Map<String, Object> acq = acquisitionStats(jdbc);
            String top = topStatements(jdbc);
            String described = (settings.isEmpty() ? "core 3, max 6, queue 20, max-jobs-per-acquisition 10 (application.yaml)" : settings.toString())
                    + (indexExperiment ? " + experiment: indexes on act_ru_job (duedate_) and (lock_exp_time_) WHERE lock_owner_ IS NOT NULL" : "");
            RoundResult result = new RoundResult(label, described, warmStart, BATCH, (firstTimer - dueMillis) / 1e3, (lastDone - firstTimer) / 1e3,
                    (doneAt - due) / 1e9, percentile(dueToDone, 0.5) / 1e3, percentile(dueToDone, 0.9) / 1e3, percentile(dueToDone, 0.99) / 1e3,
                    percentile(timerToDone, 0.5) / 1e3, cpu, ((Number) acq.get("calls")).longValue(), ((Number) acq.get("mean")).doubleValue(), failedLogs,
                    top);
            System.out.printf(Locale.ROOT, """
                    ROUND %d "%s": %,d timers due at T; first fired T+%.2f s, last expireWindow done T+%.2f s (firing %.2f s = %.0f deals/s);
                      polled until all done: %.2f s; per deal, T -> expireWindow done: p50 %.2f s, p90 %.2f s, p99 %.2f s;
                      timer fired -> its expireWindow done: p50 %.2f s; failed job executions logged: %d
                      CPU from T to done: %s
                      job acquisition query: %,d calls, mean %.2f ms
                    %s
                    """, r + 1, label, BATCH, result.dueToFirstS(), (lastDone - dueMillis) / 1e3, result.firstToLastS(),
                    BATCH / result.firstToLastS(), result.dueToLastS(), result.p50S(), result.p90S(), result.p99S(), result.timerToExpireP50S(),
                    failedLogs, cpu, result.acquisitions(), result.acquisitionMeanMs(), top);
            return result;
        } finally {
            long c0 = System.nanoTime();
            ctx.close();
            ClockUtil.reset();
            awaitPostgresStopped(dataDir);
            report.add(String.format(Locale.ROOT, "  close after round %d (engine, pool, PostgreSQL stopped): %s s", r + 1, secs(System.nanoTime() - c0)));
        }
    }

    /** The job executor's acquisition query on this database, now (nothing due) and at T (BATCH due). */
    static final List<String> JOB_INDEXES = List.of(
            "CREATE INDEX IF NOT EXISTS winbench_job_duedate ON act_ru_job (duedate_)",
            "CREATE INDEX IF NOT EXISTS winbench_job_locked ON act_ru_job (lock_exp_time_) WHERE lock_owner_ IS NOT NULL");

    void explainAcquisition(DataSource ds, Timestamp now, Timestamp atT, int timers, String schema) throws Exception {
        String acquisition = """
                SELECT RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_ FROM ACT_RU_JOB RES
                WHERE (RES.RETRIES_ > 0) AND (RES.DUEDATE_ IS NULL OR RES.DUEDATE_ <= TIMESTAMP '%1$s')
                  AND (RES.LOCK_OWNER_ IS NULL OR RES.LOCK_EXP_TIME_ < TIMESTAMP '%1$s') AND RES.SUSPENSION_STATE_ = 1
                  AND ((RES.EXCLUSIVE_ = TRUE AND NOT EXISTS (SELECT J2.ID_ FROM ACT_RU_JOB J2
                        WHERE J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ AND (J2.EXCLUSIVE_ = TRUE)
                          AND (J2.LOCK_OWNER_ IS NOT NULL AND J2.LOCK_EXP_TIME_ >= TIMESTAMP '%1$s'))) OR RES.EXCLUSIVE_ = FALSE)
                LIMIT 10""";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%nEXPLAIN (ANALYZE, BUFFERS) of the job acquisition query (Job.xml selectNextJobsToExecute, LIMIT 10), %,d timer jobs, %s:%n",
                timers, schema));
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (Timestamp at : List.of(now, atT)) {
                String q = String.format(Locale.ROOT, acquisition, at);
                sb.append(at == now ? "  -- now: nothing due (the usual state)\n" : "  -- at T: " + BATCH + " due, 1 in " + (timers / BATCH) + " rows\n");
                for (int i = 0; i < 3; i++) st.executeQuery("EXPLAIN (ANALYZE) " + q).close();
                try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + q)) {
                    while (rs.next()) sb.append("  ").append(rs.getString(1)).append('\n');
                }
            }
        }
        System.out.print(sb);
        report.add(sb.toString().stripTrailing());
    }

    static Map<String, Object> acquisitionStats(JdbcTemplate jdbc) {
        return jdbc.queryForMap("""
                SELECT coalesce(sum(calls), 0) AS calls, coalesce(sum(total_exec_time) / nullif(sum(calls), 0), 0) AS mean
                FROM pg_stat_statements WHERE query ILIKE '%from ACT_RU_JOB RES%' AND query ILIKE '%LOCK_OWNER_ is null%'""");
    }

    static String topStatements(JdbcTemplate jdbc) {
        List<String> rows = jdbc.query("""
                SELECT calls, total_exec_time, total_exec_time / calls AS mean, rows,
                       regexp_replace(regexp_replace(query, '\\s+', ' ', 'g'), '^(.{0,110}).*$', '\\1') AS q
                FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                ORDER BY total_exec_time DESC LIMIT 10""",
                (rs, i) -> String.format(Locale.ROOT, "    %7d %9.0f %8.3f %8d  %s", rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getLong(4),
                        rs.getString(5)));
        Double all = jdbc.queryForObject("SELECT sum(total_exec_time) FROM pg_stat_statements", Double.class);
        return String.format(Locale.ROOT, "  top statements by server time (all statements: %.0f ms):%n    %7s %9s %8s %8s  %s%n", all == null ? 0 : all,
                "calls", "total ms", "mean ms", "rows", "query") + String.join("\n", rows);
    }

    // ------------------------------------------------------------------------------------------------
    // reporting

    void printMachine() {
        Runtime rt = Runtime.getRuntime();
        String line = String.format(Locale.ROOT, "MACHINE: %d CPUs (%s), %s MiB RAM, JVM max heap %d MiB, Java %s, %s %s; load average at start %s",
                rt.availableProcessors(), cpuModel(), memTotalMiB(), rt.maxMemory() >> 20, System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.version"), loadAverage());
        System.out.printf(Locale.ROOT, "%n%s%n", line);
        report.add(line);
    }

    void printDatabase(ConfigurableApplicationContext ctx, String title) {
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        String pg = jdbc.queryForObject("SELECT current_setting('server_version')", String.class);
        List<String> settings = jdbc.queryForList("""
                SELECT name || '=' || current_setting(name) FROM pg_settings
                WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers', 'max_connections',
                               'checkpoint_timeout', 'max_wal_size')
                ORDER BY name""", String.class);
        List<String> sizes = jdbc.queryForList("""
                SELECT relname || ' ' || to_char(n_live_tup, 'FM999,999,999') || ' rows ' || pg_size_pretty(pg_total_relation_size(relid))
                FROM pg_stat_user_tables WHERE relname IN ('act_ru_job', 'act_ru_execution', 'act_ru_variable', 'act_ru_event_subscr',
                      'act_hi_actinst', 'act_hi_varinst', 'act_hi_detail', 'act_hi_job_log', 'deal', 'grant_out', 'licence_window', 'deal_event')
                ORDER BY pg_total_relation_size(relid) DESC""", String.class);
        String db = jdbc.queryForObject("SELECT pg_size_pretty(pg_database_size(current_database()))", String.class);
        String line = String.format(Locale.ROOT, "%s: PostgreSQL %s (embedded, zonky, persistent data directory), %s%n  database %s: %s",
                title, pg, String.join(", ", settings), db, String.join("; ", sizes));
        System.out.printf(Locale.ROOT, "%n%s%n", line);
        report.add(line);
    }

    void printSummary(List<RoundResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n================ WINDOW TIMERS BENCHMARK: %,d active deals, batches of %,d timers ================%n",
                DEALS, BATCH));
        report.forEach(l -> sb.append(l).append('\n'));
        sb.append("\nSTART-UP\n");
        startRows.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-63s %s%n", k, v)));
        for (int i = 0; i < results.size(); i++) {
            sb.append(String.format(Locale.ROOT, "  %-63s %s%n", "in-JVM restart, loaded, round " + (i + 1), results.get(i).warmStart()));
        }
        sb.append(String.format(Locale.ROOT, "%nFIRING %,d TIMERS DUE AT THE SAME INSTANT T (timer job + async expireWindow job per deal), times in s%n", BATCH));
        sb.append(String.format(Locale.ROOT, "  %-20s %8s %8s %9s %8s %7s %7s %7s %11s %11s %7s%n", "round", "T->first", "first->", "deals/s",
                "T->all", "p50", "p90", "p99", "timer->exp", "acquisition", "acq. ms"));
        sb.append(String.format(Locale.ROOT, "  %-20s %8s %8s %9s %8s %7s %7s %7s %11s %11s %7s%n", "", "fired", "last", "(firing)", "(polled)",
                "T->done", "", "", "p50", "queries", "mean"));
        for (RoundResult r : results) {
            sb.append(String.format(Locale.ROOT, "  %-20s %8.2f %8.2f %9.0f %8.2f %7.2f %7.2f %7.2f %11.2f %11d %7.2f%n", r.label(),
                    r.dueToFirstS(), r.firstToLastS(), r.fired() / r.firstToLastS(), r.dueToLastS(), r.p50S(), r.p90S(), r.p99S(),
                    r.timerToExpireP50S(), r.acquisitions(), r.acquisitionMeanMs()));
        }
        for (RoundResult r : results) {
            sb.append(String.format(Locale.ROOT, "  %s: job-execution %s%n      CPU T..done: %s; failed job executions logged: %d%n", r.label(),
                    r.settings(), r.cpu(), r.failedLogs()));
        }
        sb.append(String.format(Locale.ROOT, "%nCORRECTNESS (asserted each round): each of the %,d instances passed windowExpires and expireWindow exactly once"
                + " (history), one successful timer execution each in the job log, one CLOSED event per deal, deal version 1, grants released;"
                + " no other timer fired (timer jobs, job log, licence windows, events counted over the whole database); no incident."
                + "%n", BATCH));
        System.out.print(sb);
    }

    // ------------------------------------------------------------------------------------------------
    // helpers

    static int count(JdbcTemplate jdbc, String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }

    static Date midnight(LocalDate day) {
        return Date.from(day.atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    static String secs(long nanos) {
        return nanos < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }

    static String secsOf(Long nanos) {
        return nanos == null ? "n/a" : secs(nanos);
    }

}
