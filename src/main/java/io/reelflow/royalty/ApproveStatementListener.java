package io.reelflow.royalty;

import io.reelflow.platform.web.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code ${approveStatement}}: finance must confirm before the statement is frozen. */
@Component("approveStatement")
class ApproveStatementListener implements TaskListener {
    @Override
    public void notify(DelegateTask task) {
        if (!Boolean.TRUE.equals(task.getVariable(RoyaltyStatementVariables.CONFIRM_ISSUE.name()))) {
            throw new InvalidInputException(RoyaltyStatementVariables.CONFIRM_ISSUE.name(), "tick it to issue the "
                    + RoyaltyStatementVariables.PERIOD_LABEL.get(task) + " statement; an issued statement is final");
        }
        RoyaltyStatementVariables.STATEMENT_ISSUED_BY.set(task.getExecution(), task.getAssignee() == null ? "finance" : task.getAssignee());
    }
}
