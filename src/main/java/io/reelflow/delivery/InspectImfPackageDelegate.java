package io.reelflow.delivery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${inspectImfPackage}}: queues the inspection of the package the post house reported. */
@Component("inspectImfPackage")
class InspectImfPackageDelegate implements JavaDelegate {
    private final InspectionRequests requests;
    private final ProcessDelivery processDelivery;

    InspectImfPackageDelegate(InspectionRequests requests, ProcessDelivery processDelivery) {
        this.requests = requests;
        this.processDelivery = processDelivery;
    }

    @Override
    public void execute(DelegateExecution e) {
        long deliveryId = processDelivery.deliveryId(e);
        String eventId = processDelivery.checkedEvent(deliveryId, NetflixDeliveryVariables.PACKAGE_EVENT_ID.get(e));
        requests.requestPackage(e.getProcessBusinessKey(), deliveryId, eventId, e.getProcessInstanceId());
    }
}
