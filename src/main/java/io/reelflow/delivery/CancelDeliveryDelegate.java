package io.reelflow.delivery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${cancelDelivery}}: the title's delivery cancelled as decided; the instance then ends. */
@Component("cancelDelivery")
class CancelDeliveryDelegate implements JavaDelegate {
    private final DeliveryService deliveries;
    private final ProcessDelivery processDelivery;

    CancelDeliveryDelegate(DeliveryService deliveries, ProcessDelivery processDelivery) {
        this.deliveries = deliveries;
        this.processDelivery = processDelivery;
    }

    @Override
    public void execute(DelegateExecution e) {
        deliveries.cancel(processDelivery.deliveryId(e));
    }
}
