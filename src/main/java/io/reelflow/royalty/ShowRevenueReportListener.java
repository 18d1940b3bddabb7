package io.reelflow.royalty;

import static io.reelflow.royalty.LicenceFeeVariables.REVENUE_CURRENCY;
import static io.reelflow.royalty.LicenceFeeVariables.REVENUE_QUARTER;

import io.reelflow.platform.BusinessKey;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code ${showRevenueReport}}, when "Enter ... revenue report" is created: the currency field defaults to the deal's. */
@Component("showRevenueReport")
class ShowRevenueReportListener implements TaskListener {
    private final DealFeeService fees;
    private final FeeDeals deals;

    ShowRevenueReportListener(DealFeeService fees, FeeDeals deals) {
        this.fees = fees;
        this.deals = deals;
    }

    @Override
    public void notify(DelegateTask task) {
        REVENUE_CURRENCY.setLocal(task, fees.currency(BusinessKey.of(task)));
        // reported over the API before the quarter's task existed: it is completed once its creation commits
        deals.completeWhenAlreadyRecorded(task.getId(), task.getTaskDefinitionKey(), BusinessKey.of(task), REVENUE_QUARTER.required(task));
    }
}
