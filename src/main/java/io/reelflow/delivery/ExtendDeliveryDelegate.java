package io.reelflow.delivery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${extendDelivery}}: the extension decided on the delivery moves its due day, and every later task's. */
@Component("extendDelivery")
class ExtendDeliveryDelegate implements JavaDelegate {
    private final DeliveryService deliveries;
    private final ProcessDelivery processDelivery;

    ExtendDeliveryDelegate(DeliveryService deliveries, ProcessDelivery processDelivery) {
        this.deliveries = deliveries;
        this.processDelivery = processDelivery;
    }

    @Override
    public void execute(DelegateExecution e) {
        java.time.LocalDate due = deliveries.extend(processDelivery.deliveryId(e));
        NetflixDeliveryVariables.DELIVERY_DUE.set(e, io.reelflow.platform.EngineClock.startOf(due));
    }
}
