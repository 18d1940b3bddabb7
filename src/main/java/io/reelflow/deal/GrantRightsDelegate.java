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

    public GrantRightsDelegate(DealRightsService dealRights, @Value("${reelflow.conflict-task-due-days}") int dueDays) {
        this.dealRights = dealRights;
        this.dueDays = dueDays;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long dealId = (Long) execution.getVariable("dealId");
        DealRightsService.CheckOutcome outcome = dealRights.grant(dealId);
        execution.setVariable("rightsGranted", outcome.clear());
        ConflictTaskVariables.expose(execution, outcome, dueDays);
    }
}
