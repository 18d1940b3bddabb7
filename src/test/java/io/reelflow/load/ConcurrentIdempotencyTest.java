package io.reelflow.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.deal.DealService;
import io.reelflow.support.ApiTestSupport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The CRM retries: the same 100 deals, each posted 10 times, by 20 threads in a shuffled order (so copies of one
 * deal race each other). Idempotency on {@code crmDealId} must hold under that: one deal row and one
 * {@code deal-lifecycle} instance per deal, exactly one {@code 201} per deal and {@code 200} for every other copy
 * (the terms are identical, so never {@code 409}), and never a 5xx.
 */
class ConcurrentIdempotencyTest extends ApiTestSupport {

    private static final int DEALS = 100;
    private static final int COPIES = 10;
    private static final int THREADS = 20;

    @Autowired HistoryService history;
    @Autowired RuntimeService runtime;

    private String prefix;

    @Test
    void theSameHundredDealsPostedTenTimesEachByTwentyThreadsAreRecordedAndStartedOnce() throws Exception {
        long titleId = createTitle(unique("Idempotency Title"), "en");
        createRightsIn(titleId, "[\"FR\", \"DE\"]", "[\"SVOD\"]", "2026-01-01", "2035-12-31", false);
        prefix = unique("IDEM");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < DEALS; i++) ids.add(prefix + "-" + i);
        List<String> posts = new ArrayList<>();
        for (String id : ids) for (int c = 0; c < COPIES; c++) posts.add(id);
        long seed = System.nanoTime();
        Collections.shuffle(posts, new Random(seed));

        // a handled race (the same deal inserted twice at once) must not log an ERROR
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        root.addAppender(logged);

        ConcurrentHashMap<String, List<Integer>> statusesByDeal = new ConcurrentHashMap<>();
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = next.getAndIncrement(); i < posts.size(); i = next.getAndIncrement()) {
                        String id = posts.get(i);
                        Response r = postJson("crm", "/api/deals", dealJson(id, titleId, "[\"FR\", \"DE\"]", "2027-01-01", "2028-12-31")
                                .replace("\"exclusive\": true", "\"exclusive\": false"));
                        statusesByDeal.computeIfAbsent(id, k -> Collections.synchronizedList(new ArrayList<>())).add(r.status());
                        if (r.status() != 200 && r.status() != 201) {
                            unexpected.add(id + " -> " + r);
                        } else if (!id.equals(r.json().path("crmDealId").asText())) {
                            unexpected.add(id + " answered with another deal: " + r);
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) f.get(10, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
            root.detachAppender(logged);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%d posts of %d deals by %d threads in %.1f s (shuffle seed %d)%n", posts.size(), DEALS, THREADS, seconds, seed);

        assertThat(unexpected).as("answers other than 200/201 with the posted deal (shuffle seed " + seed + ")").isEmpty();
        assertThat(logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR))
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).toList()).as("ERROR log lines").isEmpty();
        assertThat(statusesByDeal).hasSize(DEALS);
        Map<String, List<Integer>> notOnce201 = new TreeMap<>();
        statusesByDeal.forEach((id, statuses) -> {
            assertThat(statuses).as(id).hasSize(COPIES);
            if (Collections.frequency(statuses, 201) != 1) notOnce201.put(id, statuses);
        });
        assertThat(notOnce201).as("deals not answered 201 exactly once (then 200)").isEmpty();

        assertThat(count("SELECT count(*) FROM deal WHERE crm_deal_id LIKE ?", prefix + "-%")).as("deal rows").isEqualTo(DEALS);
        assertThat(count("SELECT count(DISTINCT crm_deal_id) FROM deal WHERE crm_deal_id LIKE ?", prefix + "-%")).isEqualTo(DEALS);
        for (String id : ids) {
            assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(DealService.PROCESS_KEY)
                    .processInstanceBusinessKey(id).count()).as("deal-lifecycle instances of " + id).isEqualTo(1);
        }
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(DealService.PROCESS_KEY)
                .processInstanceBusinessKeyLike(prefix + "-%").count()).as("deal-lifecycle instances of the run").isEqualTo(DEALS);
        assertThat(count("SELECT count(*) FROM deal_event d JOIN deal x ON x.id = d.deal_id WHERE x.crm_deal_id LIKE ? AND d.kind = 'RECEIVED'",
                prefix + "-%")).as("RECEIVED events, one per deal").isEqualTo(DEALS);
    }

    /**
     * The job executor is off in tests and the shared engine's later tests run every due job: end this test's
     * instances (waiting before their first asynchronous step) so that they do not run inside other tests.
     */
    @AfterEach
    void endTheInstancesOfThisTest() {
        if (prefix == null) return;
        List<String> running = runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike(prefix + "-%").list().stream()
                .map(ProcessInstance::getId).toList();
        if (!running.isEmpty()) runtime.deleteProcessInstances(running, "end of ConcurrentIdempotencyTest", true, true);
    }
}
