package io.reelflow.deal;

import static io.reelflow.deal.DealLifecycleVariables.CARVE_OUT_TERRITORIES;
import static io.reelflow.deal.DealLifecycleVariables.NEW_WINDOW_END;
import static io.reelflow.deal.DealLifecycleVariables.NEW_WINDOW_START;
import static io.reelflow.deal.DealLifecycleVariables.RESOLUTION;
import static io.reelflow.deal.DealLifecycleVariables.RESOLUTION_NOTE;

import io.reelflow.platform.ProcessVariable;
import io.reelflow.platform.web.InvalidInputException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code ${applyConflictResolution}}, on completing "Resolve rights conflict": applies the rights
 * manager's decision in the same transaction. Bad input fails the completion with a message naming
 * the field, so Tasklist shows it and the task stays open, unchanged.
 */
@Component("applyConflictResolution")
public class ApplyConflictResolutionListener implements TaskListener {

    private final DealRightsService dealRights;
    private final ProcessDeal processDeal;

    public ApplyConflictResolutionListener(DealRightsService dealRights, ProcessDeal processDeal) {
        this.dealRights = dealRights;
        this.processDeal = processDeal;
    }

    @Override
    public void notify(DelegateTask task) {
        try {
            // the deal is the instance's business key, never a variable the form (or a caller) could write
            dealRights.resolve(processDeal.dealId(task), RESOLUTION.text(task), CARVE_OUT_TERRITORIES.submitted(task),
                    NEW_WINDOW_START.submitted(task), NEW_WINDOW_END.submitted(task), RESOLUTION_NOTE.submitted(task), task.getAssignee());
            // the decision is in the deal's records; only the routing decision (resolution) stays in the process
            ProcessVariable.forget(task, CARVE_OUT_TERRITORIES, NEW_WINDOW_START, NEW_WINDOW_END, RESOLUTION_NOTE);
        } catch (InvalidInputException e) {
            throw new ProcessEngineException(e.getMessage(), e);
        }
    }
}
