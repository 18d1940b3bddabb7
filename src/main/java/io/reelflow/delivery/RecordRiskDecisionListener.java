package io.reelflow.delivery;

import io.reelflow.platform.web.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code ${recordRiskDecision}}, on completing "Delivery at risk": the manager's decision and why, recorded on the
 * delivery (changing vendor names the new one; an extension names the day asked for). The gateway routes on the
 * decision; the rest is the record's and is not kept in the process.
 */
@Component("recordRiskDecision")
class RecordRiskDecisionListener implements TaskListener {
    private final DeliveryService deliveries;
    private final ProcessDelivery processDelivery;

    RecordRiskDecisionListener(DeliveryService deliveries, ProcessDelivery processDelivery) {
        this.deliveries = deliveries;
        this.processDelivery = processDelivery;
    }

    @Override
    public void notify(DelegateTask task) {
        String choice = NetflixDeliveryVariables.RISK_DECISION.submitted(task);
        if (choice == null || choice.isBlank()) throw new InvalidInputException("riskDecision", "choose what happens now");
        DeliveryService.RiskDecision decision;
        try {
            decision = DeliveryService.RiskDecision.valueOf(choice.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("riskDecision", "'" + choice + "' is not one of RESUBMIT, CHANGE_VENDOR, EXTENSION, CANCEL");
        }
        String note = NetflixDeliveryVariables.RISK_NOTE.submitted(task);
        String vendor = decision == DeliveryService.RiskDecision.CHANGE_VENDOR ? NetflixDeliveryVariables.NEW_VENDOR.submitted(task) : null;
        java.time.LocalDate extended = decision == DeliveryService.RiskDecision.EXTENSION
                ? io.reelflow.platform.web.FormValues.date(NetflixDeliveryVariables.EXTENDED_DUE_DATE.submitted(task), "extendedDueDate", true) : null;
        deliveries.decideAtRisk(processDelivery.deliveryId(task), decision, note, vendor, extended, DeliveryDelegates.user(task),
                io.reelflow.platform.EngineClock.today());
        io.reelflow.platform.ProcessVariable.forget(task, NetflixDeliveryVariables.RISK_NOTE, NetflixDeliveryVariables.NEW_VENDOR,
                NetflixDeliveryVariables.EXTENDED_DUE_DATE);
        NetflixDeliveryVariables.RISK_DECISION.set(task.getExecution(), decision.name());
    }
}
