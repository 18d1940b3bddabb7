package io.reelflow.royalty;

import static io.reelflow.royalty.FeeInstalmentVariables.INSTALMENT_NUMBER;
import static io.reelflow.royalty.LicenceFeeVariables.REVENUE_SHARE;

import io.reelflow.platform.BusinessKey;
import io.reelflow.royalty.LicenceFeeService;
import io.reelflow.royalty.LicenceFeeService.InstalmentView;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${computeRoyaltySchedule}}: the instalments of the fee or MG, the collection of each (a fee-instalment
 * instance beside this process, as an overage's; "Instalments collected" waits for the last one, see
 * the deal's children), and the first revenue quarter.
 */
@Component("computeRoyaltySchedule")
class ComputeRoyaltyScheduleDelegate implements JavaDelegate {
    private final DealFeeService fees;
    private final RuntimeService runtime;

    ComputeRoyaltyScheduleDelegate(DealFeeService fees, RuntimeService runtime) {
        this.fees = fees;
        this.runtime = runtime;
    }

    @Override
    public void execute(DelegateExecution e) {
        DealFeeService.Schedule schedule = fees.schedule(BusinessKey.of(e));
        for (InstalmentView i : schedule.instalments()) {
            if (LicenceFeeService.Kind.OVERAGE.name().equals(i.kind())) continue;
            runtime.createProcessInstanceByKey(FeeSteps.FEE_INSTALMENT_PROCESS).businessKey(BusinessKey.of(e))
                    .setVariable(INSTALMENT_NUMBER.name(), i.number())
                    .execute();
        }
        REVENUE_SHARE.setTransient(e, schedule.firstQuarter() != null); // the gateway right after reads it
        if (schedule.firstQuarter() != null) FeeSteps.setQuarter(e, schedule.firstQuarter(), schedule.firstQuarterEnd());
    }
}
