package io.reelflow.delivery;

import io.reelflow.platform.web.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

@Component("recordTrackOrder")
class RecordTrackOrderListener implements TaskListener {
    private final DeliveryService deliveries;
    private final ProcessDelivery processDelivery;

    RecordTrackOrderListener(DeliveryService deliveries, ProcessDelivery processDelivery) {
        this.deliveries = deliveries;
        this.processDelivery = processDelivery;
    }

    @Override
    public void notify(DelegateTask task) {
        // a re-order pre-fills the previous order on the task: what was submitted wins
        String vendor = LocalizationTrackVariables.VENDOR.submitted(task);
        String purchaseOrder = LocalizationTrackVariables.PURCHASE_ORDER.submitted(task);
        if (vendor == null || vendor.isBlank()) throw new InvalidInputException("vendor", "the vendor is required");
        deliveries.recordTrackOrder(processDelivery.track(task).id(), vendor.strip(),
                purchaseOrder == null || purchaseOrder.isBlank() ? null : purchaseOrder.strip());
        io.reelflow.platform.ProcessVariable.forget(task, LocalizationTrackVariables.VENDOR, LocalizationTrackVariables.PURCHASE_ORDER);
    }
}
