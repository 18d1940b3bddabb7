package io.reelflow.delivery;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

@Component("recordPackageReturn")
class RecordPackageReturnListener implements TaskListener {
    private final InspectionWaivers waivers;
    private final ProcessDelivery processDelivery;

    RecordPackageReturnListener(InspectionWaivers waivers, ProcessDelivery processDelivery) {
        this.waivers = waivers;
        this.processDelivery = processDelivery;
    }

    @Override
    public void notify(DelegateTask task) {
        DeliveryDelegates.returnOrAskWaiver(task, waivers, processDelivery.deliveryId(task), null, "post house");
    }
}
