package io.reelflow.window;

import io.reelflow.platform.BusinessKey;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${openLicenceWindow}} ({@code window-watch}): the deal's licence window opens. */
@Component("openLicenceWindow")
class OpenLicenceWindowDelegate implements JavaDelegate {
    private final WindowDeals deals;

    OpenLicenceWindowDelegate(WindowDeals deals) {
        this.deals = deals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        deals.open(BusinessKey.of(execution));
    }
}
