package io.reelflow.royalty;

import static io.reelflow.royalty.FeeInstalmentVariables.INSTALMENT_LABEL;
import static io.reelflow.royalty.FeeInstalmentVariables.INSTALMENT_TRIGGER;
import static io.reelflow.royalty.FeeInstalmentVariables.INVOICED_ON;
import static io.reelflow.royalty.FeeInstalmentVariables.PAID_AMOUNT;
import static io.reelflow.royalty.FeeInstalmentVariables.PAID_CURRENCY;
import static io.reelflow.royalty.FeeInstalmentVariables.PAYMENT_DUE_LABEL;

import io.reelflow.platform.BusinessKey;
import io.reelflow.royalty.LicenceFeeService.InstalmentView;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code ${showInstalment}}, when an instalment's task is created: what the form shows (amount, trigger, due day)
 * and its defaults (invoiced on the day it became payable, paid in full in the deal currency), read from the
 * instalment record into task-local variables that end with the task and are never read back as figures.
 */
@Component("showInstalment")
class ShowInstalmentListener implements TaskListener {
    private final DealFeeService fees;
    private final FeeDeals deals;

    ShowInstalmentListener(DealFeeService fees, FeeDeals deals) {
        this.fees = fees;
        this.deals = deals;
    }

    @Override
    public void notify(DelegateTask task) {
        InstalmentView i = fees.instalment(BusinessKey.of(task), FeeSteps.instalmentNumber(task));
        // invoiced or paid over the API before this task existed: it is completed once its creation commits
        deals.completeWhenAlreadyRecorded(task.getId(), task.getTaskDefinitionKey(), BusinessKey.of(task), FeeSteps.instalmentNumber(task));
        PAYMENT_DUE_LABEL.setLocal(task, i.dueOn() == null ? "not yet known" : i.dueOn().toString());
        if ("chaseOverduePayment".equals(task.getTaskDefinitionKey())) return; // managers: that it is overdue, not how much
        INSTALMENT_LABEL.setLocal(task, FeeSteps.formatted(i.amount(), i.currency()));
        INSTALMENT_TRIGGER.setLocal(task, i.trigger());
        if ("invoiceInstalment".equals(task.getTaskDefinitionKey()) && i.triggeredOn() != null) {
            INVOICED_ON.setLocal(task, i.triggeredOn().toString());
        }
        if ("recordPayment".equals(task.getTaskDefinitionKey())) {
            PAID_AMOUNT.setLocal(task, i.amount().toPlainString());
            PAID_CURRENCY.setLocal(task, i.currency());
        }
    }
}
