package io.reelflow.royalty;

import io.reelflow.platform.process.TaskLabeller;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** Names the task of {@code royalty-statement}: the licensor and the period (its instance is an agreement's, not a deal's). */
@Component
public class RoyaltyTaskLabels implements TaskLabeller {

    @Override
    public Set<String> processes() {
        return Set.of(RoyaltyStatementVariables.PROCESS);
    }

    @Override
    public Map<String, String> descriptions() {
        return Map.of("issueStatement", "Check the statement of the period and issue it to the licensor.");
    }

    @Override
    public String name(DelegateTask task) {
        if (!"issueStatement".equals(task.getTaskDefinitionKey())) return null;
        return "Issue royalty statement: " + RoyaltyStatementVariables.LICENSOR.get(task) + " " + RoyaltyStatementVariables.PERIOD_LABEL.get(task);
    }
}
