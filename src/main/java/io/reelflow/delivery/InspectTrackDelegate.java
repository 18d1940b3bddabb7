package io.reelflow.delivery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${inspectTrack}}: queues the check of the track file the vendor reported. */
@Component("inspectTrack")
class InspectTrackDelegate implements JavaDelegate {
    private final InspectionRequests requests;
    private final ProcessDelivery processDelivery;

    InspectTrackDelegate(InspectionRequests requests, ProcessDelivery processDelivery) {
        this.requests = requests;
        this.processDelivery = processDelivery;
    }

    @Override
    public void execute(DelegateExecution e) {
        DeliveryService.Track track = processDelivery.track(e);
        String eventId = processDelivery.checkedEvent(track.deliveryId(), LocalizationTrackVariables.TRACK_EVENT_ID.get(e));
        requests.requestTrack(e.getProcessBusinessKey(), track.id(), eventId, e.getProcessInstanceId());
    }
}
