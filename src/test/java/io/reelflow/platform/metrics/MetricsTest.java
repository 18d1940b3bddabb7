package io.reelflow.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.reelflow.deal.CheckTerritoryConflictsDelegate;
import io.reelflow.inspection.TestPackages;

import io.reelflow.support.ApiTestSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;

/**
 * The operators' figures at /actuator/prometheus, read over HTTP before and after real deals,
 * deliveries and a failing job; who may read them; and the deal id in the log lines of a delegate and
 * of a request about a deal.
 */
class MetricsTest extends ApiTestSupport {

    /** io.reelflow.platform.security.Roles.MONITORING */
    private static final String MONITORING_GROUP = "monitoring";
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Autowired OperationsMetrics metrics;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired IdentityService identity;
    @Autowired Environment environment;
    @Value("${reelflow.metrics.cache-ttl:10s}") Duration cacheTtl;

    @TempDir(factory = io.reelflow.support.DeliveryStorageTempDir.class)
    Path storage;

    /** The samples of one scrape, keyed {@code name{label="value",...}} with labels in name order. */
    record Scrape(Map<String, Double> samples, String text) {
        double value(String name, String... labels) {
            Map<String, String> l = new TreeMap<>();
            for (int i = 0; i < labels.length; i += 2) l.put(labels[i], labels[i + 1]);
            Double v = samples.get(key(name, l));
            if (v == null) throw new AssertionError("no sample " + key(name, l) + " in the scrape");
            return v;
        }
    }

    private Scrape scrape() {
        metrics.refresh(); // the figures are kept for a few seconds: read them now
        return scrapeAsIs("mark");
    }

    private Scrape scrapeAsIs(String user) {
        Response r = get(user, "/actuator/prometheus");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        for (String line : r.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            Matcher m = SAMPLE.matcher(line.strip());
            if (!m.matches()) continue;
            Map<String, String> labels = new TreeMap<>();
            if (m.group(3) != null) {
                Matcher lm = LABEL.matcher(m.group(3));
                while (lm.find()) labels.put(lm.group(1), lm.group(2));
            }
            samples.put(key(m.group(1), labels), Double.parseDouble(m.group(4)));
        }
        return new Scrape(samples, r.body());
    }

    private static String key(String name, Map<String, String> labels) {
        StringBuilder sb = new StringBuilder(name).append('{');
        labels.forEach((k, v) -> sb.append(k).append("=\"").append(v).append("\","));
        return sb.append('}').toString();
    }

