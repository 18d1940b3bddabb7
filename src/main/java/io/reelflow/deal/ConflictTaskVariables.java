package io.reelflow.deal;

import static io.reelflow.deal.DealLifecycleVariables.CONFLICT_DUE_DATE;
import static io.reelflow.deal.DealLifecycleVariables.RESOLUTION;
import static io.reelflow.deal.DealLifecycleVariables.RIGHTS_CLEAR;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * A check's outcome as the routing primitives the gateway reads; the conflicts themselves stay in deal_conflict and
 * are shown in the rights manager's form by {@code ${showConflicts}}.
 */
final class ConflictTaskVariables {

    private ConflictTaskVariables() {
    }

    static void expose(DelegateExecution execution, DealRightsService.CheckOutcome outcome, int dueDays) {
        // read by the gateway and the task's due date right after, in this transaction: no rows
        RIGHTS_CLEAR.setTransient(execution, outcome.clear());
        if (outcome.clear()) return;
        RESOLUTION.set(execution, null);
        CONFLICT_DUE_DATE.setTransient(execution, Date.from(Instant.now().plus(dueDays, ChronoUnit.DAYS)));
    }
}
