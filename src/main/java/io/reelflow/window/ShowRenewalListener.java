package io.reelflow.window;

import static io.reelflow.window.WindowWatchVariables.NEW_WINDOW_END;
import static io.reelflow.window.WindowWatchVariables.RENEWAL_NOTE;
import static io.reelflow.window.WindowWatchVariables.RENEWAL_SUMMARY;
import static io.reelflow.window.WindowWatchVariables.WINDOW_END_LABEL;

import io.reelflow.platform.BusinessKey;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code ${showRenewal}} ({@code window-watch}), when "Decide renewal" or "Renewal undecided" is created: the window's
 * last day and what is already sold after it, from the records, task-locally; the decision's fields start empty.
 */
@Component("showRenewal")
class ShowRenewalListener implements TaskListener {
    private final WindowDeals deals;
    private final WindowService windows;

    ShowRenewalListener(WindowDeals deals, WindowService windows) {
        this.deals = deals;
        this.windows = windows;
    }

    @Override
    public void notify(DelegateTask task) {
        String crmDealId = BusinessKey.of(task);
        WINDOW_END_LABEL.setLocal(task, windows.storedPlan(crmDealId).windowEndLabel());
        RENEWAL_SUMMARY.setLocal(task, deals.renewalSummary(crmDealId));
        if ("decideRenewal".equals(task.getTaskDefinitionKey())) {
            NEW_WINDOW_END.setLocal(task, "");
            RENEWAL_NOTE.setLocal(task, "");
        }
    }
}
