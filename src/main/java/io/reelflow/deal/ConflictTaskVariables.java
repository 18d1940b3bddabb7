package io.reelflow.deal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Writes a check's outcome as the primitives the gateway and the rights manager's form read. */
final class ConflictTaskVariables {

    private ConflictTaskVariables() {
    }

    static void expose(DelegateExecution execution, DealRightsService.CheckOutcome outcome, int dueDays) {
        execution.setVariable("rightsClear", outcome.clear());
        execution.setVariable("conflictCount", outcome.conflictCount());
        if (outcome.clear()) return;
        execution.setVariable("conflictSummary", outcome.summary());
        // pre-fill the form: carve out exactly the conflicting territories, or move the current window
        execution.setVariable("carveOutTerritories", String.join(" ", outcome.conflictingTerritories()));
        execution.setVariable("newWindowStart", outcome.windowStart().toString());
        execution.setVariable("newWindowEnd", outcome.windowEnd() == null ? "" : outcome.windowEnd().toString());
        execution.setVariable("resolution", null);
        execution.setVariable("resolutionNote", "");
        execution.setVariable("conflictDueDate", Date.from(Instant.now().plus(dueDays, ChronoUnit.DAYS)));
    }
}
