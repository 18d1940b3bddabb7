package io.reelflow.royalty;

import static io.reelflow.royalty.FeeInstalmentVariables.INSTALMENT_NUMBER;
import static io.reelflow.royalty.LicenceFeeVariables.INSTALMENTS_OPEN;
import static io.reelflow.royalty.LicenceFeeVariables.MORE_QUARTERS;
import static io.reelflow.royalty.LicenceFeeVariables.REVENUE_QUARTER;

import io.reelflow.platform.BusinessKey;
import io.reelflow.platform.EngineClock;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** {@code ${computeOverage}}: overage against the MG; when some is due its collection starts beside this process. */
@Component("computeOverage")
class ComputeOverageDelegate implements JavaDelegate {
    private final DealFeeService fees;
    private final RuntimeService runtime;
    private final int creditDays;

    private final FeeDeals deals;

    ComputeOverageDelegate(DealFeeService fees, RuntimeService runtime, FeeDeals deals,
                           @Value("${reelflow.royalty.overage-credit-days:30}") int creditDays) {
        this.fees = fees;
        this.runtime = runtime;
        this.deals = deals;
        this.creditDays = creditDays;
    }

    @Override
    public void execute(DelegateExecution e) {
        String crmDealId = BusinessKey.of(e);
        String quarter = REVENUE_QUARTER.required(e);
        DealFeeService.OverageStep step = fees.computeOverage(crmDealId, quarter, creditDays, EngineClock.today());
        int number = step.outcome().instalmentNumber();
        boolean started = false;
        if (number > 0 && !collectionStarted(e, number)) {
            runtime.createProcessInstanceByKey(FeeSteps.FEE_INSTALMENT_PROCESS).businessKey(crmDealId)
                    .setVariable(INSTALMENT_NUMBER.name(), number)
                    .execute();
            started = true;
        }
        MORE_QUARTERS.set(e, step.nextQuarter() != null);
        if (step.nextQuarter() != null) {
            FeeSteps.setQuarter(e, step.nextQuarter(), step.nextQuarterEnd());
        } else {
            // the last report: wait for the instalments still being collected (the one started here is not in the database yet)
            INSTALMENTS_OPEN.setTransient(e, started || deals.feeInstalmentsRunning(crmDealId));
        }
    }

    private boolean collectionStarted(DelegateExecution e, int number) {
        return e.getProcessEngineServices().getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(FeeSteps.FEE_INSTALMENT_PROCESS).processInstanceBusinessKey(BusinessKey.of(e))
                .variableValueEquals(INSTALMENT_NUMBER.name(), number).count() > 0;
    }
}
