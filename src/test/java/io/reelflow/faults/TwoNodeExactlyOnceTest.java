package io.reelflow.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.ReelflowApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Two service nodes on one PostgreSQL, as in production behind a load balancer: both job executors
 * acquire from the same job table. 500 instances with two asynchronous steps each (1,000 jobs) and
 * 200 timers (half already due, half due within seconds) are started from both nodes; every step
 * writes a row into {@code test_execution} (no unique index, so a job run twice leaves two rows).
 * Asserts: each step of each instance committed exactly once, both nodes executed jobs, no timer
 * early, no incident. Run with {@code mvn test -Pbench -Dtest=TwoNodeExactlyOnceTest}; see docs/faults.md.
 */
@Tag("benchmark") // two complete service contexts: minutes on 2 cores, so outside `mvn verify`; run with -Pbench
class TwoNodeExactlyOnceTest {

    private static final Logger log = LoggerFactory.getLogger(TwoNodeExactlyOnceTest.class);
    private static final int ASYNC_INSTANCES = 500;
    private static final int TIMER_INSTANCES = 200;

    /** Delegate calls per node, committed or not (a job whose transaction is rolled back still called it). */
    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    private static EmbeddedPostgres postgres;
    private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private static JdbcTemplate db;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        long t0 = System.nanoTime();
        postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "100").start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE twonode");
        }
        String url = postgres.getJdbcUrl("postgres", "twonode");
        nodes.add(node("node1", url)); // first alone: Flyway and the engine schema are created once
        nodes.add(node("node2", url));
        db = nodes.get(0).getBean(JdbcTemplate.class);
        db.execute("""
                CREATE TABLE test_execution (id bigserial PRIMARY KEY, process_instance_id varchar(64) NOT NULL,
                  activity varchar(64) NOT NULL, node varchar(16) NOT NULL, executed_at timestamptz NOT NULL DEFAULT clock_timestamp())""");
        engine(0).getRepositoryService().createDeployment().name("exactly-once")
                .addClasspathResource("faults/exactly-once-async.bpmn").addClasspathResource("faults/exactly-once-timer.bpmn").deploy();
        log.info("two nodes up in {} s", (System.nanoTime() - t0) / 1_000_000_000L);
    }

    private static ConfigurableApplicationContext node(String name, String url) {
        return new SpringApplicationBuilder(ReelflowApplication.class, NodeBeans.class).run(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.datasource.hikari.maximum-pool-size=10",
                "--server.port=0",
                "--spring.jmx.enabled=false",
                "--reelflow.demo.enabled=false",
                "--reelflow.inbox.sweep-enabled=false",
                "--camunda.bpm.process-engine-name=" + name,
                "--camunda.bpm.job-execution.enabled=true");
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (ConfigurableApplicationContext node : nodes) node.close();
        nodes.clear();
        if (postgres != null) postgres.close();
    }

    private static ProcessEngine engine(int node) {
        return nodes.get(node).getBean(ProcessEngine.class);
    }

    @Test
    void everyJobAndTimerRunsExactlyOnceAcrossTwoNodes() throws Exception {
        assertThat(engine(0).getName()).isEqualTo("node1");
        assertThat(engine(1).getName()).isEqualTo("node2");
        long t0 = System.nanoTime();
        Date now = ClockUtil.getCurrentTime();
        long engineClockOffset = now.getTime() - System.currentTimeMillis(); // a test may have moved the engine's clock

        ExecutorService starters = Executors.newFixedThreadPool(2);
        List<Future<List<String>>> started = new ArrayList<>();
        for (int n = 0; n < 2; n++) {
            ProcessEngine engine = engine(n);
            started.add(starters.submit(() -> {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < ASYNC_INSTANCES / 2; i++) {
                    ids.add(engine.getRuntimeService().startProcessInstanceByKey("exactly-once-async").getId());
                }
                for (int i = 0; i < TIMER_INSTANCES / 2; i++) {
                    // half due already, half due 2 to 8 seconds from now
                    Date dueAt = i % 2 == 0 ? new Date(now.getTime() - 60_000) : new Date(now.getTime() + 2_000 + (i % 7) * 1_000L);
                    ids.add(engine.getRuntimeService().startProcessInstanceByKey("exactly-once-timer", Map.of("dueAt", dueAt)).getId());
                }
                return ids;
            }));
        }
        List<String> instances = new ArrayList<>();
        for (Future<List<String>> f : started) instances.addAll(f.get());
        starters.shutdown();
        double startSeconds = (System.nanoTime() - t0) / 1e9;

        int expectedRows = 2 * ASYNC_INSTANCES + TIMER_INSTANCES;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline && (count("SELECT count(*) FROM test_execution") < expectedRows || openInstances() > 0)) {
            Thread.sleep(250);
        }
        double doneSeconds = (System.nanoTime() - t0) / 1e9;

        Map<String, Integer> perNode = new java.util.TreeMap<>();
        db.query("SELECT node, count(*) FROM test_execution GROUP BY node", rs -> {
            perNode.put(rs.getString(1), rs.getInt(2));
        });
        int rows = count("SELECT count(*) FROM test_execution");
        int calls = CALLS.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.printf("two nodes: %d instances started in %.1f s, %d of %d steps recorded after %.1f s; rows per node %s; "
                        + "delegate calls %d for %d rows (%d rolled back with their job)%n",
                instances.size(), startSeconds, rows, expectedRows, doneSeconds, perNode, calls, rows, calls - rows);

        assertThat(openInstances()).as("instances still running after 3 minutes").isZero();
        List<Map<String, Object>> duplicates = db.queryForList("""
                SELECT process_instance_id, activity, count(*) AS runs FROM test_execution
                GROUP BY process_instance_id, activity HAVING count(*) > 1 LIMIT 10""");
        assertThat(duplicates).as("steps committed more than once").isEmpty();
        Map<String, Integer> perActivity = new HashMap<>();
        db.query("SELECT activity, count(DISTINCT process_instance_id) FROM test_execution GROUP BY activity",
                rs -> {
                    perActivity.put(rs.getString(1), rs.getInt(2));
                });
        assertThat(perActivity).containsOnly(Map.entry("firstStep", ASYNC_INSTANCES), Map.entry("secondStep", ASYNC_INSTANCES),
                Map.entry("afterTimer", TIMER_INSTANCES));
        assertThat(count("SELECT count(DISTINCT process_instance_id) FROM test_execution")).isEqualTo(instances.size());
        assertThat(count("SELECT count(*) FROM test_execution")).isEqualTo(expectedRows);

        assertThat(perNode).as("jobs executed per node").containsOnlyKeys("node1", "node2");
        assertThat(perNode.values()).allSatisfy(n -> assertThat(n).isPositive());

        assertThat(engine(0).getRuntimeService().createIncidentQuery().count()).as("incidents").isZero();
        assertThat(engine(0).getHistoryService().createHistoricIncidentQuery().count()).as("incidents, ever").isZero();
        assertThat(engine(0).getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("exactly-once-async").completed().count())
                .isEqualTo(ASYNC_INSTANCES);
        assertThat(engine(0).getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("exactly-once-timer").completed().count())
                .isEqualTo(TIMER_INSTANCES);
        assertThat(engine(0).getManagementService().createJobQuery().processDefinitionKey("exactly-once-async").count()
                + engine(0).getManagementService().createJobQuery().processDefinitionKey("exactly-once-timer").count()).as("jobs left").isZero();

        // a timer due in the future never ran before its date (on the engine's clock)
        int early = count(String.format("""
                SELECT count(*) FROM test_execution e JOIN act_hi_varinst v ON v.proc_inst_id_ = e.process_instance_id AND v.name_ = 'dueAt'
                WHERE e.activity = 'afterTimer' AND e.executed_at < to_timestamp((v.long_ - %d) / 1000.0)""", engineClockOffset));
        assertThat(early).as("timers fired before they were due").isZero();

    }

    private static long openInstances() {
        return engine(0).getRuntimeService().createProcessInstanceQuery().processDefinitionKey("exactly-once-async").count()
                + engine(0).getRuntimeService().createProcessInstanceQuery().processDefinitionKey("exactly-once-timer").count();
    }

    private static int count(String sql) {
        Integer n = db.queryForObject(sql, Integer.class);
        return n == null ? 0 : n;
    }

    /**
     * Added to each node's context (not component-scanned): the delegate {@code ${recordExecution}} that
     * writes one row per execution, in the job's own transaction, naming the node (its engine).
     */
    static class NodeBeans {
        @Bean
        JavaDelegate recordExecution(JdbcTemplate jdbc) {
            return execution -> {
                if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                    throw new IllegalStateException("the step must write inside the job's transaction");
                }
                String node = execution.getProcessEngine().getName();
                CALLS.computeIfAbsent(node, k -> new AtomicInteger()).incrementAndGet();
                jdbc.update("INSERT INTO test_execution (process_instance_id, activity, node) VALUES (?, ?, ?)",
                        execution.getProcessInstanceId(), execution.getCurrentActivityId(), node);
            };
        }
    }
}
