package io.reelflow.delivery;

import io.reelflow.support.NodeSession;
import io.reelflow.support.NodeTool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelflow.inspection.TestPackages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A coordinator's day in Tasklist, in headless Chromium (tools/tasklist-journey.js, playwright-core), as the people
 * do it: two deals for one title, the second in conflict and withdrawn by rita; the first's Netflix QC rejection
 * entered by dave with a wrong track (refused, the message at the track's field) and then the right one (routed to
 * the vendor); the re-order showing why; a manager's waiver of a failed track check; finance recording a payment.
 * Each scene checks the task's name with the deal in the user's own queue, no server error or engine wording shown.
 * The systems' part (vendor and Backlot events, the coordinator's routine completions) goes through the API and the
 * engine. Screenshots in target/journey.
 *
 * <p>Needs Chromium ({@code /usr/bin/chromium} or {@code CHROMIUM}), node, and playwright-core installed with
 * {@code npm ci --prefix tools}; without them the test is reported SKIPPED with the reason.
 */
class TasklistJourneyBrowserTest extends DeliveryTestSupport {

    private static final Path SCRIPT = Path.of("tools/tasklist-journey.js");
    private static final Path OUT = Path.of("target/journey");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String chromium;

    @Autowired io.reelflow.platform.security.LoginThrottle throttle;

    @BeforeEach
    void browserAvailable() throws Exception {
        chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        assumeTrue(Files.isExecutable(Path.of(chromium)), "no Chromium at " + chromium + " (set CHROMIUM): browser journey skipped");
        assumeTrue(run(Path.of("."), 30, "node", "--version").exitCode() == 0, "node is not installed: browser journey skipped");
        assumeTrue(run(Path.of("tools"), 30, "node", "-e", "require.resolve('playwright-core')").exitCode() == 0,
                "playwright-core is not installed (run: npm ci --prefix tools): browser journey skipped");
        throttle.reset();
        Files.createDirectories(OUT);
    }

    /** One browser for the whole day; each user stays signed in from one of their scenes to the next. */
    private NodeSession browser;

    @org.junit.jupiter.api.AfterEach
    void closeBrowser() throws Exception {
        if (browser != null) browser.close();
    }

