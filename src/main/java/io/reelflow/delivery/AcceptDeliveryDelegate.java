package io.reelflow.delivery;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Accepted by Netflix; the deal's lifecycle is told (payment milestones tied to delivery acceptance). */
@Component("acceptDelivery")
class AcceptDeliveryDelegate implements JavaDelegate {
    static final String MESSAGE = "deliveryAccepted";
    private final DeliveryService deliveries;
    private final RuntimeService runtime;
    private final ProcessDelivery processDelivery;

    AcceptDeliveryDelegate(DeliveryService deliveries, RuntimeService runtime, ProcessDelivery processDelivery) {
        this.deliveries = deliveries;
        this.runtime = runtime;
        this.processDelivery = processDelivery;
    }

    @Override
    public void execute(DelegateExecution e) {
        long id = processDelivery.deliveryId(e);
        deliveries.accept(id);
        // nobody may be listening yet (royalty milestones subscribe to it): correlating to none is fine
        runtime.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(e.getProcessBusinessKey()).correlateAllWithResult();
    }
}
