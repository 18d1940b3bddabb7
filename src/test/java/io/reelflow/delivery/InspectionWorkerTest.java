package io.reelflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelflow.inspection.TestPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Inspections on the service's own workers: a package with thousands of findings, a file whose content breaks the
 * reader, and an inspection that outlasts the job lock while deals keep being checked.
 */
class InspectionWorkerTest extends DeliveryTestSupport {

    @Autowired ProcessEngine engine;
    @Autowired InspectionWorker worker;

    @AfterEach
    void noHook() {
        InspectionWorker.beforeInspection = id -> { };
        InspectionWorker.progressHook = io.reelflow.inspection.HashProgressListener.NONE;
    }

    private void orderPackage() {
        complete(task("setUpBacklot"), Map.of("backlotTitleId", "81", "sourceRequests", "IMF package: SR-1"));
        runJobs();
        complete(task("orderImfPackage"), Map.of("postHouse", "Pixel Lab", "purchaseOrder", "PO-1"));
    }

    private long incidents() {
        long n = 0;
        for (ProcessInstance p : runtime.createProcessInstanceQuery().processInstanceBusinessKey(deal).list()) {
            n += runtime.createIncidentQuery().processInstanceId(p.getId()).count();
        }
        return n;
    }

    @Test
    void aPackageWithFiveThousandFindingsCompletesItsInspectionAndTheCoordinatorSeesThem() throws Exception {
        long deliveryId = deliveryId();
        orderPackage();
        Path imp = TestPackages.hdSdrPackage(storage.resolve("imp"));
        for (int i = 0; i < 5000; i++) Files.writeString(imp.resolve(String.format("stray-%04d.txt", i)), "x");
        // and one asset that is not what the packing list says: an error, so the package goes back
        Path asset;
        try (Stream<Path> files = Files.list(imp)) {
            asset = files.filter(p -> p.getFileName().toString().endsWith(".mxf")).findFirst().orElseThrow();
        }
        Files.write(asset, new byte[] {42}, java.nio.file.StandardOpenOption.APPEND);

        event(deliveryId, packageReady("pkg-5000", imp));
        runJobs();

        assertThat(incidents()).isZero();
        Task back = task("returnImfPackage");
        String report = (String) tasks.getVariableLocal(back.getId(), FindingsReport.PACKAGE_FINDINGS_REPORT);
        assertThat(report).contains("**Failed**", "5,000 warnings", "of 5,00", "GET /api/deliveries/" + deliveryId, "ASSET_SIZE_MISMATCH");
        assertThat(report.lines().filter(l -> l.startsWith("- ")).count()).isBetween(10L, (long) FindingsReport.SHOWN);
        assertThat(report.length()).isLessThanOrEqualTo(FindingsReport.MAX_REPORT);
        // nothing of it is a process variable
        assertThat(runtime.getVariables(back.getProcessInstanceId()).keySet()).noneMatch(k -> k.toLowerCase().contains("finding"));

        JsonNode d = get("dave", "/api/deliveries/" + deliveryId).json();
        assertThat(d.get("packageStatus").asText()).isEqualTo("FAILED");
        JsonNode inspection = d.get("packageInspection");
        assertThat(inspection.get("status").asText()).isEqualTo("DONE");
        assertThat(inspection.get("runs").asInt()).isEqualTo(1);
        assertThat(inspection.get("warnings").asInt()).isEqualTo(5000);
        assertThat(inspection.get("errors").asInt()).isPositive();
        assertThat(inspection.get("findings").size()).isEqualTo(5000 + inspection.get("errors").asInt());
        assertThat(inspection.get("findings").get(0).get("severity").asText()).isEqualTo("ERROR");
    }

