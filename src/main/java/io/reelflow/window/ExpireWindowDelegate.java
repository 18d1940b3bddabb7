package io.reelflow.window;

import io.reelflow.platform.BusinessKey;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${expireWindow}} ({@code window-watch}): reversion of the rights on the day after the last day. */
@Component("expireWindow")
class ExpireWindowDelegate implements JavaDelegate {
    private final WindowDeals deals;

    ExpireWindowDelegate(WindowDeals deals) {
        this.deals = deals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        deals.expire(BusinessKey.of(execution));
    }
}
