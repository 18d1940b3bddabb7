package io.reelflow.delivery;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code ${recordPackageReceived}} */
@Component("recordPackageReceived")
class RecordPackageReceivedListener implements TaskListener {
    private final EventInbox inbox;
    private final ProcessDelivery processDelivery;
    private final DeliveryStorage storage;

    RecordPackageReceivedListener(EventInbox inbox, ProcessDelivery processDelivery, DeliveryStorage storage) {
        this.inbox = inbox;
        this.processDelivery = processDelivery;
        this.storage = storage;
    }

    @Override
    public void notify(DelegateTask task) {
        if (WaitTaskListeners.byEvent(task)) return;
        String location = DeliveryDelegates.required(task, NetflixDeliveryVariables.PACKAGE_LOCATION.name(),
                "the folder of the package on the delivery storage");
        // a typo is the coordinator's to fix, before anything is recorded against the post house
        storage.require(NetflixDeliveryVariables.PACKAGE_LOCATION.name(), location);
        String eventId = inbox.recordEntered(processDelivery.deliveryId(task), DeliveryEventRequest.Type.PACKAGE_READY, null,
                Map.of("type", "PACKAGE_READY", "packageLocation", location, "enteredBy", String.valueOf(task.getAssignee())), task.getId());
        NetflixDeliveryVariables.PACKAGE_EVENT_ID.set(task, eventId);
    }
}
