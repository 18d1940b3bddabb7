package io.reelflow.deal;

import static io.reelflow.delivery.NetflixDeliveryVariables.TITLE_ID;

import io.reelflow.delivery.NetflixDeliveryVariables;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${startTitleDeliveries}} of {@code deal-lifecycle}: one netflix-delivery per title of the business key's deal,
 * with the deal's business key, beside the deal's instance; "Titles delivered" waits for the last of them
 * ({@link DealChildProcesses}).
 */
@Component("startTitleDeliveries")
class StartTitleDeliveriesDelegate implements JavaDelegate {

    private final ProcessDeal processDeal;
    private final RuntimeService runtime;

    StartTitleDeliveriesDelegate(ProcessDeal processDeal, RuntimeService runtime) {
        this.processDeal = processDeal;
        this.runtime = runtime;
    }

    @Override
    public void execute(DelegateExecution e) {
        for (DealRecords.DealTitle title : processDeal.titles(processDeal.dealId(e))) {
            runtime.createProcessInstanceByKey(NetflixDeliveryVariables.PROCESS).businessKey(ProcessDeal.businessKey(e))
                    .setVariable(TITLE_ID.name(), title.titleId())
                    .execute();
        }
    }
}
