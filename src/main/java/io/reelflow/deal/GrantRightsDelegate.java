package io.reelflow.deal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** {@code ${grantRights}}: records the grants; when another deal won the race, reports the conflicts instead. */
@Component("grantRights")
public class GrantRightsDelegate implements JavaDelegate {

    private final DealRightsService dealRights;
    private final int dueDays;
    private final ProcessDeal processDeal;

    public GrantRightsDelegate(DealRightsService dealRights, ProcessDeal processDeal,
                                   @Value("${reelflow.conflict-task-due-days}") int dueDays) {
        this.dealRights = dealRights;
        this.processDeal = processDeal;
        this.dueDays = dueDays;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long dealId = processDeal.dealId(execution);
        DealRightsService.CheckOutcome outcome = dealRights.grant(dealId);
        DealLifecycleVariables.RIGHTS_GRANTED.setTransient(execution, outcome.clear());
        ConflictTaskVariables.expose(execution, outcome, dueDays);
    }
}
