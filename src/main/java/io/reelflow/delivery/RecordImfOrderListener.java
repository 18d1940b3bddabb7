package io.reelflow.delivery;

import io.reelflow.platform.web.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

@Component("recordImfOrder")
class RecordImfOrderListener implements TaskListener {
    private final DeliveryService deliveries;
    private final ProcessDelivery processDelivery;

    RecordImfOrderListener(DeliveryService deliveries, ProcessDelivery processDelivery) {
        this.deliveries = deliveries;
        this.processDelivery = processDelivery;
    }

    @Override
    public void notify(DelegateTask task) {
        // a re-order pre-fills the previous order on the task: what was submitted wins, and none is left for the next round
        String postHouse = NetflixDeliveryVariables.POST_HOUSE.submitted(task);
        String purchaseOrder = NetflixDeliveryVariables.PURCHASE_ORDER.submitted(task);
        if (postHouse == null || postHouse.isBlank()) throw new InvalidInputException("postHouse", "the post house is required");
        if (purchaseOrder == null || purchaseOrder.isBlank()) throw new InvalidInputException("purchaseOrder", "the purchase order is required");
        deliveries.recordImfOrder(processDelivery.deliveryId(task), postHouse.strip(), purchaseOrder.strip());
        io.reelflow.platform.ProcessVariable.forget(task, NetflixDeliveryVariables.POST_HOUSE, NetflixDeliveryVariables.PURCHASE_ORDER);
    }
}