    @Test
    void metricsAreForManagersAdminsAndTheMonitoringAccountOnly() {
        assertThat(get(null, "/actuator/prometheus").status()).isEqualTo(401);
        assertThat(get(null, "/actuator/metrics").status()).isEqualTo(401);
        assertThat(get("dave", "/actuator/prometheus").status()).isEqualTo(403);
        assertThat(get("crm", "/actuator/prometheus").status()).isEqualTo(403);
        assertThat(get("fiona", "/actuator/metrics/reelflow.deals").status()).isEqualTo(403);
        assertThat(get("admin", "/actuator/prometheus").status()).isEqualTo(200);
        assertThat(get("mark", "/actuator/metrics/reelflow.deals.started").status()).isEqualTo(200);
        assertThat(get(null, "/actuator/health").status()).isEqualTo(200);

        // a scraper's account in the monitoring group reads metrics and nothing of the business
        String scraper = unique("prometheus").replace("-", ""); // user ids: letters and digits only
        if (identity.createGroupQuery().groupId(MONITORING_GROUP).count() == 0) {
            var g = identity.newGroup(MONITORING_GROUP);
            g.setName("Monitoring");
            identity.saveGroup(g);
        }
        User u = identity.newUser(scraper);
        u.setPassword(PASSWORD);
        identity.saveUser(u);
        identity.createMembership(scraper, MONITORING_GROUP);
        try {
            Response r = get(scraper, "/actuator/prometheus");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).contains("reelflow_deals_started_total");
            assertThat(get(scraper, "/api/deals/ANY-1").status()).isEqualTo(403);
            assertThat(get(scraper, "/engine-rest/incident/count").status()).isEqualTo(403);
        } finally {
            identity.deleteUser(scraper);
        }
    }

    @Test
    void everyFigureHasADescriptionAndEveryKnownTagValueIsThereFromTheStart() {
        Scrape s = scrape();
        for (String name : List.of("reelflow_deals_started_total", "reelflow_conflicts_found_total", "reelflow_deals", "reelflow_deliveries",
                "reelflow_qc_rejections_total", "reelflow_qc_rejected_submissions_total", "reelflow_incidents_open", "reelflow_jobs_due",
                "reelflow_jobs_failed", "reelflow_jobs_locked", "reelflow_metrics_read_seconds", "reelflow_metrics_age_seconds")) {
            String family = name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
            assertThat(s.text()).as(name).containsPattern("(?m)^# HELP " + family + "(_total)? \\S.{20,}$");
        }
        assertThat(s.text()).contains("# TYPE reelflow_deals_started_total counter", "# TYPE reelflow_deals gauge",
                "# TYPE reelflow_qc_rejections_total counter", "# TYPE reelflow_jobs_due gauge");
        for (String status : List.of("RECEIVED", "CONFLICT", "GRANTED", "IN_WINDOW", "CLOSED", "WITHDRAWN")) {
            assertThat(s.value("reelflow_deals", "status", status)).isGreaterThanOrEqualTo(0);
        }
        for (String stage : List.of("BACKLOT_SETUP", "PREPARING", "READY", "SUBMITTED", "REJECTED", "ACCEPTED")) {
            assertThat(s.value("reelflow_deliveries", "stage", stage)).isGreaterThanOrEqualTo(0);
        }
        for (String category : List.of("VIDEO", "COLOR_HDR_METADATA", "AUDIO", "AUDIO_SYNC", "SUBTITLES", "FORCED_NARRATIVES", "MISSING_ASSET", "METADATA")) {
            assertThat(s.value("reelflow_qc_rejections_total", "category", category)).isGreaterThanOrEqualTo(0);
        }
        for (String process : List.of("deal-lifecycle", "netflix-delivery", "localization-track", "window-watch")) {
            assertThat(s.value("reelflow_incidents_open", "process", process, "type", "failedJob")).isGreaterThanOrEqualTo(0);
        }
        // the figures agree with the database they come from
        assertThat(s.value("reelflow_deals_started_total")).isEqualTo(count("SELECT count(*) FROM deal"));
        assertThat(s.value("reelflow_deals", "status", "GRANTED")).isEqualTo(count("SELECT count(*) FROM deal WHERE status = 'GRANTED'"));
        assertThat(s.value("reelflow_metrics_read_seconds")).isGreaterThan(0).isLessThan(5);
        assertThat(s.value("reelflow_metrics_age_seconds")).isGreaterThanOrEqualTo(0).isLessThan(5);
    }

    @Test
    void aCleanAndAConflictingDealMoveTheDealConflictJobAndDeliveryFigures() {
        long titleId = createTitle(unique("Metrics Title"), "en");
        createRightsIn(titleId, "[\"FR\", \"BE\"]", "[\"SVOD\"]", "2026-01-01", "2035-12-31", true);
        Scrape before = scrape();

        String clean = unique("MET-CLEAN");
        String clash = unique("MET-CLASH");
        assertThat(postJson("crm", "/api/deals", dealJson(clean, titleId, "[\"FR\"]", "2027-01-01", "2028-12-31")).status()).isEqualTo(201);
        runJobs(); // granted first, so that the second deal collides with its exclusive grant
        assertThat(postJson("crm", "/api/deals", dealJson(clash, titleId, "[\"FR\", \"BE\"]", "2027-06-01", "2027-12-31")).status()).isEqualTo(201);

        Scrape waiting = scrape();
        // the second deal's rights check waits for the job executor (off in tests)
        assertThat(waiting.value("reelflow_jobs_due")).isEqualTo(management.createJobQuery().executable().count()).isGreaterThanOrEqualTo(1);
        assertThat(waiting.value("reelflow_deals", "status", "RECEIVED") - before.value("reelflow_deals", "status", "RECEIVED")).isEqualTo(1);

        runJobs();
        Scrape after = scrape();
        assertThat(after.value("reelflow_deals_started_total") - before.value("reelflow_deals_started_total")).isEqualTo(2);
        assertThat(after.value("reelflow_conflicts_found_total") - before.value("reelflow_conflicts_found_total")).isEqualTo(1);
        assertThat(after.value("reelflow_deals", "status", "GRANTED") - before.value("reelflow_deals", "status", "GRANTED")).isEqualTo(1);
        assertThat(after.value("reelflow_deals", "status", "CONFLICT") - before.value("reelflow_deals", "status", "CONFLICT")).isEqualTo(1);
        assertThat(after.value("reelflow_deals", "status", "RECEIVED")).isEqualTo(before.value("reelflow_deals", "status", "RECEIVED"));
        // the clean deal's title is now being delivered
        assertThat(after.value("reelflow_deliveries", "stage", "BACKLOT_SETUP") - before.value("reelflow_deliveries", "stage", "BACKLOT_SETUP"))
                .isEqualTo(1);
        assertThat(after.value("reelflow_jobs_due")).isZero();
        assertThat(get("crm", "/api/deals/" + clash).json().get("status").asText()).isEqualTo("CONFLICT");
    }

    @Test
    void aScrapeWithinTheCacheTimeIsAnsweredFromTheKeptFigures() {
        long titleId = createTitle(unique("Metrics Cache Title"), "en");
        createRightsIn(titleId, "[\"IT\"]", "[\"SVOD\"]", "2026-01-01", "2035-12-31", true);
        long read = System.nanoTime();
        double before = scrape().value("reelflow_deals_started_total");
        assertThat(postJson("crm", "/api/deals", dealJson(unique("MET-CACHE"), titleId, "[\"IT\"]", "2027-01-01", "2027-12-31")).status())
                .isEqualTo(201);
        // read a moment ago: the database is not asked again (reelflow.metrics.cache-ttl)
        double kept = scrapeAsIs("admin").value("reelflow_deals_started_total");
        Assumptions.assumeTrue(System.nanoTime() - read < cacheTtl.toNanos(),
                "the deal and the scrape took longer than the cache time (" + cacheTtl + ") on this machine: nothing to observe");
        assertThat(kept).isEqualTo(before);
        assertThat(scrape().value("reelflow_deals_started_total")).isEqualTo(before + 1);
        runJobs();
    }

    @Test
    void aQcRejectionMovesTheCountersOfItsCategories() throws Exception {
        long titleId = createTitle(unique("Metrics QC Title"), "en");
        createRightsIn(titleId, "[\"NL\"]", "[\"SVOD\"]", "2026-01-01", "2035-12-31", true);
        String deal = unique("MET-QC");
        String body = dealJson(deal, titleId, "[\"NL\"]", "2027-01-01", "2027-12-31").replace(
                "\"localization\": {\"subtitles\": [\"fr\", \"pt-BR\"], \"dubs\": [\"fr\"], \"audioDescription\": [], \"forcedNarratives\": []}",
                "\"localization\": {\"subtitles\": [], \"dubs\": [], \"audioDescription\": [], \"forcedNarratives\": []}");
        assertThat(body).contains("\"subtitles\": []");
        Response posted = postJson("crm", "/api/deals", body);
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        runJobs();
        long deliveryId = get("dave", "/api/deliveries?crmDealId=" + deal).json().get(0).get("id").asLong();

        complete(deal, "setUpBacklot", Map.of("backlotTitleId", "81000001", "sourceRequests", "IMF package: SR-1"));
        runJobs();
        complete(deal, "orderImfPackage", Map.of("postHouse", "Pixel Lab", "purchaseOrder", "PO-1"));
        event(deliveryId, "{\"eventId\": \"pkg-" + deal + "\", \"type\": \"PACKAGE_READY\", \"packageLocation\": \""
                + TestPackages.hdSdrPackage(storage.resolve("imp")) + "\"}");
        runJobs();
        complete(deal, "uploadToBacklot", Map.of("uploaded", true));
        runJobs();
        assertThat(get("dave", "/api/deliveries/" + deliveryId).json().get("stage").asText()).isEqualTo("SUBMITTED");

        Scrape before = scrape();
        event(deliveryId, "{\"eventId\": \"qc-" + deal + "\", \"type\": \"QC_RESULT\", \"result\": \"REJECTED\", \"items\": ["
                + "{\"category\": \"VIDEO\", \"code\": \"VID-3\", \"timecode\": \"00:01:02:03\", \"note\": \"macroblocking\"},"
                + "{\"category\": \"VIDEO\", \"code\": \"VID-4\", \"timecode\": \"00:09:00:00\", \"note\": \"dropped frame\"},"
                + "{\"category\": \"METADATA\", \"note\": \"synopsis too long\"}]}");
        runJobs();
        Scrape after = scrape();
        assertThat(get("dave", "/api/deliveries/" + deliveryId).json().get("stage").asText()).isEqualTo("REJECTED");
        assertThat(after.value("reelflow_qc_rejections_total", "category", "VIDEO") - before.value("reelflow_qc_rejections_total", "category", "VIDEO"))
                .isEqualTo(2);
        assertThat(after.value("reelflow_qc_rejections_total", "category", "METADATA")
                - before.value("reelflow_qc_rejections_total", "category", "METADATA")).isEqualTo(1);
        assertThat(after.value("reelflow_qc_rejections_total", "category", "AUDIO")).isEqualTo(before.value("reelflow_qc_rejections_total", "category", "AUDIO"));
        assertThat(after.value("reelflow_qc_rejected_submissions_total") - before.value("reelflow_qc_rejected_submissions_total")).isEqualTo(1);
        assertThat(after.value("reelflow_deliveries", "stage", "REJECTED") - before.value("reelflow_deliveries", "stage", "REJECTED")).isEqualTo(1);
        assertThat(after.value("reelflow_deliveries", "stage", "SUBMITTED") - before.value("reelflow_deliveries", "stage", "SUBMITTED")).isEqualTo(-1);
        // the QC report counts the same rows
        assertThat(get("mark", "/api/reports/qc").json().at("/rejectionsByCategory/VIDEO").asDouble())
                .isEqualTo(after.value("reelflow_qc_rejections_total", "category", "VIDEO"));
    }

    @Test
    void aJobWhoseRetriesAreUsedUpIsAnOpenIncidentUntilItIsResolved() {
        long titleId = createTitle(unique("Metrics Incident Title"), "en");
        createRightsIn(titleId, "[\"PL\"]", "[\"SVOD\"]", "2026-01-01", "2035-12-31", true);
        String deal = unique("MET-INC");
        assertThat(postJson("crm", "/api/deals", dealJson(deal, titleId, "[\"PL\"]", "2027-01-01", "2027-12-31")).status()).isEqualTo(201);
        Scrape before = scrape();

        // a technical failure: the rights check's job runs for a business key that names no deal (the row is renamed)
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(deal).singleResult().getId();
        jdbc.update("UPDATE deal SET crm_deal_id = crm_deal_id || '-GONE' WHERE crm_deal_id = ?", deal);
        Job job = management.createJobQuery().processInstanceId(instance).singleResult();
        for (int attempt = 0; attempt < 10 && management.createJobQuery().jobId(job.getId()).singleResult().getRetries() > 0; attempt++) {
            assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("no deal with CRM id " + deal);
        }
        assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isEqualTo(1);

        Scrape failed = scrape();
        assertThat(failed.value("reelflow_incidents_open", "process", "deal-lifecycle", "type", "failedJob")
                - before.value("reelflow_incidents_open", "process", "deal-lifecycle", "type", "failedJob")).isEqualTo(1);
        assertThat(failed.value("reelflow_jobs_failed") - before.value("reelflow_jobs_failed")).isEqualTo(1);
        // the same count as the engine's
        double open = failed.samples().entrySet().stream().filter(e -> e.getKey().startsWith("reelflow_incidents_open{"))
                .mapToDouble(Map.Entry::getValue).sum();
        assertThat(open).isEqualTo(runtime.createIncidentQuery().count());

        runtime.deleteProcessInstance(instance, "test: the deal's failed rights check is cleared");
        Scrape resolved = scrape();
        assertThat(resolved.value("reelflow_incidents_open", "process", "deal-lifecycle", "type", "failedJob"))
                .isEqualTo(before.value("reelflow_incidents_open", "process", "deal-lifecycle", "type", "failedJob"));
        assertThat(resolved.value("reelflow_jobs_failed")).isEqualTo(before.value("reelflow_jobs_failed"));
    }

    @Test
    void aLineLoggedByADelegateNamesTheDealItRunsFor() {
        long titleId = createTitle(unique("Metrics Log Title"), "en");
        createRightsIn(titleId, "[\"SE\"]", "[\"SVOD\"]", "2026-01-01", "2035-12-31", true);
        String deal = unique("MET-LOG");
        ListAppender<ILoggingEvent> captured = capture(CheckTerritoryConflictsDelegate.class.getName(), null);
        try {
            assertThat(postJson("crm", "/api/deals", dealJson(deal, titleId, "[\"SE\"]", "2027-01-01", "2027-12-31")).status()).isEqualTo(201);
            runJobs();
            assertThat(MDC.get("dealId")).as("nothing of the deal stays in this thread's log context").isNull();
        } finally {
            release(captured, CheckTerritoryConflictsDelegate.class.getName(), null);
        }
        List<ILoggingEvent> lines = captured.list.stream().filter(e -> e.getFormattedMessage().startsWith("Rights check")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).getMDCPropertyMap()).containsEntry("dealId", deal);
        // and the configured pattern prints it
        assertThat(format(lines.get(0))).contains("[deal=" + deal + "]").contains("Rights check: no conflict");
    }

    @Test
    void aLineLoggedWhileServingARequestAboutADealNamesTheDeal() {
        long titleId = createTitle(unique("Metrics Request Title"), "en");
        createRightsIn(titleId, "[\"DK\"]", "[\"SVOD\"]", "2026-01-01", "2035-12-31", true);
        String deal = unique("MET-REQ");
        assertThat(postJson("crm", "/api/deals", dealJson(deal, titleId, "[\"DK\"]", "2027-01-01", "2027-12-31")).status()).isEqualTo(201);
        runJobs();
        String dispatcher = "org.springframework.web.servlet.DispatcherServlet";
        ListAppender<ILoggingEvent> captured = capture(dispatcher, Level.DEBUG);
        try {
            assertThat(get("crm", "/api/deals/" + deal).status()).isEqualTo(200);
        } finally {
            release(captured, dispatcher, Level.DEBUG);
        }
        List<ILoggingEvent> lines = captured.list.stream().filter(e -> e.getFormattedMessage().contains("/api/deals/" + deal)
                || e.getFormattedMessage().startsWith("Completed 200")).toList();
        assertThat(lines).as("the request's own log lines").isNotEmpty()
                .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("dealId", deal));
        assertThat(format(lines.get(lines.size() - 1))).contains("[deal=" + deal + "]");
    }

    // ---- helpers

    private Level previous;

    private ListAppender<ILoggingEvent> capture(String loggerName, Level level) {
        Logger logger = (Logger) LoggerFactory.getLogger(loggerName);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        if (level != null) {
            previous = logger.getLevel();
            logger.setLevel(level);
        }
        return appender;
    }

    private void release(ListAppender<ILoggingEvent> appender, String loggerName, Level level) {
        Logger logger = (Logger) LoggerFactory.getLogger(loggerName);
        logger.detachAppender(appender);
        if (level != null) logger.setLevel(previous);
        appender.stop();
    }

    /** The event as the application's console pattern prints its level part ({@code logging.pattern.level}) and message. */
    private String format(ILoggingEvent event) {
        String level = environment.getProperty("logging.pattern.level");
        assertThat(level).as("logging.pattern.level").contains("%X{dealId");
        PatternLayout layout = new PatternLayout();
        layout.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        layout.setPattern(level + " %m");
        layout.start();
        try {
            return layout.doLayout(event);
        } finally {
            layout.stop();
        }
    }

    private void complete(String deal, String taskKey, Map<String, Object> variables) {
        List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey(taskKey).list();
        assertThat(open).as("open task " + taskKey).hasSize(1);
        tasks.complete(open.get(0).getId(), new HashMap<>(variables));
    }

    private void event(long deliveryId, String body) {
        Response r = postJson("crm", "/api/deliveries/" + deliveryId + "/events", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
    }
}
