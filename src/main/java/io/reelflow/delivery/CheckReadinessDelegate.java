package io.reelflow.delivery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

@Component("checkReadiness")
class CheckReadinessDelegate implements JavaDelegate {
    private final DeliveryService deliveries;
    private final ProcessDelivery processDelivery;

    CheckReadinessDelegate(DeliveryService deliveries, ProcessDelivery processDelivery) {
        this.deliveries = deliveries;
        this.processDelivery = processDelivery;
    }

    @Override
    public void execute(DelegateExecution e) {
        long id = processDelivery.deliveryId(e);
        DeliveryService.Readiness r = deliveries.readiness(id);
        NetflixDeliveryVariables.READY.set(e, r.ready());
        NetflixDeliveryVariables.UPLOADED.set(e, false);
        if (!r.ready()) {
            // what is missing is ordered again: the package if it is not accepted, tracks sent back
            DeliveryService.Delivery d = deliveries.get(id);
            boolean packageNeeded = !"ACCEPTED".equals(d.packageStatus());
            boolean tracksPending = !deliveries.pendingTrackIds(id).isEmpty();
            if (!packageNeeded && !tracksPending) {
                // nothing to order again would loop for ever: stop here with an incident that says why
                throw new IllegalStateException("delivery " + id + " is not complete and nothing can be re-ordered: " + r.missing());
            }
            NetflixDeliveryVariables.PACKAGE_NEEDED.set(e, packageNeeded);
            NetflixDeliveryVariables.TRACKS_PENDING.set(e, tracksPending);
            NetflixDeliveryVariables.METADATA_FIX_NEEDED.set(e, false);
        }
    }
}
