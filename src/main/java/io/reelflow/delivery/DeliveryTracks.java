package io.reelflow.delivery;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * {@code ${deliveryTracks}}: the multi-instance collection ({@code pending(execution)}) and the track labels of
 * task names ({@code label(execution)}, on the multi-instance execution holding {@code trackId}).
 */
@Component("deliveryTracks")
public class DeliveryTracks {
    private final DeliveryService deliveries;
    private final ProcessDelivery processDelivery;

    DeliveryTracks(DeliveryService deliveries, ProcessDelivery processDelivery) {
        this.deliveries = deliveries;
        this.processDelivery = processDelivery;
    }

    public List<Long> pending(DelegateExecution execution) {
        return deliveries.pendingTrackIds(processDelivery.deliveryId(execution));
    }

    public String label(DelegateExecution execution) {
        return processDelivery.track(execution).label();
    }
}
