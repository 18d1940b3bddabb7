package io.reelflow.delivery;

import io.reelflow.platform.web.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** On completing the upload task: submission n (the attempt counter). */
@Component("markSubmitted")
class MarkSubmittedListener implements TaskListener {
    private final DeliveryService deliveries;
    private final ProcessDelivery processDelivery;

    MarkSubmittedListener(DeliveryService deliveries, ProcessDelivery processDelivery) {
        this.deliveries = deliveries;
        this.processDelivery = processDelivery;
    }

    @Override
    public void notify(DelegateTask task) {
        if (!Boolean.TRUE.equals(task.getVariable(NetflixDeliveryVariables.UPLOADED.name()))) {
            throw new InvalidInputException("uploaded", "confirm that everything on the checklist is uploaded");
        }
        int attempt = deliveries.submitted(processDelivery.deliveryId(task));
        NetflixDeliveryVariables.ATTEMPT.set(task, attempt);
    }
}
