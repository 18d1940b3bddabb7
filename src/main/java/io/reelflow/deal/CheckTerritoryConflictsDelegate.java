package io.reelflow.deal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** {@code ${checkTerritoryConflicts}}: runs the conflict rules for the deal; repeatable. */
@Component("checkTerritoryConflicts")
public class CheckTerritoryConflictsDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(CheckTerritoryConflictsDelegate.class);

    private final DealRightsService dealRights;
    private final int dueDays;
    private final ProcessDeal processDeal;

    public CheckTerritoryConflictsDelegate(DealRightsService dealRights, ProcessDeal processDeal,
                                   @Value("${reelflow.conflict-task-due-days}") int dueDays) {
        this.dealRights = dealRights;
        this.processDeal = processDeal;
        this.dueDays = dueDays;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long dealId = processDeal.dealId(execution);
        DealRightsService.CheckOutcome outcome = dealRights.check(dealId);
        // the engine puts the business key (CRM deal id) into the log context: the line names the deal
        if (outcome.clear()) log.info("Rights check: no conflict");
        else log.info("Rights check: {} conflicts in {}", outcome.conflictCount(), outcome.conflictingTerritories());
        ConflictTaskVariables.expose(execution, outcome, dueDays);
    }
}
