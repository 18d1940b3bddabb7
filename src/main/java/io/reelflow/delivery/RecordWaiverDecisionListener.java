package io.reelflow.delivery;

import io.reelflow.platform.web.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code ${recordWaiverDecision}} (complete) on the waiver tasks: a manager waives (the package or track is
 * accepted as it is) or refuses, with a written reason, recorded on the delivery. The engine lets only managers
 * work the task; a user of another group is refused here too.
 */
@Component("recordWaiverDecision")
class RecordWaiverDecisionListener implements TaskListener {
    private final InspectionWaivers waivers;
    private final ProcessDelivery processDelivery;

    RecordWaiverDecisionListener(InspectionWaivers waivers, ProcessDelivery processDelivery) {
        this.waivers = waivers;
        this.processDelivery = processDelivery;
    }

    @Override
    public void notify(DelegateTask task) {
        org.camunda.bpm.engine.impl.identity.Authentication who = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (who != null && who.getGroupIds() != null && !who.getGroupIds().contains(io.reelflow.platform.security.Roles.MANAGERS)
                && !who.getGroupIds().contains(io.reelflow.platform.security.Roles.ADMINS)) {
            throw new InvalidInputException("waiverDecision", "only a manager may waive inspection findings");
        }
        String decision = NetflixDeliveryVariables.WAIVER_DECISION.submitted(task);
        if (decision == null || decision.isBlank()) throw new InvalidInputException("waiverDecision", "choose WAIVE or REFUSE");
        decision = decision.strip();
        if (!decision.equals("WAIVE") && !decision.equals("REFUSE")) {
            throw new InvalidInputException("waiverDecision", "'" + decision + "' is not WAIVE or REFUSE");
        }
        long deliveryId = processDelivery.deliveryId(task);
        Long trackId = "waiveTrackFindings".equals(task.getTaskDefinitionKey()) ? processDelivery.track(task).id() : null;
        waivers.decide(deliveryId, trackId, decision.equals("WAIVE"), NetflixDeliveryVariables.WAIVER_NOTE.submitted(task), DeliveryDelegates.user(task));
        io.reelflow.platform.ProcessVariable.forget(task, NetflixDeliveryVariables.WAIVER_NOTE);
        NetflixDeliveryVariables.WAIVER_DECISION.set(task.getExecution(), decision);
    }
}
