package io.reelflow.window;

import io.reelflow.platform.BusinessKey;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${goLive}} ({@code window-watch}): the window started, the deal is in its window. */
@Component("goLive")
class GoLiveDelegate implements JavaDelegate {
    private final WindowDeals deals;

    GoLiveDelegate(WindowDeals deals) {
        this.deals = deals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        deals.goLive(BusinessKey.of(execution));
    }
}
