package io.reelflow.royalty;

import static io.reelflow.royalty.LicenceFeeVariables.REPORT_REFERENCE;
import static io.reelflow.royalty.LicenceFeeVariables.REVENUE;
import static io.reelflow.royalty.LicenceFeeVariables.REVENUE_CURRENCY;
import static io.reelflow.royalty.LicenceFeeVariables.REVENUE_QUARTER;

import io.reelflow.platform.BusinessKey;
import io.reelflow.platform.web.FormValues;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code ${recordRevenueReport}}: the quarter's revenue from "Enter ... revenue report ..."; stored, then gone from the process. */
@Component("recordRevenueReport")
class RecordRevenueReportListener implements TaskListener {
    private final DealFeeService fees;

    RecordRevenueReportListener(DealFeeService fees) {
        this.fees = fees;
    }

    @Override
    public void notify(DelegateTask task) {
        fees.recordRevenueReport(BusinessKey.of(task), REVENUE_QUARTER.required(task),
                FormValues.amount(FeeSteps.submitted(task, REVENUE), REVENUE.name()), FeeSteps.submitted(task, REVENUE_CURRENCY),
                FeeSteps.submitted(task, REPORT_REFERENCE), task.getAssignee() == null ? "finance" : task.getAssignee());
        FeeSteps.forget(task, REVENUE, REVENUE_CURRENCY);
    }
}
