package io.reelflow.delivery;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** {@code ${deliveryTimers}}: the delivery's configured escalation periods, read by the model's timers. */
@Component("deliveryTimers")
public class DeliveryTimers {

    private final String qcEscalation;

    DeliveryTimers(@Value("${reelflow.delivery.qc-escalation:P10D}") String qcEscalation) {
        this.qcEscalation = qcEscalation;
    }

    /** How long Netflix's QC may take before a manager is asked (an ISO-8601 duration). */
    public String qcEscalation() {
        return qcEscalation;
    }
}
