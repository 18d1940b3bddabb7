package io.reelflow.delivery;

import io.reelflow.delivery.InspectionRequests.Subject;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code ${showTrackFindings}} (create): the latest check of the deal's track, for the form. */
@Component("showTrackFindings")
class ShowTrackFindingsListener implements TaskListener {
    private final InspectionRequests requests;
    private final ProcessDelivery processDelivery;

    ShowTrackFindingsListener(InspectionRequests requests, ProcessDelivery processDelivery) {
        this.requests = requests;
        this.processDelivery = processDelivery;
    }

    @Override
    public void notify(DelegateTask task) {
        DeliveryService.Track t = processDelivery.track(task);
        task.setVariableLocal(FindingsReport.TRACK_FINDINGS_REPORT, FindingsReport.report(requests.latest(Subject.TRACK, t.id(), FindingsReport.SHOWN), t.deliveryId()));
    }
}
