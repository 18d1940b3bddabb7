package io.reelflow.deal;

import io.reelflow.royalty.LicenceFeeVariables;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * {@code ${startLicenceFee}}: the deal's {@code licence-fee}, with the deal's business key, beside the deal's
 * instance (in the job of the check that granted the deal; a retry rolls the start back with the rest).
 */
@Component("startLicenceFee")
class StartLicenceFeeDelegate implements JavaDelegate {
    private final RuntimeService runtime;

    StartLicenceFeeDelegate(@Lazy RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public void execute(DelegateExecution execution) {
        runtime.createProcessInstanceByKey(LicenceFeeVariables.PROCESS).businessKey(ProcessDeal.businessKey(execution)).execute();
    }
}
