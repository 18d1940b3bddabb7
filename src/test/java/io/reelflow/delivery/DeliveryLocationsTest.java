package io.reelflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelflow.inspection.TestPackages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/** Locations in delivery events and in the Receive tasks: on the delivery storage, at intake and again when inspected. */
class DeliveryLocationsTest extends DeliveryTestSupport {

    private void ordered() {
        complete(task("setUpBacklot"), Map.of("backlotTitleId", "81", "sourceRequests", "IMF package: SR-1"));
        runJobs();
        complete(task("orderImfPackage"), Map.of("postHouse", "Pixel Lab", "purchaseOrder", "PO-1"));
    }

    @Test
    void locationsOffTheStorageAreRefusedAlikeWhetherTheyExistOrNot() throws Exception {
        long deliveryId = deliveryId();
        Path outside = Files.createTempDirectory("reelflow-outside");
        Files.writeString(outside.resolve("secret.txt"), "s");
        Files.createSymbolicLink(storage.resolve("escape"), outside);
        Path real = Files.createDirectories(storage.resolve("imp"));
        // each answer says what to fix; whether something exists outside the storage (or behind a link out of it) is never told:
        // off the storage is said from the path alone, a link out is answered as a missing file
        Map<String, String[]> alike = Map.of(
                "is outside the delivery storage", new String[] {"/etc", "/proc/self/environ", "/no/such/dir", outside.toString(),
                        outside.resolve("secret.txt").toString(), outside.resolve("nothing.txt").toString()},
                "does not exist on the delivery storage", new String[] {storage.resolve("escape").toString(),
                        storage.resolve("escape/secret.txt").toString(), storage.resolve("nowhere").toString()},
                "contains '..'", new String[] {real + "/../imp"},
                "is not an absolute path", new String[] {"imp"});
        for (Map.Entry<String, String[]> group : alike.entrySet()) {
            String first = null;
            for (String location : group.getValue()) {
                Response r = postJson("crm", "/api/deliveries/" + deliveryId + "/events", packageReady(unique("loc"), Path.of(location)));
                assertThat(r.status()).as(location + ": " + r).isEqualTo(400);
                assertThat(r.errorFields()).containsExactly("packageLocation");
                String answer = (r.json().get("errors").toString() + r.json().get("detail")).replace(Path.of(location).toString(), "<location>");
                assertThat(answer).as(location).contains(group.getKey());
                if (first == null) first = answer;
                assertThat(answer).as("the same answer for " + location).isEqualTo(first);
            }
        }
        Response track = postJson("crm", "/api/deliveries/" + deliveryId + "/events", "{\"eventId\": \"" + unique("trk") + "\", \"type\": "
                + "\"TRACK_DELIVERED\", \"kind\": \"SUBTITLE\", \"language\": \"fr\", \"fileLocation\": \"" + outside.resolve("secret.txt") + "\"}");
        assertThat(track.status()).isEqualTo(400);
        assertThat(track.errorFields()).containsExactly("fileLocation");
        assertThat(count("SELECT count(*) FROM delivery_event WHERE delivery_id = ?", deliveryId)).isZero();

        ordered();
        Task receive = task("awaitPackage");
        assertThatThrownBy(() -> complete(receive, Map.of("packageLocation", "/etc"))).hasMessageContaining("packageLocation")
                .hasMessageContaining("delivery storage");
        assertThat(count("SELECT count(*) FROM delivery_event WHERE delivery_id = ?", deliveryId)).isZero();
    }

    @Test
    void aPackageSwappedForALinkOutOfTheStorageBeforeItsInspectionIsNotRead() throws Exception {
        long deliveryId = deliveryId();
        ordered();
        Path imp = TestPackages.hdSdrPackage(storage.resolve("imp"));
        Path outside = TestPackages.hdSdrPackage(Files.createTempDirectory("reelflow-outside").resolve("imp"));
        event(deliveryId, packageReady("pkg-swapped", imp));
        // swapped after the event was accepted, before the inspection runs
        try (var files = Files.walk(imp)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Files.createSymbolicLink(imp, outside);
        runJobs();

        Task back = task("returnImfPackage");
        assertThat((String) tasks.getVariableLocal(back.getId(), FindingsReport.PACKAGE_FINDINGS_REPORT))
                .contains("LOCATION_NOT_ON_STORAGE", "nothing was inspected");
        var d = get("dave", "/api/deliveries/" + deliveryId).json();
        assertThat(d.get("packageStatus").asText()).isEqualTo("FAILED");
        assertThat(d.get("packageInspection").get("findings")).hasSize(1);
    }

    @Test
    void anInspectionActsOnlyOnItsOwnDealsDeliveryWhateverTheVariablesSay() throws Exception {
        long deliveryId = deliveryId();
        long otherTitle = createTitle(unique("Other"), "en");
        createRightsIn(otherTitle, "[\"FR\"]", "[\"SVOD\"]", "2026-01-01", "2035-12-31", true);
        String other = unique("OTHER");
        assertThat(postJson("crm", "/api/deals", dealJson(other, otherTitle, "[\"FR\"]", "2027-01-01", "2027-12-31")).status()).isEqualTo(201);
        runJobs();
        long otherDelivery = get("dave", "/api/deliveries?crmDealId=" + other).json().get(0).get("id").asLong();
        ordered();

        event(deliveryId, packageReady("pkg-own", TestPackages.hdSdrPackage(storage.resolve("imp"))));
        String pid = runtime.createProcessInstanceQuery().processInstanceBusinessKey(deal).processDefinitionKey("netflix-delivery")
                .singleResult().getId();
        var job = management.createJobQuery().processInstanceId(pid).activityId("inspectImfPackage").singleResult();
        // whoever could write process variables points the inspection at another deal's title: refused, nothing done
        runtime.setVariable(job.getProcessInstanceId(), "titleId", otherTitle);
        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("deal " + deal + " has no delivery of title " + otherTitle);
        assertThat(count("SELECT count(*) FROM inspection_request WHERE delivery_id = ?", otherDelivery)).isZero();
        assertThat(get("dave", "/api/deliveries/" + otherDelivery).json().get("packageStatus").asText()).isEqualTo("NOT_ORDERED");

        // another deal's delivery id is not even read: the delivery comes from the deal and the title
        runtime.setVariable(job.getProcessInstanceId(), "titleId", titleId);
        runtime.setVariable(job.getProcessInstanceId(), "deliveryId", otherDelivery);
        management.executeJob(job.getId());
        runJobs();
        assertThat(count("SELECT count(*) FROM inspection_request WHERE delivery_id = ?", otherDelivery)).isZero();
        assertThat(get("dave", "/api/deliveries/" + otherDelivery).json().get("packageStatus").asText()).isEqualTo("NOT_ORDERED");
        assertThat(get("dave", "/api/deliveries/" + deliveryId).json().get("packageStatus").asText()).isEqualTo("ACCEPTED");
    }
}
