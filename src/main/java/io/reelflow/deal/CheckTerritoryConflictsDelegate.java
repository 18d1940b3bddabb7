package io.reelflow.deal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** {@code ${checkTerritoryConflicts}}: runs the conflict rules for the deal; repeatable. */
@Component("checkTerritoryConflicts")
public class CheckTerritoryConflictsDelegate implements JavaDelegate {

    private final DealRightsService dealRights;
    private final int dueDays;

    public CheckTerritoryConflictsDelegate(DealRightsService dealRights, @Value("${reelflow.conflict-task-due-days}") int dueDays) {
        this.dealRights = dealRights;
        this.dueDays = dueDays;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long dealId = (Long) execution.getVariable("dealId");
        ConflictTaskVariables.expose(execution, dealRights.check(dealId), dueDays);
    }
}
