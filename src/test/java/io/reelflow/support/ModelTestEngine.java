package io.reelflow.support;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of the model tests: one model on a bare Camunda engine, its real delegates and listeners wired to Mockito
 * mocks of the business services ({@link Mocks}, resolved by {@link MockExpressionManager}), no Spring context. The
 * engine runs on a PostgreSQL of its own (embedded, started once per JVM, apart from the shared Spring test context),
 * with no job executor: a test runs each job itself ({@link #executeJob}) and moves the engine's clock
 * ({@link ClockUtil}) to a timer's due date. Each test uses its own business key; instances are deleted after it.
 */
public abstract class ModelTestEngine {

    private static ProcessEngine engine;
    private static final Set<String> DEPLOYED = new HashSet<>();

    /** The bare engine of the model tests, built on first use. */
    public static synchronized ProcessEngine engine() {
        if (engine == null) {
            EmbeddedPostgres pg;
            try {
                pg = EmbeddedPostgres.builder().setServerConfig("max_connections", "20").start();
            } catch (IOException e) {
                throw new UncheckedIOException("the model tests' PostgreSQL did not start", e);
            }
            StandaloneProcessEngineConfiguration config = (StandaloneProcessEngineConfiguration)
                    ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration();
            config.setProcessEngineName("model-tests");
            config.setDataSource(pg.getPostgresDatabase());
            config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
            config.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
            config.setJobExecutorActivate(false);
            config.setMetricsEnabled(false);
            config.setDbMetricsReporterActivate(false);
            config.setExpressionManager(new MockExpressionManager());
            engine = config.buildProcessEngine();
            EmbeddedPostgres started = pg;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                engine.close();
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is ending
                }
            }));
        }
        return engine;
    }

    /** The model under test, a classpath resource such as {@code window-watch.bpmn}. */
    protected abstract String model();

    @BeforeEach
    void deployAndInit() {
        ProcessEngine e = engine();
        BpmnAwareTests.init(e);
        synchronized (DEPLOYED) {
            if (!DEPLOYED.contains(model())) {
                e.getRepositoryService().createDeployment().name(model()).addClasspathResource("processes/" + model()).deploy();
                DEPLOYED.add(model());
            }
        }
        Mocks.reset();
    }

    @AfterEach
    void cleanUp() {
        runtimeService().createProcessInstanceQuery().list()
                .forEach(p -> runtimeService().deleteProcessInstanceIfExists(p.getId(), "model test ended", true, true, true, true));
        Mocks.reset();
        ClockUtil.reset();
        BpmnAwareTests.reset();
    }

    /** A business key no other test uses. */
    protected static String key(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    /** Runs the one job of the instance at the given activity (asynchronous continuation or timer). */
    protected static void executeJob(String processInstanceId, String activityId) {
        List<Job> jobs = engine().getManagementService().createJobQuery().processInstanceId(processInstanceId).activityId(activityId).list();
        if (jobs.size() != 1) throw new AssertionError("expected one job at " + activityId + ", found " + jobs.size());
        engine().getManagementService().executeJob(jobs.get(0).getId());
    }

    /** Moves the engine's clock to the due date of the instance's timer at the activity, then fires it. */
    protected static void fireTimer(String processInstanceId, String activityId) {
        List<Job> timers = engine().getManagementService().createJobQuery().processInstanceId(processInstanceId).activityId(activityId).timers().list();
        if (timers.size() != 1) throw new AssertionError("expected one timer at " + activityId + ", found " + timers.size());
        ClockUtil.setCurrentTime(timers.get(0).getDuedate());
        engine().getManagementService().executeJob(timers.get(0).getId());
    }
}
