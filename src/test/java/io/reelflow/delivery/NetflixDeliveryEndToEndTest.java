package io.reelflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelflow.inspection.TestPackages;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * A deal with 3 subtitle and 2 dub languages, from POST /api/deals to Netflix's acceptance, with only
 * the REST API (deal, vendor and QC events) and the coordinators' task completions: two rejections
 * (colour → post house re-grade, audio sync on a dub → that dub's vendor) before acceptance.
 */
class NetflixDeliveryEndToEndTest extends DeliveryTestSupport {

    @Test
    void fromSignedDealToAcceptedDeliveryThroughTwoRejections() throws Exception {
        JsonNode qcBefore = get("mark", "/api/reports/qc").json();
        long deliveryId = deliveryId();
        JsonNode delivery = get("dave", "/api/deliveries/" + deliveryId).json();
        assertThat(delivery.get("stage").asText()).isEqualTo("BACKLOT_SETUP");
        assertThat(delivery.get("tracks")).hasSize(5);

        Task setup = task("setUpBacklot");
        assertThat(setup.getName()).startsWith("Set up Delivery Title").endsWith("in Backlot — " + deal);
        assertThat(setup.getDescription()).startsWith("Create the title in Netflix Backlot");
        String requests = (String) tasks.getVariable(setup.getId(), "sourceRequests");
        assertThat(requests).contains("IMF package:", "Subtitles pt-BR:", "Dubbed audio es-419:");
        complete(setup, Map.of("backlotTitleId", "81234567", "sourceRequests", requests.replaceAll(":\\s*(\\R|$)", ": SR-1$1")));
        runJobs();

        // the package and the five tracks are ordered in parallel
        complete(task("orderImfPackage"), Map.of("postHouse", "Pixel Lab", "purchaseOrder", "PO-1"));
        List<Task> trackOrders = tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("orderTrack").list();
        assertThat(trackOrders).hasSize(5).extracting(Task::getName)
                .contains("Order Subtitles pt-BR: " + titleName() + " — " + deal, "Order Dubbed audio es-419: " + titleName() + " — " + deal);
        for (Task t : trackOrders) complete(t, Map.of("vendor", "Babel Studio"));

        assertThat(event(deliveryId, packageReady("pkg-1", TestPackages.hdSdrPackage(storage.resolve("imp1")))).get("status").asText())
                .isEqualTo("DELIVERED");
        for (String lang : List.of("fr", "de", "pt-BR")) deliverSubtitle(deliveryId, lang, "sub-" + lang + "-1");
        deliverDub(deliveryId, "fr", "dub-fr-1");
        deliverDub(deliveryId, "es-419", "dub-es-1");
        // the same event again: the first answer, nothing done twice
        Response again = postJson("crm", "/api/deliveries/" + deliveryId + "/events", dubEvent("dub-es-1", "es-419"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        runJobs();

        uploadAndCheck(1);
        qc(deliveryId, "qc-1", "REJECTED", "{\"category\": \"COLOR_HDR_METADATA\", \"code\": \"VID-12\", \"timecode\": \"00:12:01:04\", \"note\": \"wrong transfer\"}");
        JsonNode rejected = get("dave", "/api/deliveries/" + deliveryId).json();
        assertThat(rejected.get("stage").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("packageStatus").asText()).isEqualTo("REWORK");
        assertThat(rejected.at("/openItems/0/routedTo").asText()).startsWith("post house");

        // re-grade: a new package from the post house, nothing else re-ordered
        complete(task("orderImfPackage"), Map.of("postHouse", "Pixel Lab", "purchaseOrder", "PO-2"));
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("orderTrack").count()).isZero();
        event(deliveryId, packageReady("pkg-2", TestPackages.hdSdrPackage(storage.resolve("imp2"))));
        runJobs();
        uploadAndCheck(2);

        qc(deliveryId, "qc-2", "REJECTED", "{\"category\": \"AUDIO_SYNC\", \"language\": \"es-419\", \"kind\": \"DUB\", \"note\": \"drifts 3 frames\"}");
        List<Task> redo = tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("orderTrack").list();
        assertThat(redo).extracting(Task::getName).containsExactly("Order Dubbed audio es-419 (attempt 2): " + titleName() + " — " + deal);
        complete(redo.get(0), Map.of("vendor", "Babel Studio"));
        deliverDub(deliveryId, "es-419", "dub-es-2");
        runJobs();
        uploadAndCheck(3);

        qc(deliveryId, "qc-3", "ACCEPTED", null);
        JsonNode accepted = get("dave", "/api/deliveries/" + deliveryId).json();
        assertThat(accepted.get("stage").asText()).isEqualTo("ACCEPTED");
        assertThat(accepted.get("attempt").asInt()).isEqualTo(3);
        assertThat(accepted.get("rejections").asInt()).isEqualTo(2);
        assertThat(accepted.get("tracks")).allMatch(t -> t.get("status").asText().equals("ACCEPTED"));
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("netflix-delivery").processInstanceBusinessKey(deal).count()).isZero();
        // the deal's trail tells the CRM each stage of the title's delivery and Netflix's QC outcomes, in time order
        List<String> kinds = new java.util.ArrayList<>();
        for (JsonNode e : get("crm", "/api/deals/" + deal).json().get("events")) kinds.add(e.get("kind").asText());
        assertThat(kinds.stream().filter(k -> k.startsWith("DELIVERY_")).toList()).containsSubsequence("DELIVERY_BACKLOT_SETUP",
                "DELIVERY_SUBMITTED", "DELIVERY_REJECTED", "DELIVERY_SUBMITTED", "DELIVERY_REJECTED", "DELIVERY_SUBMITTED", "DELIVERY_ACCEPTED");
        assertThat(kinds.indexOf("GRANTED")).as("granted before its delivery began").isLessThan(kinds.indexOf("DELIVERY_BACKLOT_SETUP"));
        JsonNode acceptedEvent = java.util.stream.StreamSupport.stream(get("crm", "/api/deals/" + deal).json().get("events").spliterator(), false)
                .filter(e -> e.get("kind").asText().equals("DELIVERY_ACCEPTED")).findFirst().orElseThrow();
        assertThat(acceptedEvent.get("detail").asText()).isEqualTo(titleName() + ": accepted by Netflix");

        JsonNode qcAfter = get("mark", "/api/reports/qc").json();
        assertThat(qcAfter.get("deliveriesWithQcResult").asInt() - qcBefore.get("deliveriesWithQcResult").asInt()).isEqualTo(1);
        assertThat(qcAfter.get("acceptedFirstPass").asInt()).isEqualTo(qcBefore.get("acceptedFirstPass").asInt());
        assertThat(qcAfter.at("/rejectionsByCategory/COLOR_HDR_METADATA").asInt() - qcBefore.at("/rejectionsByCategory/COLOR_HDR_METADATA").asInt()).isEqualTo(1);
        assertThat(qcAfter.at("/rejectionsByCategory/AUDIO_SYNC").asInt() - qcBefore.at("/rejectionsByCategory/AUDIO_SYNC").asInt()).isEqualTo(1);
        assertThat(qcAfter.at("/rejectionsByVendor/Babel Studio").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(qcAfter.at("/rejectionsByVendor/Pixel Lab").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(qcAfter.get("averageDaysPerStage").has("SUBMITTED")).isTrue();
    }

    @Test
    void aQcResultThatComesBeforeTheUploadIsKeptAndHandedOverWhenTheProcessWaits() throws Exception {
        long deliveryId = deliveryId();
        Response early = postJson("crm", "/api/deliveries/" + deliveryId + "/events", "{\"eventId\": \"early-qc-" + deal + "\", \"type\": \"QC_RESULT\", \"result\": \"ACCEPTED\"}");
        assertThat(early.status()).as(early.toString()).isEqualTo(202);
        assertThat(early.json().get("status").asText()).isEqualTo("PENDING");
        assertThat(get("dave", "/api/deliveries/" + deliveryId).json().get("pendingEvents")).hasSize(1);

        complete(task("setUpBacklot"), Map.of("backlotTitleId", "81", "sourceRequests", "IMF package: SR-1"));
        runJobs();
        complete(task("orderImfPackage"), Map.of("postHouse", "Pixel Lab", "purchaseOrder", "PO-1"));
        for (Task t : tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("orderTrack").list()) complete(t, Map.of("vendor", "V"));
        event(deliveryId, packageReady("early-pkg-" + deal, TestPackages.hdSdrPackage(storage.resolve("imp"))));
        for (String lang : List.of("fr", "de", "pt-BR")) deliverSubtitle(deliveryId, lang, "early-sub-" + lang + "-" + deal);
        deliverDub(deliveryId, "fr", "early-dub-fr-" + deal);
        deliverDub(deliveryId, "es-419", "early-dub-es-" + deal);
        runJobs();
        complete(task("uploadToBacklot"), Map.of("uploaded", true));
        // the upload's transaction committed with the process waiting for QC: the kept event goes in right then
        runJobs();
        JsonNode after = get("dave", "/api/deliveries/" + deliveryId).json();
        assertThat(after.get("stage").asText()).isEqualTo("ACCEPTED");
        assertThat(after.get("pendingEvents")).isEmpty();
    }

    @Test
    void badEventsAreRefusedNamingTheProblem() {
        long deliveryId = deliveryId();
        assertThat(postJson("crm", "/api/deliveries/999999999/events", packageReady("x-" + deal, storage)).status()).isEqualTo(404);
        Response wrongTag = postJson("crm", "/api/deliveries/" + deliveryId + "/events",
                "{\"eventId\": \"bad-" + deal + "\", \"type\": \"TRACK_DELIVERED\", \"kind\": \"SUBTITLE\", \"language\": \"pt\", \"fileLocation\": \"/x\"}");
        assertThat(wrongTag.status()).isEqualTo(400);
        assertThat(wrongTag.body()).contains("\"field\":\"language\"").contains("pt-BR");
        Response noItems = postJson("crm", "/api/deliveries/" + deliveryId + "/events",
                "{\"eventId\": \"bad2-" + deal + "\", \"type\": \"QC_RESULT\", \"result\": \"REJECTED\"}");
        assertThat(noItems.status()).isEqualTo(400);
        assertThat(noItems.body()).contains("\"field\":\"items\"");
        Response wrongCategory = postJson("crm", "/api/deliveries/" + deliveryId + "/events",
                "{\"eventId\": \"bad3-" + deal + "\", \"type\": \"QC_RESULT\", \"result\": \"REJECTED\", \"items\": [{\"category\": \"SMELL\"}]}");
        assertThat(wrongCategory.status()).isEqualTo(400);
        assertThat(wrongCategory.body()).contains("items[0].category");
        assertThat(count("SELECT count(*) FROM delivery_event WHERE event_id LIKE ?", "bad%" + deal)).isZero();
        assertThat(postJson("rita", "/api/deliveries/" + deliveryId + "/events", packageReady("r-" + deal, storage)).status()).isEqualTo(403);
    }
}
