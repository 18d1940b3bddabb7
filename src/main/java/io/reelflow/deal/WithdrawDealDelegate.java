package io.reelflow.deal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${withdrawDeal}}: marks the deal withdrawn and frees anything it held; repeatable. */
@Component("withdrawDeal")
public class WithdrawDealDelegate implements JavaDelegate {

    private final DealRightsService dealRights;
    private final ProcessDeal processDeal;

    public WithdrawDealDelegate(DealRightsService dealRights, ProcessDeal processDeal) {
        this.dealRights = dealRights;
        this.processDeal = processDeal;
    }

    @Override
    public void execute(DelegateExecution execution) {
        dealRights.withdraw(processDeal.dealId(execution));
    }
}
