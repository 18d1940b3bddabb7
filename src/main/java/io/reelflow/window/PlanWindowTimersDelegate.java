package io.reelflow.window;

import io.reelflow.platform.BusinessKey;
import io.reelflow.platform.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${planWindowTimers}} ({@code window-watch}): the dates of the next timers, from the window as it is now, kept
 * with the window ({@code licence_window}); the gateways, timers and due dates read them through {@link WindowTimers}.
 */
@Component("planWindowTimers")
class PlanWindowTimersDelegate implements JavaDelegate {
    private final WindowDeals deals;

    PlanWindowTimersDelegate(WindowDeals deals) {
        this.deals = deals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        deals.planTimers(BusinessKey.of(execution), EngineClock.today());
    }
}
