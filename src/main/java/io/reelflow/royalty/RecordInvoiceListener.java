package io.reelflow.royalty;

import static io.reelflow.royalty.FeeInstalmentVariables.INVOICED_ON;
import static io.reelflow.royalty.FeeInstalmentVariables.INVOICE_NUMBER;

import io.reelflow.platform.BusinessKey;
import io.reelflow.platform.web.FormValues;
import io.reelflow.royalty.LicenceFeeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code ${recordInvoice}}: the invoice finance sent, from the "Invoice ..." form. */
@Component("recordInvoice")
class RecordInvoiceListener implements TaskListener {
    private final LicenceFeeService fees;

    RecordInvoiceListener(LicenceFeeService fees) {
        this.fees = fees;
    }

    @Override
    public void notify(DelegateTask task) {
        fees.recordInvoice(BusinessKey.of(task), FeeSteps.instalmentNumber(task), FeeSteps.submitted(task, INVOICE_NUMBER),
                FormValues.date(FeeSteps.submitted(task, INVOICED_ON), INVOICED_ON.name(), true), task.getAssignee());
        FeeSteps.forget(task, INVOICED_ON);
    }
}
