package io.reelflow.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelflow.support.ApiTestSupport;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The scenario collection ({@code scenarios/}, Bruno) replayed by Bruno's CLI over real HTTP against the service under
 * test, as a person would replay it against a running service: the README's tours (a catalogue of its own, a clean
 * deal, a conflict resolved by a carve-out, delivery events with Netflix's rejection kept in the inbox, a royalty
 * statement) cannot rot without this test failing.
 *
 * <p>The suite's engine runs no job executor (tests drive jobs themselves), so while the CLI runs, this test executes
 * the due jobs of the collection's own deals, as the executor of a running service would. Skipped, with the reason,
 * when npm or the CLI is missing ({@code npm ci --prefix tools} installs it; the build does that when npm is present).
 */
class ScenarioCollectionTest extends ApiTestSupport {

    private static final Path COLLECTION = Path.of("scenarios");
    private static final Path CLI = Path.of("tools", "node_modules", ".bin", "bru");

    @Autowired
    RuntimeService runtime;

    @Test
    void theReadmeToursReplayAgainstTheService() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(COLLECTION.resolve("bruno.json")), "no scenarios/bruno.json");
        Assumptions.assumeTrue(onPath("npx"), "npx (Node.js) is not installed: the scenario collection is not replayed");
        Assumptions.assumeTrue(Files.exists(CLI), "Bruno's CLI is not installed (npm ci --prefix tools): the scenario collection is not replayed");

        String run = "T" + Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        Path report = Path.of("target", "scenarios", "report-" + run + ".json").toAbsolutePath();
        Files.createDirectories(report.getParent());
        ProcessBuilder pb = new ProcessBuilder("npx", "--no", "--prefix", Path.of("tools").toAbsolutePath().toString(), "bru", "run", "-r",
                "--env", "local", "--env-var", "baseUrl=http://localhost:" + port, "--env-var", "run=" + run,
                "--reporter-json", report.toString())
                .directory(COLLECTION.toFile()).redirectErrorStream(true);
        Path log = Path.of("target", "scenarios", "bru-" + run + ".log").toAbsolutePath();
        pb.redirectOutput(log.toFile());

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger executed = new AtomicInteger();
        Thread executor = new Thread(() -> executeJobsOfRun(run, running, executed), "scenario-jobs");
        Process bru = pb.start();
        executor.start();
        boolean finished;
        try {
            finished = bru.waitFor(10, TimeUnit.MINUTES);
            if (!finished) bru.destroyForcibly();
        } finally {
            running.set(false);
            executor.join(Duration.ofMinutes(1).toMillis());
        }
        String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        System.out.println(output);
        assertThat(finished).as("the collection ran within 10 minutes:\n" + output).isTrue();
        assertThat(bru.exitValue()).as("bru run exit code:\n" + output).isZero();

        JsonNode results = json.readTree(report.toFile());
        JsonNode summary = results.isArray() ? results.get(0).path("summary") : results.path("summary");
        assertThat(summary.isMissingNode()).as("a summary in the report:\n" + results).isFalse();
        assertThat(summary.path("failedRequests").asInt() + summary.path("errorRequests").asInt()).as(output).isZero();
        assertThat(summary.path("failedTests").asInt()).as(output).isZero();
        assertThat(summary.path("failedAssertions").asInt()).as(output).isZero();
        assertThat(summary.path("passedTests").asInt()).as("tests that ran:\n" + output).isGreaterThanOrEqualTo(10);
        assertThat(executed.get()).as("jobs of the collection's deals executed").isPositive();
        // what the collection did is in the database, as it said
        assertThat(count("SELECT count(*) FROM deal WHERE crm_deal_id = ? AND status = 'GRANTED'", "NFX-" + run + "-0101")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM royalty_statement s JOIN licensor_agreement a ON a.id = s.agreement_id WHERE a.licensor = ?",
                "Harbour Films " + run)).isEqualTo(1);
    }

    /** The executor of a running service, for the collection's own deals only (business keys carrying its run id). */
    private void executeJobsOfRun(String run, AtomicBoolean running, AtomicInteger executed) {
        Map<String, String> keys = new HashMap<>();
        while (running.get()) {
            try {
                List<Job> jobs = management.createJobQuery().executable().list();
                boolean any = false;
                for (Job job : jobs) {
                    if (job.getProcessInstanceId() == null) continue;
                    String key = keys.computeIfAbsent(job.getProcessInstanceId(), id -> {
                        ProcessInstance pi = runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
                        return pi == null || pi.getBusinessKey() == null ? "" : pi.getBusinessKey();
                    });
                    if (!key.contains(run)) continue;
                    try {
                        management.executeJob(job.getId());
                        executed.incrementAndGet();
                        any = true;
                    } catch (RuntimeException e) { // retried on the next round, as the executor would, and shown by the collection's checks
                        System.err.println("scenario job " + job.getId() + " of " + key + " failed: " + e);
                    }
                }
                if (!any) Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                System.err.println("scenario job round failed: " + e);
            }
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) return true;
        }
        return false;
    }
}
