package io.reelflow.royalty;

import static io.reelflow.royalty.FeeInstalmentVariables.BANK_REFERENCE;
import static io.reelflow.royalty.FeeInstalmentVariables.PAID_AMOUNT;
import static io.reelflow.royalty.FeeInstalmentVariables.PAID_CURRENCY;
import static io.reelflow.royalty.FeeInstalmentVariables.PAID_ON;

import io.reelflow.platform.BusinessKey;
import io.reelflow.platform.EngineClock;
import io.reelflow.platform.web.FormValues;
import io.reelflow.royalty.LicenceFeeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code ${recordPaymentReceived}}: the payment from the "Record payment ..." form; refused input changes nothing. */
@Component("recordPaymentReceived")
class RecordPaymentReceivedListener implements TaskListener {
    private final LicenceFeeService fees;

    RecordPaymentReceivedListener(LicenceFeeService fees) {
        this.fees = fees;
    }

    @Override
    public void notify(DelegateTask task) {
        fees.recordPayment(BusinessKey.of(task), FeeSteps.instalmentNumber(task),
                FormValues.amount(FeeSteps.submitted(task, PAID_AMOUNT), PAID_AMOUNT.name()), FeeSteps.submitted(task, PAID_CURRENCY),
                FormValues.date(FeeSteps.submitted(task, PAID_ON), PAID_ON.name(), true), FeeSteps.submitted(task, BANK_REFERENCE),
                EngineClock.today(), task.getAssignee());
        FeeSteps.forget(task, PAID_AMOUNT, PAID_CURRENCY);
    }
}
