package io.reelflow.delivery;

import io.reelflow.delivery.InspectionRequests.Subject;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code ${showPackageFindings}} (create): the latest package inspection of the deal's delivery, for the form. */
@Component("showPackageFindings")
class ShowPackageFindingsListener implements TaskListener {
    private final InspectionRequests requests;
    private final ProcessDelivery processDelivery;

    ShowPackageFindingsListener(InspectionRequests requests, ProcessDelivery processDelivery) {
        this.requests = requests;
        this.processDelivery = processDelivery;
    }

    @Override
    public void notify(DelegateTask task) {
        long deliveryId = processDelivery.deliveryId(task);
        task.setVariableLocal(FindingsReport.PACKAGE_FINDINGS_REPORT, FindingsReport.report(requests.latest(Subject.PACKAGE, deliveryId, FindingsReport.SHOWN), deliveryId));
    }
}
