package io.reelflow.deal;

import static io.reelflow.deal.DealLifecycleVariables.CRM_DEAL_ID;
import static io.reelflow.deal.DealLifecycleVariables.LICENSEE;
import static io.reelflow.deal.DealLifecycleVariables.TITLE_NAMES;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code ${dealTaskContext}}, when a task of the deal's processes is created ({@code deal-lifecycle}, {@code window-watch},
 * {@code licence-fee}, {@code fee-instalment}): its form's header shows the deal, the licensee and the titles, read
 * from the deal's records into task-local variables (the live name is {@link DealTaskLabels}'). The processes
 * themselves carry none of this: it costs rows only while a person has a task.
 */
@Component("dealTaskContext")
class DealTaskContext implements TaskListener {

    private final ProcessDeal processDeal;

    DealTaskContext(ProcessDeal processDeal) {
        this.processDeal = processDeal;
    }

    @Override
    public void notify(DelegateTask task) {
        Deal deal = processDeal.deal(task);
        String titles = processDeal.titleNames(deal.getId());
        CRM_DEAL_ID.setLocal(task, deal.getCrmDealId());
        LICENSEE.setLocal(task, deal.getLicensee());
        TITLE_NAMES.setLocal(task, titles);
    }
}