    @Test
    void twoDealsForOneTitleFromConflictToPayment() throws Exception {
        browser = NodeSession.start(Path.of("."), Map.of("CHROMIUM", chromium), "node", SCRIPT.toString(), "http://localhost:" + port,
                "--session", OUT.toString());
        String title = titleName();
        long deliveryId = deliveryId();

        // a second deal for the same title and territory: a conflict, which rita withdraws
        String second = unique("DLV-B");
        Response b = postJson("crm", "/api/deals", dealJson(second, titleId, "[\"FR\"]", "2027-01-01", "2028-12-31"));
        assertThat(b.status()).as(b.toString()).isEqualTo(201);
        runJobs();
        assertThat(get("crm", "/api/deals/" + second).json().get("status").asText()).isEqualTo("CONFLICT");
        JsonNode conflict = scene("conflict", "rita", "Resolve rights conflict: " + title + " — " + second, List.of("Rights conflict"),
                List.of(Map.of("radio", "Withdraw the deal"), Map.of("complete", true)), true);
        assertThat(conflict.get("listed").toString()).contains(second);
        runJobs();
        assertThat(get("crm", "/api/deals/" + second).json().get("status").asText()).isEqualTo("WITHDRAWN");

        // the first deal's title delivered and uploaded; Netflix rejects it: dave enters the items as rows of a list
        everythingDeliveredClean(deliveryId);
        complete(task("uploadToBacklot"), Map.of("uploaded", true));
        JsonNode qc = scene("qc", "dave", "Record Netflix QC result: " + title, List.of("Netflix QC result"), List.of(
                Map.of("radio", "Rejected"),
                Map.of("select", "qcItemsCategory_0", "option", "Audio sync"),
                Map.of("select", "qcItemsTrack_0", "option", "SUBTITLE fr"),
                Map.of("text", "qcItemsTimecode_0", "value", "00:41:10:02"),
                Map.of("complete", true),
                Map.of("fieldError", Map.of("qcItems[0].track", "AUDIO_SYNC is not about a SUBTITLE track")),
                Map.of("reopen", true),
                Map.of("radio", "Rejected"),
                Map.of("select", "qcItemsCategory_0", "option", "Audio sync"),
                Map.of("select", "qcItemsTrack_0", "option", "DUB fr"),
                Map.of("text", "qcItemsCode_0", "value", "AUD-7"),
                Map.of("text", "qcItemsTimecode_0", "value", "00:41:10:02"),
                Map.of("text", "qcItemsNote_0", "value", "drifts 3 frames"),
                Map.of("button", "Add new"),
                Map.of("select", "qcItemsCategory_1", "option", "Subtitles"),
                Map.of("select", "qcItemsTrack_1", "option", "SUBTITLE fr"),
                Map.of("text", "qcItemsNote_1", "value", "reading speed"),
                Map.of("complete", true)), true);
        assertThat(qc.get("listed").toString()).contains("Record Netflix QC result: " + title, deal);
        runJobs();
        JsonNode d = get("dave", "/api/deliveries/" + deliveryId).json();
        assertThat(d.get("openItems")).extracting(i -> i.get("routedTo").asText()).contains("vendor of Dubbed audio fr", "vendor of Subtitles fr");

        // the re-order says why: the QC item, the previous vendor pre-filled
        scene("reorder", "dave", "Order Dubbed audio fr (attempt 2): " + title, List.of("Why it is ordered again", "AUDIO_SYNC", "drifts 3 frames"),
                List.of(Map.of("text", "purchaseOrder", "value", "PO-DUB-2"), Map.of("complete", true)), true);
        Task subtitles = tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("orderTrack").singleResult();
        complete(subtitles, Map.of("vendor", "Babel Studio", "purchaseOrder", "PO-SUB-2"));

        // the corrected subtitles are labelled fr-CA: the check fails, the coordinator holds it for a false positive,
        // a manager waives it in writing
        Path frCa = TestPackages.cleanTimedText(storage.resolve("subs/fr-ca.ttml"), "fr-CA");
        event(deliveryId, "{\"eventId\": \"sub-fr-2-" + deal + "\", \"type\": \"TRACK_DELIVERED\", \"kind\": \"SUBTITLE\", \"language\": \"fr\", "
                + "\"fileLocation\": \"" + frCa + "\"}");
        runJobs();
        complete(tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("returnTrack").singleResult(),
                Map.of("failedAction", "ASK_WAIVER", "waiverRequest", "Netflix takes fr-CA subtitles for France on this title"));
        scene("waiver", "mark", "Decide on waiver of Subtitles fr", List.of("Netflix takes fr-CA", "TTML_LANGUAGE_MISMATCH"), List.of(
                Map.of("radio", "Waive"), Map.of("text", "waiverNote", "value", "confirmed by Netflix's partner manager"),
                Map.of("complete", true)), true);
        runJobs();
        JsonNode after = get("dave", "/api/deliveries/" + deliveryId).json();
        assertThat(after.get("waivers")).extracting(w -> w.get("status").asText() + " " + w.get("note").asText())
                .containsExactly("WAIVED confirmed by Netflix's partner manager");

        // finance: the first instalment invoiced, then fiona records its payment in Tasklist (its royalties go to the
        // title's licensor, whose agreement finance keeps)
        Response agreement = postJson("fiona", "/api/licensor-agreements", Map.of("licensor", "Test Licensor", "currency", "EUR",
                "distributionFeePercent", 25, "advance", java.math.BigDecimal.ZERO, "statementFrequency", "QUARTERLY"));
        assertThat(agreement.status()).as(agreement.toString()).isIn(201, 409);
        LocalDate today = io.reelflow.platform.EngineClock.today();
        Task invoice = tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("invoiceInstalment").list().get(0);
        complete(invoice, Map.of("invoiceNumber", unique("INV"), "invoicedOn", today.toString()));
        runJobs();
        // the day typed as YYYY-MM-DD (which the date picker alone reads as MM/DD/YYYY, rolling over to another day);
        // first one not on the calendar, which stays at the field with a message
        scene("payment", "fiona", "Record payment of instalment 1: " + title, List.of("EUR "), List.of(
                Map.of("text", "paidOn", "value", today.getYear() + "-02-30", "enter", true),
                Map.of("fieldError", Map.of("paidOn", "is not a day on the calendar")),
                Map.of("text", "paidOn", "value", today.toString(), "enter", true),
                Map.of("text", "bankReference", "value", unique("BANK")), Map.of("complete", true)), true);
        runJobs();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("recordPayment").count()).isZero();
        assertThat(jdbc.queryForObject("SELECT paid_on FROM fee_instalment WHERE deal_ref = ? AND number = 1", LocalDate.class, deal))
                .as("the day typed is the day recorded").isEqualTo(today);
        assertThat(Files.list(OUT).filter(p -> p.toString().endsWith(".png")).count()).as("screenshots in " + OUT).isGreaterThanOrEqualTo(10);
    }

    /** One scene in the browser: the user finds the task in their queue by its name, works the form; what they saw. */
    private JsonNode scene(String name, String user, String task, List<String> see, List<Map<String, Object>> steps, boolean gone)
            throws Exception {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("user", user);
        s.put("task", task);
        s.put("see", see);
        s.put("steps", new ArrayList<>(steps));
        s.put("expectGone", gone);
        Path file = OUT.resolve("scene-" + name + ".json");
        Files.writeString(file, JSON.writeValueAsString(s)); // to replay it alone: node tools/tasklist-journey.js <url> <file>
        String line = browser.ask(JSON.writeValueAsString(s), l -> l.startsWith("{\"scene\""), java.time.Duration.ofSeconds(300));
        assertThat(line).as(name + ": " + browser.transcript()).isNotNull();
        JsonNode seen = JSON.readTree(line);
        System.out.println("journey scene " + name + ", ms by part: " + seen.get("timings"));
        assertThat(seen.get("problems")).as(name + ": " + line).isEmpty();
        assertThat(seen.get("ok").asBoolean()).as(name + ": " + line).isTrue();
        assertThat(seen.get("listed").toString()).as(name + ": the task is named with its deal").contains(" — ");
        return seen;
    }

    private static NodeTool.Result run(Path dir, int seconds, String... command) throws IOException, InterruptedException {
        return NodeTool.run(dir, seconds, Map.of("CHROMIUM", chromium), command);
    }
}
