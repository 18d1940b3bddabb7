package io.reelflow.delivery;

import io.reelflow.platform.web.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

@Component("recordBacklotSetup")
class RecordBacklotSetupListener implements TaskListener {
    private final DeliveryService deliveries;
    private final ProcessDelivery processDelivery;

    RecordBacklotSetupListener(DeliveryService deliveries, ProcessDelivery processDelivery) {
        this.deliveries = deliveries;
        this.processDelivery = processDelivery;
    }

    @Override
    public void notify(DelegateTask task) {
        String backlotId = DeliveryDelegates.required(task, NetflixDeliveryVariables.BACKLOT_TITLE_ID.name(), "the Backlot title id");
        if (!backlotId.matches("[A-Za-z0-9._:-]{1,64}")) throw new InvalidInputException("backlotTitleId", "'" + backlotId + "' is not a Backlot title id (letters, digits, . _ : -)");
        // pre-filled task-locally by ${showDelivery}: read as submitted, then not kept in the process
        String requests = NetflixDeliveryVariables.SOURCE_REQUESTS.submitted(task);
        if (requests == null || requests.isBlank()) throw new InvalidInputException("sourceRequests", "one source request per asset is required");
        for (String line : requests.split("\\R")) {
            if (line.isBlank()) continue;
            int colon = line.indexOf(':');
            if (colon < 0 || line.substring(colon + 1).isBlank()) {
                throw new InvalidInputException("sourceRequests", "'" + line.strip() + "' has no source request id after ':'");
            }
        }
        long deliveryId = processDelivery.deliveryId(task);
        deliveries.recordBacklotSetup(deliveryId, backlotId, requests.strip());
        io.reelflow.platform.ProcessVariable.forget(task, NetflixDeliveryVariables.SOURCE_REQUESTS);
        // the first round of "Prepare assets", reached in this transaction: the package and every track to order
        NetflixDeliveryVariables.PACKAGE_NEEDED.setTransient(task.getExecution(), true);
        NetflixDeliveryVariables.TRACKS_PENDING.setTransient(task.getExecution(), !deliveries.pendingTrackIds(deliveryId).isEmpty());
        NetflixDeliveryVariables.METADATA_FIX_NEEDED.setTransient(task.getExecution(), false);
    }
}
