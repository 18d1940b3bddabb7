package io.reelflow.window;

import static io.reelflow.window.WindowWatchVariables.NEW_FEE_AMOUNT;
import static io.reelflow.window.WindowWatchVariables.NEW_WINDOW_END;
import static io.reelflow.window.WindowWatchVariables.RENEWAL_DECISION;
import static io.reelflow.window.WindowWatchVariables.RENEWAL_NOTE;

import io.reelflow.platform.BusinessKey;
import io.reelflow.platform.ProcessVariable;
import io.reelflow.platform.web.ConflictException;
import io.reelflow.platform.web.InvalidInputException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code ${applyRenewalDecision}} ({@code window-watch}), on completing "Decide renewal": bad input fails the
 * completion, naming the field.
 */
@Component("applyRenewalDecision")
class ApplyRenewalDecisionListener implements TaskListener {
    private final WindowDeals deals;

    ApplyRenewalDecisionListener(WindowDeals deals) {
        this.deals = deals;
    }

    @Override
    public void notify(DelegateTask task) {
        try {
            deals.decide(BusinessKey.of(task), RENEWAL_DECISION.submitted(task), NEW_WINDOW_END.submitted(task),
                    NEW_FEE_AMOUNT.submitted(task), RENEWAL_NOTE.submitted(task), task.getAssignee());
            // the decision is in the window's and the deal's records now (the new fee is money): none stays in the process
            ProcessVariable.forget(task, RENEWAL_DECISION, NEW_WINDOW_END, NEW_FEE_AMOUNT, RENEWAL_NOTE);
        } catch (InvalidInputException | ConflictException e) {
            String detail = e instanceof ConflictException c && !c.differences().isEmpty()
                    ? e.getMessage() + ": " + c.differences().get(0).reason() : e.getMessage();
            throw new ProcessEngineException(detail, e);
        }
    }
}
