package io.reelflow.window;

import io.reelflow.platform.BusinessKey;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${raiseRenewalAlert}} ({@code window-watch}): a decision is pending; the decision task shows its summary when
 * it is created.
 */
@Component("raiseRenewalAlert")
class RaiseRenewalAlertDelegate implements JavaDelegate {
    private final WindowDeals deals;
    private final WindowService windows;

    RaiseRenewalAlertDelegate(WindowDeals deals, WindowService windows) {
        this.deals = deals;
        this.windows = windows;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String crmDealId = BusinessKey.of(execution);
        deals.raiseAlert(crmDealId, windows.storedPlan(crmDealId).nextAlertLeadDays());
    }
}
