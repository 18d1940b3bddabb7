package io.reelflow.delivery;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${recordQcResult}}: Netflix's QC result (received as an event or entered in Tasklist) recorded on the delivery; routing flags for what goes back to whom. */
@Component("recordQcResult")
class RecordQcResultDelegate implements JavaDelegate {
    private final DeliveryService deliveries;
    private final ProcessDelivery processDelivery;

    RecordQcResultDelegate(DeliveryService deliveries, ProcessDelivery processDelivery) {
        this.deliveries = deliveries;
        this.processDelivery = processDelivery;
    }

    @Override
    public void execute(DelegateExecution e) {
        long id = processDelivery.deliveryId(e);
        // the event must be one received for this delivery: another's QC result is never read into it
        String eventId = processDelivery.checkedEvent(id, NetflixDeliveryVariables.QC_EVENT_ID.get(e));
        DeliveryService.QcOutcome o = deliveries.recordQc(id, eventId);
        NetflixDeliveryVariables.QC_ACCEPTED.set(e, o.accepted());
        NetflixDeliveryVariables.AT_RISK.set(e, o.atRisk());
        NetflixDeliveryVariables.REJECTIONS.set(e, o.rejections());
        NetflixDeliveryVariables.PACKAGE_NEEDED.set(e, o.packageRework());
        NetflixDeliveryVariables.TRACKS_PENDING.set(e, o.tracksRework());
        NetflixDeliveryVariables.METADATA_FIX_NEEDED.set(e, o.metadataFix());
    }
}
