package io.reelflow.load;

import static io.reelflow.support.BenchmarkMachine.loadAverage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelflow.deal.DealIntakeValidator;
import io.reelflow.deal.DealRecords;
import io.reelflow.deal.DealRepository;
import io.reelflow.deal.DealRequest;
import io.reelflow.deal.DealService;
import io.reelflow.platform.security.IdentityServiceAuthenticationProvider;
import io.reelflow.rights.RightsService;
import io.reelflow.support.ApiTestSupport;
import io.reelflow.window.WindowService;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.aopalliance.intercept.MethodInterceptor;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A benchmark, not a test (run on demand: {@code mvn test -Pbench -Dtest=DealIntakeBenchmark}).
 *
 * <p>Deal intake over real HTTP as the CRM does it: {@code POST /api/deals} as {@code crm}, each a fresh clean
 * deal (its own title with exclusive SVOD rights in FR, so every deal is granted), at 1, 8 and 32 concurrent
 * clients; and in the same run the bare engine: {@code POST /engine-rest/process-definition/key/bench-empty/start}
 * as {@code admin} of an empty process (start event, end event: src/test/resources/bench/empty.bpmn, history
 * full as configured) at the same client counts. Each level: a warm-up, then a measured phase of fixed
 * duration; throughput is the requests completed in the measured phase over its length, latency is the client's
 * (request sent to response read). The job executor runs as in the service, so each deal's asynchronous steps
 * (conflict check, grant, delivery and window processes) take their share of the two cores while deals come in;
 * after each level the benchmark waits until the job backlog is worked off (that time is printed) so that the
 * next level starts from a quiet engine. At the end every benchmark deal must be GRANTED.
 *
 * <p>Where the time goes: per-step wall times measured inside the service on the request threads (a timing proxy
 * around the authentication provider, DealService.intake, the repositories, the process start and the
 * transaction commit; a servlet filter for the whole request), serial costs of authentication, validation and the
 * deal view, the CPU of the JVM against the whole machine, and with {@code -Dbench.jfr=true} a JFR profile of the
 * request threads during the 8-client deal phase (start the JVM with
 * {@code -DargLine=-XX:FlightRecorderOptions:stackdepth=1024}, or deep Spring stacks are cut short).
 * Times are printed, never asserted. Method and figures: docs/benchmarks-intake.md.
 *
 * <p>Knobs: {@code -Dbench.clients=1,8,32 -Dbench.warmupSeconds=5 -Dbench.measureSeconds=20 -Dbench.titles=40000
 * -Dbench.drainSeconds=600 -Dbench.jfr=false -Dbench.jobExecutor=true}.
 */
@Tag("benchmark")
// the service as it runs in production: without the tests' process coverage recorder on every activity (about 4 % of the
// samples in a profile of this benchmark; reelflow.test.process-coverage=false below)
@org.camunda.community.process_test_coverage.core.engine.ExcludeFromProcessCoverage
@TestPropertySource(properties = {
        "reelflow.test.process-coverage=false",
        // as in the service: the job executor and the inbox sweep run (the test configuration turns them off)
        "camunda.bpm.job-execution.enabled=${bench.jobExecutor:true}",
        "reelflow.inbox.sweep-enabled=true"})
class DealIntakeBenchmark extends ApiTestSupport {

    private static final int[] CLIENTS = Arrays.stream(System.getProperty("bench.clients", "1,8,32").split(","))
            .map(String::strip).mapToInt(Integer::parseInt).toArray();
    private static final int WARMUP_S = Integer.getInteger("bench.warmupSeconds", 5);
    private static final int MEASURE_S = Integer.getInteger("bench.measureSeconds", 20);
    private static final int TITLES = Integer.getInteger("bench.titles", 40_000);
    private static final int DRAIN_S = Integer.getInteger("bench.drainSeconds", 600);
    private static final boolean JFR = Boolean.getBoolean("bench.jfr");
    private static final boolean JOB_EXECUTOR = !"false".equals(System.getProperty("bench.jobExecutor", "true"));
    private static final String EMPTY_KEY = "bench-empty";

    @Autowired RepositoryService repository;
    @Autowired IdentityService identity;
    @Autowired DealService dealService;
    @Autowired ObjectMapper mapper;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicLong dealSeq = new AtomicLong();
    private String run;
    private ConcurrentLinkedQueue<Long> freshTitles;