    @Test
    void aFileThatBreaksTheReaderIsAFindingNeverAnIncident() throws Exception {
        long deliveryId = deliveryId();
        orderPackage();
        Path imp = Files.createDirectories(storage.resolve("deep"));
        int depth = 300_000;
        StringBuilder xml = new StringBuilder(depth * 7 + 100).append("<?xml version=\"1.0\"?>");
        xml.append("<a>".repeat(depth)).append("</a>".repeat(depth));
        Files.writeString(imp.resolve("ASSETMAP.xml"), xml);

        event(deliveryId, packageReady("pkg-deep", imp));
        runJobs();

        assertThat(incidents()).isZero();
        Task back = task("returnImfPackage");
        assertThat((String) tasks.getVariableLocal(back.getId(), FindingsReport.PACKAGE_FINDINGS_REPORT)).contains("**Failed**");
        assertThat(get("dave", "/api/deliveries/" + deliveryId).json().get("packageStatus").asText()).isEqualTo("FAILED");
    }

    @Test
    void aLongInspectionHoldsNoJobLockNorLaneAndRunsOnceWhileDealsAreChecked() throws Exception {
        long deliveryId = deliveryId();
        orderPackage();
        Path imp = TestPackages.hdSdrPackage(storage.resolve("imp"));

        // the inspection takes at least 6 s: longer than the job lock (1 s here) and than a stale claim (5 s in tests)
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong startedAt = new AtomicLong();
        InspectionWorker.beforeInspection = id -> {
            startedAt.set(System.nanoTime());
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        int lockTime = executor.getLockTimeInMillis();
        executor.setLockTimeInMillis(1000);
        executor.start();
        try {
            event(deliveryId, packageReady("pkg-slow", imp));
            assertThat(started.await(30, TimeUnit.SECONDS)).as("inspection started").isTrue();

            // a deal posted meanwhile is checked by the job executor within seconds
            long otherTitle = createTitle(unique("Meanwhile"), "en");
            createRightsIn(otherTitle, "[\"FR\"]", "[\"SVOD\"]", "2026-01-01", "2035-12-31", true);
            String other = unique("MEANWHILE");
            Response posted = postJson("crm", "/api/deals", dealJson(other, otherTitle, "[\"FR\"]", "2027-01-01", "2027-12-31"));
            assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            String status = "RECEIVED";
            while (System.nanoTime() < deadline && status.equals("RECEIVED")) {
                Thread.sleep(100);
                status = get("crm", "/api/deals/" + other).json().get("status").asText();
            }
            assertThat(status).as("the deal posted during the inspection").isIn("GRANTED", "CONFLICT");

            JsonNode running = get("dave", "/api/deliveries/" + deliveryId).json().get("packageInspection");
            assertThat(running.get("status").asText()).isEqualTo("RUNNING");
            assertThat(running.has("progress")).isTrue();

            long heldNanos = Duration.ofSeconds(6).toNanos() - (System.nanoTime() - startedAt.get());
            if (heldNanos > 0) Thread.sleep(heldNanos / 1_000_000);
        } finally {
            release.countDown();
            executor.shutdown();
            executor.setLockTimeInMillis(lockTime);
        }
        runJobs();

        JsonNode d = get("dave", "/api/deliveries/" + deliveryId).json();
        assertThat(d.get("packageStatus").asText()).isEqualTo("ACCEPTED");
        assertThat(d.get("packageInspection").get("runs").asInt()).as("run once").isEqualTo(1);
        assertThat(d.get("packageInspection").get("status").asText()).isEqualTo("DONE");
        assertThat(incidents()).isZero();
        assertThat(runtime.createExecutionQuery().processInstanceBusinessKey(deal).activityId("awaitPackageInspection").count()).isZero();
    }

    @Test
    void anInspectionInterruptedByAStopIsRunAgainAfterTheStartAndToldOnce() throws Exception {
        long deliveryId = deliveryId();
        orderPackage();
        Path imp = TestPackages.hdSdrPackage(storage.resolve("imp"));
        CountDownLatch started = new CountDownLatch(1);
        InspectionWorker.beforeInspection = id -> {
            started.countDown();
            try {
                new CountDownLatch(1).await(); // an inspection that runs until its worker is interrupted
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("stopped");
            }
        };
        event(deliveryId, packageReady("pkg-restart", imp));
        runJobs(false);
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        worker.stop();
        assertThat(jdbc.queryForObject("SELECT status FROM inspection_request WHERE event_id = ?", String.class, "pkg-restart-" + deal))
                .isEqualTo("QUEUED");
        InspectionWorker.beforeInspection = id -> { };
        worker.start();
        runJobs();

        JsonNode inspection = get("dave", "/api/deliveries/" + deliveryId).json().get("packageInspection");
        assertThat(inspection.get("runs").asInt()).isEqualTo(2);
        assertThat(inspection.get("status").asText()).isEqualTo("DONE");
        assertThat(get("dave", "/api/deliveries/" + deliveryId).json().get("packageStatus").asText()).isEqualTo("ACCEPTED");
        assertThat(incidents()).isZero();
    }

    @Test
    void aClaimWhoseWorkerDiedIsTakenOverAndTheOutcomeIsToldOnce() throws Exception {
        long deliveryId = deliveryId();
        orderPackage();
        Path imp = TestPackages.hdSdrPackage(storage.resolve("imp"));
        CountDownLatch started = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        InspectionWorker.beforeInspection = id -> {
            if (!first.getAndSet(false)) return;
            started.countDown();
            try {
                new CountDownLatch(1).await(); // an inspection that runs until its worker is interrupted
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("claim lost");
            }
        };
        event(deliveryId, packageReady("pkg-dead", imp));
        runJobs(false);
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        // the claim now looks like that of a node that died an hour ago: the running worker loses it, another takes it over
        jdbc.update("UPDATE inspection_request SET claim_token = gen_random_uuid(), claimed_by = 'dead-node', heartbeat_at = now() - interval '1 hour' "
                + "WHERE event_id = ?", "pkg-dead-" + deal);
        runJobs();

        JsonNode inspection = get("dave", "/api/deliveries/" + deliveryId).json().get("packageInspection");
        assertThat(inspection.get("runs").asInt()).isEqualTo(2);
        assertThat(inspection.get("status").asText()).isEqualTo("DONE");
        assertThat(get("dave", "/api/deliveries/" + deliveryId).json().get("packageStatus").asText()).isEqualTo("ACCEPTED");
        assertThat(incidents()).isZero();
        assertThat(runtime.createExecutionQuery().processInstanceBusinessKey(deal).activityId("awaitPackageInspection").count()).isZero();
    }

    @Test
    void whileAPackageIsHashedItsProgressAndTimeLeftAreInTheDelivery() throws Exception {
        long deliveryId = deliveryId();
        orderPackage();
        Path imp = TestPackages.hdSdrPackage(storage.resolve("imp"));
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        InspectionWorker.progressHook = (done, total) -> {
            if (done > 0 && done < total && halfway.getCount() > 0) {
                halfway.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS); // a slow disk
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try {
            event(deliveryId, packageReady("pkg-progress", imp));
            runJobs(false);
            assertThat(halfway.await(30, TimeUnit.SECONDS)).as("hashing reported progress").isTrue();
            JsonNode progress = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                progress = get("crm", "/api/deliveries/" + deliveryId).json().get("packageInspection").get("progress");
                if (progress.get("bytesDone").asLong() > 0) break;
                Thread.sleep(100);
            }
            assertThat(progress.get("bytesDone").asLong()).isPositive();
            assertThat(progress.get("bytesTotal").asLong()).isGreaterThan(progress.get("bytesDone").asLong());
            assertThat(progress.get("secondsLeft").asLong()).isNotNegative();
        } finally {
            release.countDown();
        }
        runJobs();
        JsonNode done = get("dave", "/api/deliveries/" + deliveryId).json().get("packageInspection");
        assertThat(done.get("status").asText()).isEqualTo("DONE");
        assertThat(done.get("progress").get("bytesDone").asLong()).isEqualTo(done.get("progress").get("bytesTotal").asLong());
    }
}
