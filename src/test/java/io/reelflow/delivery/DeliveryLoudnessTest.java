package io.reelflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.inspection.TestPackages;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * The delivery inspection meters PCM audio: a dub delivered as an IMF audio track file whose true peak passes
 * −2 dBTP goes back to its vendor with the finding in the coordinator's form, as every other finding does; one
 * within Netflix's targets is accepted with its loudness in the delivery's record.
 */
class DeliveryLoudnessTest extends DeliveryTestSupport {

    private void orderTracks() {
        complete(task("setUpBacklot"), Map.of("backlotTitleId", "81", "sourceRequests", "IMF package: SR-1"));
        runJobs();
        for (Task t : tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("orderTrack").list()) {
            complete(t, Map.of("vendor", "Babel Studio"));
        }
    }

    private String dubAsTrackFile(String eventId, Path file) {
        return "{\"eventId\": \"" + eventId + "-" + deal + "\", \"type\": \"TRACK_DELIVERED\", \"kind\": \"DUB\", \"language\": \"fr\", "
                + "\"fileLocation\": \"" + file + "\", \"durationSeconds\": " + TestPackages.COMPOSITION_SECONDS + "}";
    }

    @Test
    void aDubThatClipsGoesBackToItsVendorWithTheTruePeakFinding() throws Exception {
        long deliveryId = deliveryId();
        orderTracks();
        // 5.1 at −1 dBFS on every channel: the true peak is above −2 dBTP
        Path loud = TestPackages.pcmAudioTrackFile(storage.resolve("dubs/fr-loud.mxf"), -1.0, 10, true);
        event(deliveryId, dubAsTrackFile("dub-fr-loud", loud));
        runJobs();

        Task back = tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("returnTrack").singleResult();
        assertThat(back).isNotNull();
        String report = (String) tasks.getVariableLocal(back.getId(), "trackFindingsReport");
        assertThat(report).contains("TRUE_PEAK_TOO_HIGH", "dBTP");
    }

    @Test
    void aDubWithinTheTargetsIsAcceptedAndItsLoudnessIsOnRecord() throws Exception {
        long deliveryId = deliveryId();
        orderTracks();
        // a 1 kHz tone at −21 dBFS on the centre: −24 LKFS full-programme, true peak −21 dBTP, no dialogue to gate on
        Path fine = TestPackages.pcmAudioTrackFile(storage.resolve("dubs/fr-fine.mxf"), -21.0, 10, false);
        event(deliveryId, dubAsTrackFile("dub-fr-fine", fine));
        runJobs();

        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(deal).taskDefinitionKey("returnTrack").count()).isZero();
        String delivery = get("dave", "/api/deliveries/" + deliveryId).body();
        assertThat(delivery).contains("LKFS integrated", "true peak");
    }
}
