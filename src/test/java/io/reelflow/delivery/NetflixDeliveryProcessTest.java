package io.reelflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelflow.inspection.TestPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The other paths of netflix-delivery and localization-track: inspections that fail, escalations by timer, QC routing. */
class NetflixDeliveryProcessTest extends DeliveryTestSupport {

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aPackageThatCannotBeInspectedNeverPassesAndGoesBackToThePostHouse() throws Exception {
        long deliveryId = deliveryId();
        complete(task("setUpBacklot"), Map.of("backlotTitleId", "81", "sourceRequests", "IMF package: SR-1"));
        runJobs();
        assertThatThrownBy(() -> complete(task("orderImfPackage"), Map.of("postHouse", " ")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("postHouse");
        complete(task("orderImfPackage"), Map.of("postHouse", "Pixel Lab", "purchaseOrder", "PO-1"));

        // the folder is there when the post house reports it, and gone (moved, swapped) when the inspection runs
        Path gone = Files.createDirectories(storage.resolve("gone"));
        event(deliveryId, packageReady("pkg-missing", gone));
        Files.delete(gone);
        runJobs();
        Task back = task("returnImfPackage");
        assertThat(back.getName()).startsWith("Return package to post house: Delivery Title");
        assertThat((String) tasks.getVariableLocal(back.getId(), "packageFindingsReport")).contains("nothing was inspected", "LOCATION_NOT_ON_STORAGE");
        assertThat(runtime.getVariable(back.getProcessInstanceId(), "packageFindings")).as("findings are not process variables").isNull();
        assertThat(get("dave", "/api/deliveries/" + deliveryId).json().get("packageStatus").asText()).isEqualTo("FAILED");
        complete(back, Map.of("returnNote", "asked Pixel Lab for the real location"));
        // the coordinator's Receive task shows what the last inspection found
        assertThat((String) tasks.getVariableLocal(task("awaitPackage").getId(), "packageFindingsReport")).contains("LOCATION_NOT_ON_STORAGE");

        event(deliveryId, packageReady("pkg-good", TestPackages.hdSdrPackage(storage.resolve("imp"))));
        runJobs();
        assertThat(get("dave", "/api/deliveries/" + deliveryId).json().get("packageStatus").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void aTrackThatFailsItsCheckGoesBackToItsVendorWithTheFindings() throws Exception {
        long deliveryId = deliveryId();
        complete(task("setUpBacklot"), Map.of("backlotTitleId", "81", "sourceRequests", "IMF package: SR-1"));
        runJobs();
        Task order = tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("orderTrack")
                .taskNameLike("Order Subtitles pt-BR%").singleResult();
        complete(order, Map.of("vendor", "Babel Studio"));
        // the vendor labels Brazilian Portuguese subtitles as plain "pt"
        Path wrong = TestPackages.cleanTimedText(storage.resolve("pt.ttml"), "pt");
        event(deliveryId, "{\"eventId\": \"sub-pt-" + deal + "\", \"type\": \"TRACK_DELIVERED\", \"kind\": \"SUBTITLE\", \"language\": \"pt-BR\", "
                + "\"fileLocation\": \"" + wrong + "\"}");
        runJobs();
        Task back = tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("returnTrack").singleResult();
        assertThat(back.getName()).startsWith("Return Subtitles pt-BR to vendor: Delivery Title");
        assertThat((String) tasks.getVariableLocal(back.getId(), "trackFindingsReport")).contains("TTML_LANGUAGE_MISMATCH");
        assertThat(runtime.getVariable(back.getProcessInstanceId(), "trackFindings")).as("findings are not process variables").isNull();
        complete(back, Map.of("returnNote", "sent back: xml:lang must be pt-BR"));

        deliverSubtitle(deliveryId, "pt-BR", "sub-pt-2");
        runJobs();
        assertThat(get("dave", "/api/deliveries/" + deliveryId).json().get("tracks"))
                .anyMatch(t -> t.get("language").asText().equals("pt-BR") && t.get("status").asText().equals("ACCEPTED"));
    }

    @Test
    void aManagerRefusesAPackageWaiverAndWaivesATrackCheckInWriting() throws Exception {
        long deliveryId = deliveryId();
        complete(task("setUpBacklot"), Map.of("backlotTitleId", "81", "sourceRequests", "IMF package: SR-1"));
        runJobs();
        complete(task("orderImfPackage"), Map.of("postHouse", "Pixel Lab", "purchaseOrder", "PO-1"));
        for (Task t : tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("orderTrack").list()) complete(t, Map.of("vendor", "Babel Studio"));

        // the package: the coordinator asks for a waiver, the manager refuses, the coordinator returns it
        Path gone = Files.createDirectories(storage.resolve("gone"));
        event(deliveryId, packageReady("pkg-missing", gone));
        Files.delete(gone);
        runJobs();
        Task back = task("returnImfPackage");
        assertThatThrownBy(() -> complete(back, Map.of("failedAction", "ASK_WAIVER")))
                .hasMessageContaining("waiverRequest: say why the findings are a false positive (required)");
        complete(back, Map.of("failedAction", "ASK_WAIVER", "waiverRequest", "the folder was moved after delivery"));
        Task packageWaiver = task("waivePackageFindings");
        assertThat(packageWaiver.getName()).startsWith("Decide on waiver of IMF package: Delivery Title").endsWith(" — " + deal);
        assertThat(tasks.createTaskQuery().taskId(packageWaiver.getId()).taskCandidateGroup("managers").count()).isEqualTo(1);
        assertThat((String) tasks.getVariableLocal(packageWaiver.getId(), "waiverAsked")).contains("the folder was moved after delivery");
        assertThat((String) tasks.getVariableLocal(packageWaiver.getId(), "packageFindingsReport")).contains("LOCATION_NOT_ON_STORAGE");
        complete(packageWaiver, Map.of("waiverDecision", "REFUSE", "waiverNote", "nothing was inspected: nothing to waive"));
        complete(task("returnImfPackage"), Map.of("failedAction", "RETURN", "returnNote", "asked Pixel Lab for the real location"));
        event(deliveryId, packageReady("pkg-good", TestPackages.hdSdrPackage(storage.resolve("imp"))));
        runJobs();
        assertThat(get("dave", "/api/deliveries/" + deliveryId).json().get("packageStatus").asText()).isEqualTo("ACCEPTED");

        // a track: Netflix takes "pt" for this title, the manager waives the check in writing; the track is accepted as it is
        Path pt = TestPackages.cleanTimedText(storage.resolve("pt.ttml"), "pt");
        event(deliveryId, "{\"eventId\": \"sub-pt-" + deal + "\", \"type\": \"TRACK_DELIVERED\", \"kind\": \"SUBTITLE\", \"language\": \"pt-BR\", "
                + "\"fileLocation\": \"" + pt + "\"}");
        runJobs();
        complete(tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("returnTrack").singleResult(),
                Map.of("failedAction", "ASK_WAIVER", "waiverRequest", "Netflix confirmed pt is fine for this title"));
        Task trackWaiver = tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("waiveTrackFindings").singleResult();
        assertThat(trackWaiver.getName()).startsWith("Decide on waiver of Subtitles pt-BR: Delivery Title");
        assertThat((String) tasks.getVariableLocal(trackWaiver.getId(), "trackFindingsReport")).contains("TTML_LANGUAGE_MISMATCH");
        assertThatThrownBy(() -> complete(trackWaiver, Map.of("waiverDecision", "WAIVE")))
                .hasMessageContaining("waiverNote: write why the findings are waived (required)");
        complete(trackWaiver, Map.of("waiverDecision", "WAIVE", "waiverNote", "Netflix's partner manager accepted pt by mail"));
        runJobs();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("returnTrack").count()).isZero();
        var d = get("dave", "/api/deliveries/" + deliveryId).json();
        var ptBr = java.util.stream.StreamSupport.stream(d.get("tracks").spliterator(), false)
                .filter(t -> t.get("language").asText().equals("pt-BR")).findFirst().orElseThrow();
        assertThat(ptBr.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(ptBr.get("inspection").get("waived").asBoolean()).isTrue();
        assertThat(ptBr.get("inspection").get("findings")).isNotEmpty().allMatch(f -> f.get("waived").asBoolean());
        assertThat(d.get("waivers")).extracting(w -> w.get("subject").asText() + " " + w.get("status").asText() + " " + w.get("note").asText())
                .containsExactly("PACKAGE REFUSED nothing was inspected: nothing to waive", "TRACK WAIVED Netflix's partner manager accepted pt by mail");
        assertThat(get("mark", "/api/reports/qc").json().get("waivers"))
                .anyMatch(w -> w.get("crmDealId").asText().equals(deal) && w.get("asset").asText().equals("Subtitles pt-BR")
                        && w.get("note").asText().startsWith("Netflix's partner manager"));
        assertThat(runtime.createVariableInstanceQuery().variableName("waiverNote").count()).as("the note is the record's").isZero();
    }

    @Test
    void aBacklotSetupLeftUndoneEscalatesToAManager() {
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("escalateBacklotSetup").count()).isZero();
        ClockUtil.setCurrentTime(Date.from(new Date().toInstant().plus(Duration.ofDays(6))));
        runJobs();
        Task escalation = task("escalateBacklotSetup");
        assertThat(escalation.getName()).startsWith("Backlot setup overdue: Delivery Title");
        assertThat(tasks.createTaskQuery().taskId(escalation.getId()).taskCandidateGroup("managers").count()).isEqualTo(1);
        assertThat(task("setUpBacklot")).isNotNull(); // the coordinator's task stays open
    }

    @Test
    void qcSilenceEscalatesMetadataGoesToTheCoordinatorAndTheThirdRejectionPutsTheDeliveryAtRisk() throws Exception {
        long deliveryId = deliveryId();
        everythingDeliveredClean(deliveryId);
        complete(task("uploadToBacklot"), Map.of("uploaded", true));

        ClockUtil.setCurrentTime(Date.from(new Date().toInstant().plus(Duration.ofDays(11))));
        runJobs();
        assertThat(task("escalateQc").getName()).startsWith("QC overdue: Delivery Title");

        qc(deliveryId, "qc-1", "REJECTED", "{\"category\": \"METADATA\", \"code\": \"MD-3\", \"note\": \"synopsis too long\"}");
        Task metadata = task("fixMetadata");
        assertThat((String) tasks.getVariable(metadata.getId(), "metadataFix")).contains("synopsis too long");
        complete(metadata, Map.of("metadataNote", "synopsis shortened in Backlot"));
        runJobs();
        complete(task("uploadToBacklot"), Map.of("uploaded", true));

        // naming a forced-narrative track the deal does not have is refused; a missing asset may name one
        Response notTheDeals = postJson("crm", "/api/deliveries/" + deliveryId + "/events", "{\"eventId\": \"" + unique("qc-fn") + "\", "
                + "\"type\": \"QC_RESULT\", \"result\": \"REJECTED\", \"items\": [{\"category\": \"FORCED_NARRATIVES\", \"language\": \"fr\"}]}");
        assertThat(notTheDeals.status()).as(notTheDeals.toString()).isEqualTo(400);
        assertThat(notTheDeals.errorFields()).containsExactly("items[0]");
        qc(deliveryId, "qc-2", "REJECTED", "{\"category\": \"MISSING_ASSET\", \"language\": \"fr\", \"kind\": \"FORCED_NARRATIVE\", \"note\": \"no forced narrative track\"}");
        // no forced-narrative track was ordered for fr: the coordinator sorts it out
        complete(task("fixMetadata"), Map.of("metadataNote", "asked Netflix: no FN required"));
        runJobs();
        complete(task("uploadToBacklot"), Map.of("uploaded", true));

        qc(deliveryId, "qc-3", "REJECTED", "{\"category\": \"VIDEO\", \"timecode\": \"01:02:03:04\", \"note\": \"macroblocking\"}");
        Task risk = task("deliveryAtRisk");
        assertThat(risk.getName()).startsWith("Delivery at risk: Delivery Title");
        assertThat((String) tasks.getVariable(risk.getId(), "qcItemsSummary")).contains("METADATA", "MISSING_ASSET", "VIDEO");
        assertThat(get("dave", "/api/deliveries/" + deliveryId).json().get("rejections").asInt()).isEqualTo(3);
        assertThatThrownBy(() -> complete(risk, Map.of("riskNote", "escalated to the post house's director")))
                .hasMessageContaining("riskDecision: choose what happens now");
        complete(risk, Map.of("riskDecision", "RESUBMIT", "riskNote", "escalated to the post house's director"));
        runJobs();
        assertThat(task("orderImfPackage")).isNotNull();
        assertThat((String) tasks.getVariableLocal(task("orderImfPackage").getId(), "postHouse")).isEqualTo("Pixel Lab");
    }

    @Test
    void atRiskAManagerChangesVendorThenAsksForAnExtensionThenCancelsTheTitlesDelivery() throws Exception {
        long deliveryId = deliveryId();
        everythingDeliveredClean(deliveryId);
        complete(task("uploadToBacklot"), Map.of("uploaded", true));
        for (int n = 1; n <= 2; n++) rejectForMetadataAndResubmit(deliveryId, "qc-md-" + n);
        qc(deliveryId, "qc-3", "REJECTED", "{\"category\": \"SUBTITLES\", \"code\": \"SUB-9\", \"language\": \"de\", \"note\": \"reading speed\"}");

        // change vendor: the rejected track is re-ordered from the new vendor, not from the one that made it
        Task risk = task("deliveryAtRisk");
        assertThat((String) tasks.getVariableLocal(risk.getId(), "reworkSummary")).isEqualTo("Subtitles de · vendor Babel Studio");
        assertThatThrownBy(() -> complete(risk, Map.of("riskDecision", "CHANGE_VENDOR", "riskNote", "too slow")))
                .hasMessageContaining("newVendor: name the vendor or post house to order from instead");
        assertThatThrownBy(() -> complete(risk, Map.of("riskDecision", "CHANGE_VENDOR", "newVendor", "babel studio", "riskNote", "too slow")))
                .hasMessageContaining("newVendor: 'babel studio' made the rejected asset");
        assertThat(count("SELECT count(*) FROM delivery_decision WHERE delivery_id = ?", deliveryId)).as("nothing recorded").isZero();
        complete(risk, Map.of("riskDecision", "CHANGE_VENDOR", "newVendor", "Lingua Nova", "riskNote", "Babel missed the reading speed three times"));
        runJobs();
        Task reorder = task("orderTrack");
        assertThat(reorder.getName()).startsWith("Order Subtitles de (attempt 2)");
        Map<String, Object> shown = tasks.getVariablesLocal(reorder.getId());
        assertThat(shown).containsEntry("vendor", "Lingua Nova").doesNotContainKey("purchaseOrder");
        assertThat((String) shown.get("orderContext")).contains("**Manager's decision:** order from Lingua Nova instead (Babel missed");
        complete(reorder, Map.of("vendor", "Lingua Nova", "purchaseOrder", "PO-LN-1"));
        deliverSubtitle(deliveryId, "de", "sub-de-2");
        runJobs();
        complete(task("uploadToBacklot"), Map.of("uploaded", true));

        // an extension: a day after the current due day, not in the past; the delivery and its next tasks are due then
        qc(deliveryId, "qc-4", "REJECTED", "{\"category\": \"METADATA\", \"code\": \"MD-4\", \"note\": \"artwork\"}");
        Task again = task("deliveryAtRisk");
        assertThat(again.getName()).startsWith("Delivery at risk: Delivery Title").contains("(4 rejections)");
        String due = get("dave", "/api/deliveries/" + deliveryId).json().get("dueDate").asText();
        assertThatThrownBy(() -> complete(again, Map.of("riskDecision", "EXTENSION", "riskNote", "asked")))
                .hasMessageContaining("extendedDueDate: required");
        assertThatThrownBy(() -> complete(again, Map.of("riskDecision", "EXTENSION", "extendedDueDate", due, "riskNote", "asked")))
                .hasMessageContaining("extendedDueDate: must be after the current due day " + due);
        assertThatThrownBy(() -> complete(again, Map.of("riskDecision", "EXTENSION", "extendedDueDate", "2027-02-30", "riskNote", "asked")))
                .hasMessageContaining("extendedDueDate: '2027-02-30' is not a date");
        String later = java.time.LocalDate.parse(due).plusDays(45).toString();
        complete(again, Map.of("riskDecision", "EXTENSION", "extendedDueDate", later, "riskNote", "Netflix agreed by mail"));
        runJobs();
        assertThat(get("dave", "/api/deliveries/" + deliveryId).json().get("dueDate").asText()).isEqualTo(later);
        Task fix = task("fixMetadata");
        assertThat(java.time.LocalDate.ofInstant(fix.getDueDate().toInstant(), java.time.ZoneOffset.UTC)).isEqualTo(java.time.LocalDate.parse(later));
        complete(fix, Map.of("metadataNote", "artwork replaced"));
        runJobs();
        complete(task("uploadToBacklot"), Map.of("uploaded", true));

        // cancel: the delivery is cancelled and its instance ends, nothing left open
        qc(deliveryId, "qc-5", "REJECTED", "{\"category\": \"METADATA\", \"code\": \"MD-5\", \"note\": \"artwork again\"}");
        complete(task("deliveryAtRisk"), Map.of("riskDecision", "CANCEL", "riskNote", "the licensor withdrew the title"));
        runJobs();
        var d = get("dave", "/api/deliveries/" + deliveryId).json();
        assertThat(d.get("stage").asText()).isEqualTo("CANCELLED");
        assertThat(d.get("decisions")).extracting(x -> x.get("decision").asText()).containsExactly("CHANGE_VENDOR", "EXTENSION", "CANCEL");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(deal).processDefinitionKey("netflix-delivery").count()).isZero();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(deal).processDefinitionKey("netflix-delivery").count()).isZero();
        assertThat(runtime.createVariableInstanceQuery().variableName("riskNote").count()).as("the note is the record's").isZero();
        // the deal's trail: each decision, and the cancellation among its stages
        var events = get("crm", "/api/deals/" + deal).json().get("events");
        List<String> trail = new java.util.ArrayList<>();
        events.forEach(e -> trail.add(e.get("kind").asText() + " " + e.get("detail").asText()));
        assertThat(trail).anyMatch(e -> e.startsWith("DELIVERY_DECISION") && e.contains("change vendor to Lingua Nova"))
                .anyMatch(e -> e.startsWith("DELIVERY_DECISION") && e.contains("ask Netflix for an extension: due " + due + " → " + later))
                .anyMatch(e -> e.startsWith("DELIVERY_DECISION") && e.contains("cancel the title's delivery — the licensor withdrew"))
                .anyMatch(e -> e.startsWith("DELIVERY_CANCELLED"));
    }

    private void rejectForMetadataAndResubmit(long deliveryId, String eventId) {
        qc(deliveryId, eventId, "REJECTED", "{\"category\": \"METADATA\", \"code\": \"MD-1\", \"note\": \"synopsis\"}");
        complete(task("fixMetadata"), Map.of("metadataNote", "fixed"));
        runJobs();
        complete(task("uploadToBacklot"), Map.of("uploaded", true));
    }

    @Test
    void withoutAnIntegrationCoordinatorsEnterTheSameOutcomesInTasklist() throws Exception {
        long deliveryId = deliveryId();
        complete(task("setUpBacklot"), Map.of("backlotTitleId", "81", "sourceRequests", "IMF package: SR-1"));
        runJobs();
        complete(task("orderImfPackage"), Map.of("postHouse", "Pixel Lab", "purchaseOrder", "PO-1"));
        Task receive = task("awaitPackage");
        assertThat(receive.getName()).startsWith("Receive IMF package: Delivery Title");
        assertThat((String) tasks.getVariableLocal(receive.getId(), "packageFindingsReport")).isEqualTo("None yet.");
        assertThatThrownBy(() -> complete(receive, Map.of())).hasMessageContaining("packageLocation");
        complete(receive, Map.of("packageLocation", TestPackages.hdSdrPackage(storage.resolve("imp")).toString()));
        for (Task t : tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("orderTrack").list()) complete(t, Map.of("vendor", "V"));
        for (Task t : tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("awaitTrack").list()) {
            String label = (String) tasks.getVariable(t.getId(), "trackLabel");
            String language = label.substring(label.lastIndexOf(' ') + 1);
            if (label.startsWith("Subtitles")) {
                complete(t, Map.of("trackFileLocation", TestPackages.cleanTimedText(storage.resolve(language + ".ttml"), language).toString()));
            } else {
                Path wav = Files.write(storage.resolve(language + ".wav"), new byte[] {1});
                complete(t, Map.of("trackFileLocation", wav.toString(), "trackDurationSeconds", TestPackages.COMPOSITION_SECONDS));
            }
        }
        runJobs();
        complete(task("uploadToBacklot"), Map.of("uploaded", true));

        Task qc = task("awaitQc");
        assertThat(qc.getName()).startsWith("Record Netflix QC result: Delivery Title");
        assertThatThrownBy(() -> complete(qc, Map.of("qcResult", "REJECTED", "qcItems", rows("{\"category\": \"SMELLY\"}"))))
                .hasMessageContaining("qcItems[0].category: 'SMELLY' is not a QC category");
        // an item must name one of the deal's own tracks, exactly: its dub is fr, not fr-FR; the same check for the event
        assertThat((String) tasks.getVariableLocal(qc.getId(), "qcTracks")).contains("`fr | DUB`", "`de | SUBTITLE`");
        Response wrongTrack = postJson("crm", "/api/deliveries/" + deliveryId + "/events", "{\"eventId\": \"" + unique("qc-wrong") + "\", "
                + "\"type\": \"QC_RESULT\", \"result\": \"REJECTED\", \"items\": [{\"category\": \"VIDEO\"}, "
                + "{\"category\": \"AUDIO_SYNC\", \"language\": \"fr-FR\", \"kind\": \"DUB\"}]}");
        assertThat(wrongTrack.status()).as(wrongTrack.toString()).isEqualTo(400);
        assertThat(wrongTrack.errorFields()).containsExactly("items[1]");
        assertThat(wrongTrack.body()).contains("names no track of this deal (DUB fr-FR");
        assertThat(count("SELECT count(*) FROM qc_item WHERE delivery_id = ?", deliveryId)).as("nothing recorded").isZero();
        // the form's list of rows: a track chosen from the deal's own tracks, each problem on its row's field
        assertThat((String) tasks.getVariableLocal(qc.getId(), "qcTrackChoices")).isEqualTo("DUB es-419,DUB fr,SUBTITLE de,SUBTITLE fr,SUBTITLE pt-BR");
        assertThatThrownBy(() -> complete(qc, Map.of("qcResult", "REJECTED")))
                .hasMessageContaining("qcItems: a rejection lists at least one item");
        assertThatThrownBy(() -> complete(qc, Map.of("qcResult", "REJECTED", "qcItems", rows("{\"category\": \"AUDIO_SYNC\", \"track\": \"DUB fr-FR\"}"))))
                .hasMessageContaining("qcItems[0].track: names no track of this deal (DUB fr-FR");
        assertThatThrownBy(() -> complete(qc, Map.of("qcResult", "REJECTED", "qcItems", rows("{\"category\": \"VIDEO\"}",
                "{\"category\": \"AUDIO_SYNC\", \"track\": \"SUBTITLE de\"}")))).hasMessageContaining("qcItems[1].track: AUDIO_SYNC is not about a SUBTITLE track");
        assertThatThrownBy(() -> complete(qc, Map.of("qcResult", "REJECTED", "qcItems", rows("{\"category\": \"SUBTITLES\", \"code\": \"SUB-1\"}"))))
                .hasMessageContaining("qcItems[0].track: SUBTITLES must name its track");
        assertThatThrownBy(() -> complete(qc, Map.of("qcResult", "REJECTED", "qcItems", rows("{\"category\": \"VIDEO\", \"timecode\": \"1:02\"}"))))
                .hasMessageContaining("qcItems[0].timecode: '1:02' is not a timecode (HH:MM:SS:FF)");
        assertThatThrownBy(() -> complete(qc, Map.of("qcResult", "REJECTED", "qcItems", rows("{\"note\": \"no category\"}"))))
                .hasMessageContaining("qcItems[0].category: choose its category");
        // in Tasklist (real HTTP, dave's session): the guard holds the rows to the list's own fields and their kinds, and
        // the list as Tasklist submits it (a Json variable) completes the task
        io.reelflow.support.WebappSession dave = io.reelflow.support.WebappSession.login(port, "dave", PASSWORD, "tasklist");
        for (String[] bad : new String[][] {
                {"[{\"category\": \"VIDEO\", \"trackId\": 4711}]", "qcItems[0].trackId: not a field of the list's rows"},
                {"[{\"category\": \"VIDEO\", \"code\": 7}]", "qcItems[0].code: expected a string"},
                {"[{\"category\": \"SMELLY\"}]", "qcItems[0].category: 'SMELLY' is not one of"},
                {"[{\"category\": \"AUDIO_SYNC\", \"track\": \"SUBTITLE de\"}]", "qcItems[0].track: AUDIO_SYNC is not about a SUBTITLE track"}}) {
            io.reelflow.support.WebappSession.Answer a = dave.engine("POST", "/task/" + qc.getId() + "/submit-form", submitted(bad[0]));
            assertThat(a.status()).as(bad[0] + ": " + a).isEqualTo(400);
            assertThat(a.body()).contains(bad[1]).doesNotContain("ENGINE-");
        }
        io.reelflow.support.WebappSession.Answer text = dave.engine("POST", "/task/" + qc.getId() + "/submit-form",
                "{\"variables\": {\"qcResult\": {\"value\": \"REJECTED\"}, \"qcItems\": {\"value\": \"VIDEO | x\"}}}");
        assertThat(text.status()).as(text.toString()).isEqualTo(400);
        assertThat(text.body()).contains("qcItems: expected a list (JSON array)");
        io.reelflow.support.WebappSession.Answer done = dave.engine("POST", "/task/" + qc.getId() + "/submit-form", submitted(
                "[{\"category\": \"SUBTITLES\", \"track\": \"SUBTITLE de\", \"code\": \"SUB-4\", \"timecode\": \"00:01:02:03\", \"note\": \"line too long\"}, "
                + "{\"category\": null, \"track\": null, \"code\": \"\", \"timecode\": \"\", \"note\": \"\"}]"));
        assertThat(done.status()).as(done.toString()).isIn(200, 204);
        assertThat(runtime.createVariableInstanceQuery().processInstanceIdIn(qc.getProcessInstanceId()).variableName("qcItems").count())
                .as("the rows are the event's record, not process data").isZero();
        runJobs();
        assertThat(get("dave", "/api/deliveries/" + deliveryId).json().get("openItems").get(0).get("routedTo").asText())
                .isEqualTo("vendor of Subtitles de");
        assertThat(count("SELECT count(*) FROM delivery_event WHERE delivery_id = ? AND event_id LIKE 'tasklist-%'", deliveryId)).isEqualTo(7);
    }

    @Test
    void aDubOutOfSyncWithThePictureGoesBackToItsVendorAtTheReadinessGate() throws Exception {
        long deliveryId = deliveryId();
        complete(task("setUpBacklot"), Map.of("backlotTitleId", "81", "sourceRequests", "IMF package: SR-1"));
        runJobs();
        complete(task("orderImfPackage"), Map.of("postHouse", "Pixel Lab", "purchaseOrder", "PO-1"));
        for (Task t : tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("orderTrack").list()) {
            complete(t, Map.of("vendor", "V", "purchaseOrder", "PO-T1"));
        }
        event(deliveryId, packageReady("pkg", TestPackages.hdSdrPackage(storage.resolve("imp"))));
        for (String lang : new String[] {"fr", "de", "pt-BR"}) deliverSubtitle(deliveryId, lang, "sub-" + lang);
        deliverDub(deliveryId, "fr", "dub-fr");
        Path dub = storage.resolve("long.wav");
        Files.write(dub, new byte[] {1});
        event(deliveryId, "{\"eventId\": \"dub-es-long-" + deal + "\", \"type\": \"TRACK_DELIVERED\", \"kind\": \"DUB\", \"language\": \"es-419\", "
                + "\"fileLocation\": \"" + dub + "\", \"durationSeconds\": 10.2}");
        runJobs();

        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("uploadToBacklot").count()).isZero();
        Task redo = tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("orderTrack").singleResult();
        assertThat(redo.getName()).startsWith("Order Dubbed audio es-419 (attempt 2): Delivery Title").endsWith(" — " + deal);
        assertThat(redo.getDescription()).startsWith("Order the track from a localization vendor");
        // the re-order says why, which attempt, what the vendor must deliver, and pre-fills the previous order
        Map<String, Object> shown = tasks.getVariablesLocal(redo.getId());
        assertThat((String) shown.get("orderContext")).contains("**Attempt 2**", "Why it is ordered again", "more than one frame",
                "**Previous order:** V, purchase order PO-T1");
        assertThat((String) shown.get("trackExpectations")).contains("language tag exactly `es-419`", "as long as the picture", "the picture lasts");
        assertThat(shown).containsEntry("vendor", "V").containsEntry("purchaseOrder", "PO-T1");
        complete(redo, Map.of("vendor", "Other Dubs", "purchaseOrder", "PO-T2"));
        Task receive = tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("awaitTrack").singleResult();
        assertThat(receive.getName()).startsWith("Receive Dubbed audio es-419 (attempt 2)");
        assertThat((String) tasks.getVariableLocal(receive.getId(), "orderContext")).contains("Ordered from Other Dubs, purchase order PO-T2");
        assertThat(get("dave", "/api/deliveries/" + deliveryId).json().get("tracks"))
                .anyMatch(t -> t.get("language").asText().equals("es-419") && t.get("findings").asText().contains("more than one frame"));
    }

    /** The rows of the QC form's list as Tasklist submits them: one Json variable. */
    private static org.camunda.spin.plugin.variable.value.JsonValue rows(String... rows) {
        return org.camunda.spin.plugin.variable.SpinValues.jsonValue("[" + String.join(", ", rows) + "]").create();
    }

    /** Tasklist's submission of the QC form: the result, and the list's rows as one Json variable. */
    private static String submitted(String rows) {
        return "{\"variables\": {\"qcResult\": {\"value\": \"REJECTED\"}, \"qcItems\": {\"type\": \"Json\", \"value\": "
                + new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(rows) + "}}}";
    }
}
