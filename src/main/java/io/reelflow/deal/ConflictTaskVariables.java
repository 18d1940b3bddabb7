package io.reelflow.deal;

import static io.reelflow.deal.DealLifecycleVariables.CARVE_OUT_TERRITORIES;
import static io.reelflow.deal.DealLifecycleVariables.CONFLICT_COUNT;
import static io.reelflow.deal.DealLifecycleVariables.CONFLICT_DUE_DATE;
import static io.reelflow.deal.DealLifecycleVariables.CONFLICT_SUMMARY;
import static io.reelflow.deal.DealLifecycleVariables.NEW_WINDOW_END;
import static io.reelflow.deal.DealLifecycleVariables.NEW_WINDOW_START;
import static io.reelflow.deal.DealLifecycleVariables.RESOLUTION;
import static io.reelflow.deal.DealLifecycleVariables.RESOLUTION_NOTE;
import static io.reelflow.deal.DealLifecycleVariables.RIGHTS_CLEAR;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Writes a check's outcome as the primitives the gateway and the rights manager's form read. */
final class ConflictTaskVariables {

    private ConflictTaskVariables() {
    }

    static void expose(DelegateExecution execution, DealRightsService.CheckOutcome outcome, int dueDays) {
        RIGHTS_CLEAR.set(execution, outcome.clear());
        CONFLICT_COUNT.set(execution, outcome.conflictCount());
        if (outcome.clear()) return;
        CONFLICT_SUMMARY.set(execution, outcome.summary());
        // pre-fill the form: carve out exactly the conflicting territories, or move the current window
        CARVE_OUT_TERRITORIES.set(execution, String.join(" ", outcome.conflictingTerritories()));
        NEW_WINDOW_START.set(execution, outcome.windowStart().toString());
        NEW_WINDOW_END.set(execution, outcome.windowEnd() == null ? "" : outcome.windowEnd().toString());
        RESOLUTION.set(execution, null);
        RESOLUTION_NOTE.set(execution, "");
        CONFLICT_DUE_DATE.set(execution, Date.from(Instant.now().plus(dueDays, ChronoUnit.DAYS)));
    }
}
