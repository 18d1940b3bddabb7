package io.reelflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelflow.inspection.TestPackages;
import io.reelflow.support.ApiTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A granted deal for one title with 3 subtitle and 2 dub languages (HD SDR), and the moves of the
 * people and systems around its delivery: vendor and QC events over HTTP, task completions.
 */
abstract class DeliveryTestSupport extends ApiTestSupport {

    @TempDir(factory = io.reelflow.support.DeliveryStorageTempDir.class)
    Path storage;
    @Autowired TaskService tasks;
    @Autowired RuntimeService runtime;

    long titleId;
    String deal;

    @BeforeEach
    void dealWithLocalization() {
        titleId = createTitle(unique("Delivery Title"), "en");
        createRightsIn(titleId, "[\"FR\", \"DE\", \"BR\", \"MX\"]", "[\"SVOD\"]", "2026-01-01", "2035-12-31", true);
        deal = unique("DLV");
        String body = dealJson(deal, titleId, "[\"FR\", \"DE\", \"BR\", \"MX\"]", "2027-01-01", "2028-12-31")
                .replace("\"localization\": {\"subtitles\": [\"fr\", \"pt-BR\"], \"dubs\": [\"fr\"], \"audioDescription\": [], \"forcedNarratives\": []}",
                        "\"localization\": {\"subtitles\": [\"fr\", \"de\", \"pt-BR\"], \"dubs\": [\"fr\", \"es-419\"], \"audioDescription\": [], \"forcedNarratives\": []}");
        Response r = postJson("crm", "/api/deals", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        runJobs();
    }

    /** Backlot set up, package and every track ordered and delivered clean: the upload task is next. */
    void everythingDeliveredClean(long deliveryId) throws Exception {
        complete(task("setUpBacklot"), Map.of("backlotTitleId", "81234567", "sourceRequests", "IMF package: SR-1"));
        runJobs();
        complete(task("orderImfPackage"), Map.of("postHouse", "Pixel Lab", "purchaseOrder", "PO-1"));
        for (Task t : tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("orderTrack").list()) {
            complete(t, Map.of("vendor", "Babel Studio"));
        }
        event(deliveryId, packageReady("pkg-1", TestPackages.hdSdrPackage(storage.resolve("imp1"))));
        for (String lang : List.of("fr", "de", "pt-BR")) deliverSubtitle(deliveryId, lang, "sub-" + lang + "-1");
        deliverDub(deliveryId, "fr", "dub-fr-1");
        deliverDub(deliveryId, "es-419", "dub-es-1");
        runJobs();
    }

    long deliveryId() {
        Response r = get("dave", "/api/deliveries?crmDealId=" + deal);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json()).hasSize(1);
        return r.json().get(0).get("id").asLong();
    }

    String titleName() {
        return get("dave", "/api/deliveries?crmDealId=" + deal).json().get(0).get("titleName").asText();
    }

    Task task(String key) {
        List<Task> list = tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey(key).list();
        assertThat(list).as("open task " + key).hasSize(1);
        return list.get(0);
    }

    void complete(Task task, Map<String, Object> vars) {
        tasks.complete(task.getId(), new HashMap<>(vars));
    }

    void uploadAndCheck(int attempt) {
        Task upload = task("uploadToBacklot");
        assertThat(upload.getName()).startsWith("Upload Delivery Title").endsWith("to Backlot" + (attempt > 1 ? " (submission " + attempt + ")" : "") + " — " + deal);
        assertThat((String) tasks.getVariable(upload.getId(), "uploadChecklist")).contains("Backlot title 81234567", "Dubbed audio es-419");
        complete(upload, Map.of("uploaded", true));
        assertThat(runtime.createExecutionQuery().processInstanceBusinessKey(deal).activityId("awaitQc").count()).isEqualTo(1);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("uploadToBacklot").count()).isZero();
        JsonNode d = get("dave", "/api/deliveries?crmDealId=" + deal).json().get(0);
        assertThat(d.get("attempt").asInt()).isEqualTo(attempt);
        assertThat(d.get("stage").asText()).isEqualTo("SUBMITTED");
    }

    void qc(long deliveryId, String eventId, String result, String item) {
        String body = "{\"eventId\": \"" + eventId + "-" + deal + "\", \"type\": \"QC_RESULT\", \"result\": \"" + result + "\""
                + (item == null ? "" : ", \"items\": [" + item + "]") + "}";
        event(deliveryId, body);
        runJobs();
    }

    JsonNode event(long deliveryId, String body) {
        Response r = postJson("crm", "/api/deliveries/" + deliveryId + "/events", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        return r.json();
    }

    String packageReady(String eventId, Path location) {
        return "{\"eventId\": \"" + eventId + "-" + deal + "\", \"type\": \"PACKAGE_READY\", \"packageLocation\": \"" + location + "\"}";
    }

    void deliverSubtitle(long deliveryId, String lang, String eventId) throws Exception {
        Path file = TestPackages.cleanTimedText(storage.resolve("subs/" + eventId + ".ttml"), lang);
        event(deliveryId, "{\"eventId\": \"" + eventId + "-" + deal + "\", \"type\": \"TRACK_DELIVERED\", \"kind\": \"SUBTITLE\", \"language\": \"" + lang
                + "\", \"fileLocation\": \"" + file + "\"}");
    }

    void deliverDub(long deliveryId, String lang, String eventId) throws Exception {
        event(deliveryId, dubEvent(eventId, lang));
    }

    String dubEvent(String eventId, String lang) {
        Path file = storage.resolve("dubs/" + eventId + ".wav");
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) Files.write(file, new byte[] {1, 2, 3});
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return "{\"eventId\": \"" + eventId + "-" + deal + "\", \"type\": \"TRACK_DELIVERED\", \"kind\": \"DUB\", \"language\": \"" + lang
                + "\", \"fileLocation\": \"" + file + "\", \"durationSeconds\": " + TestPackages.COMPOSITION_SECONDS + "}";
    }
}
