package io.reelflow.deal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${withdrawDeal}}: marks the deal withdrawn and frees anything it held; repeatable. */
@Component("withdrawDeal")
public class WithdrawDealDelegate implements JavaDelegate {

    private final DealRightsService dealRights;

    public WithdrawDealDelegate(DealRightsService dealRights) {
        this.dealRights = dealRights;
    }

    @Override
    public void execute(DelegateExecution execution) {
        dealRights.withdraw((Long) execution.getVariable("dealId"));
    }
}
