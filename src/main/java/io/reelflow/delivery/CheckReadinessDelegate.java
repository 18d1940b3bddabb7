package io.reelflow.delivery;

import io.reelflow.delivery.rules.ReadinessGate;
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
            ReadinessGate.Reorder again = ReadinessGate.reorder(id, deliveries.get(id).packageStatus(),
                    !deliveries.pendingTrackIds(id).isEmpty(), r.missing());
            NetflixDeliveryVariables.PACKAGE_NEEDED.set(e, again.packageNeeded());
            NetflixDeliveryVariables.TRACKS_PENDING.set(e, again.tracksPending());
            NetflixDeliveryVariables.METADATA_FIX_NEEDED.set(e, false);
        }
    }
}