    @Test
    void dealIntakeAgainstTheBareEngine() throws Exception {
        run = "BENCH-" + Long.toString(System.currentTimeMillis() % 100_000_000L, 36).toUpperCase(Locale.ROOT);
        repository.createDeployment().name("bench-empty").addClasspathResource("bench/empty.bpmn").enableDuplicateFiltering(true).deploy();
        freshTitles = new ConcurrentLinkedQueue<>(createTitlesWithRights(TITLES));

        System.out.printf(Locale.ROOT, "%n=== DealIntakeBenchmark %s: %d cores, %s, job executor %s, warm-up %d s, measured %d s per level, %d titles ready ===%n",
                run, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                JOB_EXECUTOR ? "ON" : "OFF", WARMUP_S, MEASURE_S, freshTitles.size());
        serialCosts();
        warmUpUntilTheJitSettles();

        Map<Integer, Phase[]> results = new LinkedHashMap<>();
        for (int clients : CLIENTS) {
            Phase engine = phase("engine start", clients, this::emptyStart, 200, false);
            Phase deals = phase("deal intake", clients, this::dealPost, 201, JFR && clients == 8);
            long backlog = management.createJobQuery().executable().count();
            if (JOB_EXECUTOR) {
                double drained = drainJobs();
                System.out.printf(Locale.ROOT, "  job backlog at the end of the deal phase: %d executable jobs, worked off in %.1f s%n", backlog, drained);
            } else {
                System.out.printf(Locale.ROOT, "  job executor off: %d executable jobs left as they are%n", backlog);
            }
            if (clients == CLIENTS[0]) viewCost();
            results.put(clients, new Phase[] {deals, engine});
        }

        System.out.printf(Locale.ROOT, "%n%8s | %9s %8s %8s | %9s %8s %8s | %6s%n", "clients", "deals/s", "p50 ms", "p99 ms",
                "starts/s", "p50 ms", "p99 ms", "ratio");
        results.forEach((clients, p) -> System.out.printf(Locale.ROOT, "%8d | %9.1f %8.1f %8.1f | %9.1f %8.1f %8.1f | %6.2f%n", clients,
                p[0].rate(), p[0].p(50), p[0].p(99), p[1].rate(), p[1].p(50), p[1].p(99), p[0].rate() / p[1].rate()));

        Map<String, Integer> statuses = new LinkedHashMap<>();
        jdbc.query("SELECT status, count(*) FROM deal WHERE crm_deal_id LIKE ? GROUP BY status ORDER BY 1",
                rs -> { statuses.put(rs.getString(1), rs.getInt(2)); }, run + "-%");
        System.out.println("benchmark deals by status after the backlog: " + statuses);
        int errors = results.values().stream().mapToInt(p -> p[0].errors + p[1].errors).sum();
        assertThat(errors).as("requests answered other than 201 (deals) / 200 (engine)").isZero();
        // with the executor off nothing moves on after intake: every deal must at least be recorded
        assertThat(statuses.keySet()).as("every benchmark deal is granted").containsOnly(JOB_EXECUTOR ? "GRANTED" : "RECEIVED");
    }

    // ---------------------------------------------------------------- load

    /** One measured phase: its requests' latencies and how many failed. */
    record Phase(String name, int clients, long count, double seconds, long[] latenciesNanos, int errors) {
        double rate() {
            return count / seconds;
        }

