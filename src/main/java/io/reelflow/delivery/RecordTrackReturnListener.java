package io.reelflow.delivery;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

@Component("recordTrackReturn")
class RecordTrackReturnListener implements TaskListener {
    private final InspectionWaivers waivers;
    private final ProcessDelivery processDelivery;

    RecordTrackReturnListener(InspectionWaivers waivers, ProcessDelivery processDelivery) {
        this.waivers = waivers;
        this.processDelivery = processDelivery;
    }

    @Override
    public void notify(DelegateTask task) {
        DeliveryService.Track t = processDelivery.track(task);
        DeliveryDelegates.returnOrAskWaiver(task, waivers, t.deliveryId(), t.id(), "vendor");
    }
}
