package io.reelflow.deal;

import static io.reelflow.deal.DealLifecycleVariables.CARVE_OUT_TERRITORIES;
import static io.reelflow.deal.DealLifecycleVariables.CONFLICT_COUNT;
import static io.reelflow.deal.DealLifecycleVariables.CONFLICT_SUMMARY;
import static io.reelflow.deal.DealLifecycleVariables.NEW_WINDOW_END;
import static io.reelflow.deal.DealLifecycleVariables.NEW_WINDOW_START;
import static io.reelflow.deal.DealLifecycleVariables.RESOLUTION_NOTE;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code ${showConflicts}}, when "Resolve rights conflict" is created: the recorded conflicts, and the form's
 * defaults (carve out exactly the conflicting territories, or move the current window), as task-local variables.
 */
@Component("showConflicts")
class ShowConflictsListener implements TaskListener {
    private final DealRightsService dealRights;
    private final ProcessDeal processDeal;

    ShowConflictsListener(DealRightsService dealRights, ProcessDeal processDeal) {
        this.dealRights = dealRights;
        this.processDeal = processDeal;
    }

    @Override
    public void notify(DelegateTask task) {
        DealRightsService.CheckOutcome outcome = dealRights.recorded(processDeal.dealId(task));
        CONFLICT_SUMMARY.setLocal(task, outcome.summary());
        CONFLICT_COUNT.setLocal(task, outcome.conflictCount());
        CARVE_OUT_TERRITORIES.setLocal(task, String.join(" ", outcome.conflictingTerritories()));
        NEW_WINDOW_START.setLocal(task, outcome.windowStart().toString());
        NEW_WINDOW_END.setLocal(task, outcome.windowEnd() == null ? "" : outcome.windowEnd().toString());
        RESOLUTION_NOTE.setLocal(task, "");
    }
}
