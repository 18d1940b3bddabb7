package io.reelflow.delivery;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code ${showWaiverRequest}} (create) on the waiver tasks: who asked and why, for the manager. */
@Component("showWaiverRequest")
class ShowWaiverRequestListener implements TaskListener {
    private final InspectionWaivers waivers;
    private final ProcessDelivery processDelivery;

    ShowWaiverRequestListener(InspectionWaivers waivers, ProcessDelivery processDelivery) {
        this.waivers = waivers;
        this.processDelivery = processDelivery;
    }

    @Override
    public void notify(DelegateTask task) {
        long deliveryId = processDelivery.deliveryId(task);
        Long trackId = "waiveTrackFindings".equals(task.getTaskDefinitionKey()) ? processDelivery.track(task).id() : null;
        NetflixDeliveryVariables.WAIVER_ASKED.setLocal(task, waivers.pending(deliveryId, trackId)
                .map(w -> (w.requestedBy() == null ? "The coordinator" : "**" + w.requestedBy() + "**") + ": "
                        + FindingsReport.escape(w.requestedNote()))
                .orElse("No waiver is waiting: refuse it."));
    }
}
