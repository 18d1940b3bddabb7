package io.reelflow.deal;

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

    public ApplyConflictResolutionListener(DealRightsService dealRights) {
        this.dealRights = dealRights;
    }

    @Override
    public void notify(DelegateTask task) {
        try {
            dealRights.resolve((Long) task.getVariable("dealId"), string(task, "resolution"), string(task, "carveOutTerritories"),
                    string(task, "newWindowStart"), string(task, "newWindowEnd"), string(task, "resolutionNote"), task.getAssignee());
        } catch (InvalidInputException e) {
            throw new ProcessEngineException(e.getMessage(), e);
        }
    }

    private static String string(DelegateTask task, String name) {
        Object value = task.getVariable(name);
        return value == null ? null : value.toString();
    }
}