        double p(double percentile) {
            if (latenciesNanos.length == 0) return Double.NaN;
            int i = (int) Math.ceil(percentile / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(i, latenciesNanos.length - 1))] / 1e6;
        }
    }

    private Phase phase(String name, int clients, Supplier<HttpRequest> next, int expected, boolean profile) throws Exception {
        drive(clients, WARMUP_S, next, expected, false);
        StepTimings.reset();
        Recording jfr = profile ? startJfr() : null;
        Cpu cpu = Cpu.now();
        long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        Phase p = drive(clients, MEASURE_S, next, expected, true);
        Cpu.Use use = cpu.since();
        long jitMs = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore;
        Path jfrFile = profile ? stopJfr(jfr, clients) : null;
        Phase named = new Phase(name, clients, p.count, p.seconds, p.latenciesNanos, p.errors);
        System.out.printf(Locale.ROOT, "%-12s %3d clients: %6d requests in %5.1f s = %7.1f/s, p50 %6.1f ms, p90 %6.1f ms, p99 %6.1f ms, max %7.1f ms,"
                        + " errors %d; CPU: machine %3.0f%%, this JVM %3.0f%% of %d cores, JIT compilation %,d ms; load average %s%n", name, clients,
                p.count, p.seconds, named.rate(), named.p(50), named.p(90), named.p(99), named.p(100), p.errors, use.machine() * 100,
                use.jvm() * 100, use.cores(), jitMs, loadAverage());
        System.out.println("  steps on the request threads (mean wall ms per call, calls per request):");
        StepTimings.print(p.count);
        if (jfrFile != null) JfrProfile.print(jfrFile);
        return named;
    }

    private Phase drive(int clients, int seconds, Supplier<HttpRequest> next, int expected, boolean measured) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicBoolean exhausted = new AtomicBoolean();
        LongAdder errors = new LongAdder();
        Map<String, Integer> firstErrors = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        AtomicLong lastDone = new AtomicLong(start);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long[] lat = new long[4096];
                int n = 0;
                while (System.nanoTime() < end) {
                    HttpRequest request = next.get();
                    if (request == null) {
                        exhausted.set(true);
                        break;
                    }
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    long t1 = System.nanoTime();
                    lastDone.accumulateAndGet(t1, Math::max);
                    if (r.statusCode() != expected) {
                        errors.increment();
                        if (firstErrors.size() < 5) firstErrors.putIfAbsent(r.statusCode() + " " + abbreviate(r.body()), 1);
                    }
                    if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                    lat[n++] = t1 - t0;
                }
                return Arrays.copyOf(lat, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : futures) all.add(f.get());
        pool.shutdown();
        if (exhausted.get()) throw new IllegalStateException("ran out of fresh titles: raise -Dbench.titles");
        if (!firstErrors.isEmpty()) System.out.println("  unexpected answers: " + firstErrors.keySet());
        long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Phase(measured ? "measured" : "warm-up", clients, latencies.length, (lastDone.get() - start) / 1e9, latencies, errors.intValue());
    }

    private HttpRequest emptyStart() {
        return HttpRequest.newBuilder(uri("/engine-rest/process-definition/key/" + EMPTY_KEY + "/start"))
                .header("Authorization", basic("admin")).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    }

    // ---------------------------------------------------------------- warm-up

    /**
     * The JIT compiles for minutes after a start on two cores (the C2 thread alone takes tens of seconds of CPU), so
     * a level measured in the first minutes measures the compiler. Before any level: 10 s slices of empty starts and
     * of deals, 8 clients each, until a pair of slices adds less than {@code bench.jitSettledMs} (default 1,000 ms)
     * of compilation time, at most {@code bench.warmupMaxSeconds} (default 120). The warm-up deals are on titles
     * without rights: the request path is the same as for a clean deal, their background is one conflict check
     * each, so the warm-up leaves little backlog.
     */
    private void warmUpUntilTheJitSettles() throws Exception {
        long settledMs = Long.getLong("bench.jitSettledMs", 1_000);
        long maxNanos = Long.getLong("bench.warmupMaxSeconds", 120) * 1_000_000_000L;
        var jit = ManagementFactory.getCompilationMXBean();
        ConcurrentLinkedQueue<Long> bare = new ConcurrentLinkedQueue<>(jdbc.queryForList("""
                INSERT INTO title (name, kind, runtime_minutes, original_language)
                SELECT ? || ' warm-up title ' || g, 'FEATURE', 100, 'en' FROM generate_series(1, 20000) g RETURNING id""", Long.class, run));
        Supplier<HttpRequest> warmDeal = () -> dealPost(bare, run + "W-");
        long t0 = System.nanoTime();
        long compiledBefore = jit.getTotalCompilationTime();
        while (true) {
            long before = jit.getTotalCompilationTime();
            Phase starts = drive(8, 10, this::emptyStart, 200, false);
            Phase deals = drive(8, 10, warmDeal, 201, false);
            long added = jit.getTotalCompilationTime() - before;
            System.out.printf(Locale.ROOT, "warm-up %5.0f s: %.0f starts/s, %.0f deals/s, JIT compilation %,d ms in these 20 s%n",
                    (System.nanoTime() - t0) / 1e9, starts.rate(), deals.rate(), added);
            if (added < settledMs) break;
            if (System.nanoTime() - t0 > maxNanos) {
                System.out.println("warm-up: the JIT had not settled by bench.warmupMaxSeconds; measuring anyway");
                break;
            }
        }
        System.out.printf(Locale.ROOT, "warm-up done in %.0f s (%,d ms of JIT compilation); %d conflict checks to work off first%n",
                (System.nanoTime() - t0) / 1e9, jit.getTotalCompilationTime() - compiledBefore, management.createJobQuery().executable().count());
        if (JOB_EXECUTOR) drainJobs();
    }

    private HttpRequest dealPost() {
        return dealPost(freshTitles, run + "-");
    }

    /** A fresh deal on the next title of {@code titles} (FR SVOD exclusive 2027–2028), or null when none is left. */
    private HttpRequest dealPost(ConcurrentLinkedQueue<Long> titles, String idPrefix) {
        Long title = titles.poll();
        if (title == null) return null;
        String body = dealJson(idPrefix + dealSeq.incrementAndGet(), title, "[\"FR\"]", "2027-01-01", "2028-12-31");
        return HttpRequest.newBuilder(uri("/api/deals")).header("Authorization", basic("crm")).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    /** Titles, each with exclusive SVOD rights in France 2026–2035: written by SQL, outside any measurement. */
    private List<Long> createTitlesWithRights(int n) {
        long t0 = System.nanoTime();
        List<Long> ids = jdbc.queryForList("""
                INSERT INTO title (name, kind, runtime_minutes, original_language)
                SELECT ? || ' title ' || g, 'FEATURE', 100, 'en' FROM generate_series(1, ?) g RETURNING id""", Long.class, run, n);
        jdbc.update("""
                INSERT INTO rights_in (title_id, licensor, territories, media, term_start, term_end, exclusive)
                SELECT id, 'Bench Licensor', '{FR}', '{SVOD}', DATE '2026-01-01', DATE '2035-12-31', true FROM title WHERE name LIKE ? || ' title %'""", run);
        jdbc.execute("ANALYZE title; ANALYZE rights_in");
        System.out.printf(Locale.ROOT, "created %d titles with rights-in by SQL in %.1f s%n", ids.size(), (System.nanoTime() - t0) / 1e9);
        return ids;
    }

    /** Waits until no executable job is left; returns the seconds it took. */
    private double drainJobs() throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + DRAIN_S * 1_000_000_000L;
        while (management.createJobQuery().executable().count() > 0) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("job backlog not worked off within " + DRAIN_S + " s");
            Thread.sleep(250);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    // ---------------------------------------------------------------- serial costs

    /** What single steps cost on an idle service, one after another (after the JIT has seen them). */
    private void serialCosts() throws Exception {
        // a login checked against the store each time (the service remembers it for reelflow.security.login-cache)
        IdentityServiceAuthenticationProvider auth = new IdentityServiceAuthenticationProvider(identity, java.time.Duration.ZERO);
        var token = new org.springframework.security.authentication.UsernamePasswordAuthenticationToken("crm", PASSWORD);
        double authMs = time(300, () -> auth.authenticate(token));
        double checkMs = time(300, () -> identity.checkPassword("crm", PASSWORD));
        DealRequest request = mapper.readValue(dealJson("SERIAL-1", 1, "[\"FR\", \"419\"]", "2027-01-01", "2028-12-31"), DealRequest.class);
        DealIntakeValidator validator = new DealIntakeValidator();
        double validateMs = time(20_000, () -> validator.validate(request));
        String body = dealJson("SERIAL-1", 1, "[\"FR\", \"419\"]", "2027-01-01", "2028-12-31");
        double parseMs = time(20_000, () -> {
            try {
                return mapper.readValue(body, DealRequest.class);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.printf(Locale.ROOT, "serial costs (mean): Basic auth checked against the store %.3f ms (of it checkPassword %.3f ms); "
                + "JSON to DealRequest %.3f ms; DealIntakeValidator %.3f ms%n", authMs, checkMs, parseMs, validateMs);
    }

    /** The view GET /api/deals/{id} answers with (grants, processes, events of the deal), on a granted deal of this run. */
    private void viewCost() {
        String deal = jdbc.queryForObject("SELECT min(crm_deal_id) FROM deal WHERE crm_deal_id LIKE ? AND status = 'GRANTED'", String.class,
                run + "-%");
        double viewMs = time(300, () -> dealService.find(deal));
        System.out.printf(Locale.ROOT, "serial cost (mean): the deal view of a granted deal (DealService.find) %.3f ms%n", viewMs);
    }

    private static double time(int n, Supplier<?> step) {
        for (int i = 0; i < n; i++) step.get(); // warm-up
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) step.get();
        return (System.nanoTime() - t0) / 1e6 / n;
    }

    // ---------------------------------------------------------------- CPU

    /** CPU of the machine (from /proc/stat) and of this JVM between two instants. */
    record Cpu(long machineBusy, long machineTotal, long jvmNanos, long wallNanos) {
        record Use(double machine, double jvm, int cores) {
        }

        static Cpu now() {
            long busy = -1, total = -1;
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                total = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) total += Long.parseLong(f[i]);
                busy = total - idle;
            } catch (IOException | RuntimeException e) {
                // not Linux: machine figures unknown
            }
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return new Cpu(busy, total, os.getProcessCpuTime(), System.nanoTime());
        }

        Use since() {
            Cpu later = now();
            int cores = Runtime.getRuntime().availableProcessors();
            double machine = machineTotal < 0 ? Double.NaN : (double) (later.machineBusy - machineBusy) / (later.machineTotal - machineTotal);
            double jvm = (double) (later.jvmNanos - jvmNanos) / (later.wallNanos - wallNanos) / cores;
            return new Use(machine, jvm, cores);
        }
    }

    // ---------------------------------------------------------------- steps inside the service

    /** Wall time of steps on the request threads (http-nio-*), summed per step; the job executor's calls are not counted. */
    static final class StepTimings {
        private static final Map<String, LongAdder[]> STEPS = new ConcurrentHashMap<>();

        static void add(String step, long nanos) {
            LongAdder[] s = STEPS.computeIfAbsent(step, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
            s[0].increment();
            s[1].add(nanos);
        }

        static void reset() {
            STEPS.clear();
        }

        static void print(long deals) {
            STEPS.entrySet().stream().sorted(Comparator.comparing((Map.Entry<String, LongAdder[]> e) -> -e.getValue()[1].sum()))
                    .forEach(e -> {
                        long calls = e.getValue()[0].sum();
                        System.out.printf(Locale.ROOT, "    %-50s %8.3f ms  x %.2f%n", e.getKey(), e.getValue()[1].sum() / 1e6 / calls,
                                deals == 0 ? 0.0 : (double) calls / deals);
                    });
        }

        static boolean onRequestThread() {
            return Thread.currentThread().getName().startsWith("http-nio");
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Instrumentation {

        /** The whole request as the servlet container sees it (before security, so it includes authentication). */
        @Bean
        FilterRegistrationBean<Filter> benchRequestTimer() {
            FilterRegistrationBean<Filter> f = new FilterRegistrationBean<>((req, res, chain) -> {
                long t0 = System.nanoTime();
                try {
                    chain.doFilter(req, res);
                } finally {
                    String uri = ((HttpServletRequest) req).getRequestURI();
                    StepTimings.add(uri.startsWith("/engine-rest") ? "request: engine start (whole)" : "request: POST /api/deals (whole)",
                            System.nanoTime() - t0);
                }
            });
            f.addUrlPatterns("/api/deals", "/engine-rest/process-definition/key/" + EMPTY_KEY + "/start");
            f.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return f;
        }

        @Bean
        static BeanPostProcessor benchStepTimer() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof IdentityServiceAuthenticationProvider) return timed(bean, "auth: IdentityServiceAuthenticationProvider", null, null);
                    if (bean instanceof DealService) return timed(bean, "DealService (incl. tx)", Set.of("intake"), null);
                    if (bean instanceof RuntimeService) return timed(bean, "RuntimeService", Set.of("startProcessInstanceByKey"), RuntimeService.class);
                    if (bean instanceof DealRepository) return timed(bean, "DealRepository", null, DealRepository.class);
                    if (bean instanceof DealRecords) return timed(bean, "DealRecords", null, null);
                    if (bean instanceof RightsService) return timed(bean, "RightsService", Set.of("grantsOfDeal"), null);
                    if (bean instanceof WindowService) return timed(bean, "WindowService", Set.of("find"), null);
                    // its commit and getTransaction are final: an interface proxy (all its interfaces), not a subclass
                    if (bean instanceof PlatformTransactionManager) return timed(bean, "tx", Set.of("commit", "getTransaction"), Object.class);
                    return bean;
                }
            };
        }

        private static Object timed(Object bean, String label, Set<String> methods, Class<?> iface) {
            ProxyFactory pf = new ProxyFactory(bean);
            if (iface == null) {
                pf.setProxyTargetClass(true);
            } else if (iface != Object.class) {
                pf.setInterfaces(iface);
            }
            pf.addAdvice((MethodInterceptor) inv -> {
                String method = inv.getMethod().getName();
                if (!StepTimings.onRequestThread() || (methods != null && !methods.contains(method))
                        || inv.getMethod().getDeclaringClass() == Object.class) {
                    return inv.proceed();
                }
                long t0 = System.nanoTime();
                try {
                    return inv.proceed();
                } finally {
                    StepTimings.add(label + "." + method, System.nanoTime() - t0);
                }
            });
            return pf.getProxy();
        }
    }

    // ---------------------------------------------------------------- JFR

    private static Recording startJfr() {
        Recording r = new Recording();
        r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        r.start();
        return r;
    }

    private static Path stopJfr(Recording r, int clients) throws IOException {
        r.stop();
        Path file = Path.of("target", "deal-intake-" + clients + "-clients.jfr").toAbsolutePath();
        Files.createDirectories(file.getParent());
        r.dump(file);
        r.close();
        return file;
    }

    /** CPU samples by thread group, and on the request threads by the step they were in (inclusive). */
    static final class JfrProfile {
        private static final Map<String, String> STEPS = new LinkedHashMap<>();

        static {
            // first match from the leaf up names the innermost step; order = priority when nested
            STEPS.put("org.springframework.transaction.support.AbstractPlatformTransactionManager.commit", "commit");
            STEPS.put("org.camunda.bpm.engine.impl.RuntimeServiceImpl.startProcessInstanceByKey", "process start (engine)");
            STEPS.put("io.reelflow.deal.DealIntakeValidator.validate", "DealIntakeValidator");
            STEPS.put("org.springframework.data.jpa.repository.support.SimpleJpaRepository.saveAndFlush", "deal insert (JPA)");
            STEPS.put("io.reelflow.deal.DealRecords.", "deal records (JDBC)");
            STEPS.put("io.reelflow.deal.DealService.intake", "DealService.intake, other");
            STEPS.put("io.reelflow.platform.security.IdentityServiceAuthenticationProvider.authenticate", "authentication");
            STEPS.put("org.springframework.validation.beanvalidation", "bean validation");
            STEPS.put("org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter.read", "JSON read");
            STEPS.put("org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter.write", "JSON write");
            STEPS.put("org.camunda.bpm.engine.rest", "engine-rest");
        }

        static void print(Path file) throws IOException {
            Map<String, Integer> byGroup = new java.util.TreeMap<>();
            Map<String, Integer> byStep = new LinkedHashMap<>();
            int request = 0, truncated = 0;
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
                var thread = e.getThread("sampledThread");
                String name = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
                String group = name.startsWith("http-nio") ? "request threads (http-nio)"
                        : name.startsWith("camundaTaskExecutor") || name.toLowerCase(Locale.ROOT).contains("job") ? "job executor"
                        : name.replaceAll("[-#]?\\d+", "");
                byGroup.merge(group, 1, Integer::sum);
                if (!name.startsWith("http-nio") || e.getStackTrace() == null) continue;
                request++;
                if (e.getStackTrace().isTruncated()) truncated++;
                String step = null;
                for (RecordedFrame f : e.getStackTrace().getFrames()) {
                    String m = f.getMethod().getType().getName() + "." + f.getMethod().getName();
                    for (var s : STEPS.entrySet()) {
                        if (m.startsWith(s.getKey())) {
                            step = s.getValue();
                            break;
                        }
                    }
                    if (step != null) break;
                }
                byStep.merge(step == null ? (e.getStackTrace().isTruncated() ? "(stack cut short)" : "HTTP, security filters, rest") : step, 1, Integer::sum);
            }
            int total = byGroup.values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf(Locale.ROOT, "  JFR CPU samples (%s): %d in this JVM%n", file.getFileName(), total);
            final int t = total;
            byGroup.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.reverseOrder())).limit(8)
                    .forEach(g -> System.out.printf(Locale.ROOT, "    %-40s %5.1f%%%n", g.getKey(), 100.0 * g.getValue() / t));
            System.out.printf(Locale.ROOT, "  request threads by innermost step (%d samples, %d with cut stacks):%n", request, truncated);
            final int r = request;
            byStep.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.reverseOrder()))
                    .forEach(s -> System.out.printf(Locale.ROOT, "    %-40s %5.1f%%%n", s.getKey(), 100.0 * s.getValue() / r));
        }
    }
}
