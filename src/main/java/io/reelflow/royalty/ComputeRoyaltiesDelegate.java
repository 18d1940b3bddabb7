package io.reelflow.royalty;

import static io.reelflow.royalty.FeeInstalmentVariables.FX_DATE;
import static io.reelflow.royalty.FeeInstalmentVariables.FX_FROM;
import static io.reelflow.royalty.FeeInstalmentVariables.FX_TO;
import static io.reelflow.royalty.FeeInstalmentVariables.RECEIPTS_POSTED;

import io.reelflow.platform.BusinessKey;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${computeRoyalties}}: posts the payment through the licensors' waterfalls; a missing FX rate goes to finance. */
@Component("computeRoyalties")
class ComputeRoyaltiesDelegate implements JavaDelegate {
    private final DealFeeService fees;

    ComputeRoyaltiesDelegate(DealFeeService fees) {
        this.fees = fees;
    }

    @Override
    public void execute(DelegateExecution e) {
        DealFeeService.Posting posting = fees.postRoyalties(BusinessKey.of(e), FeeSteps.instalmentNumber(e));
        if (posting.missingRate() != null) {
            DealFeeService.MissingRate missing = posting.missingRate();
            // for the task's name and form text only: the listener asks the records which rate is missing
            FX_FROM.set(e, missing.from());
            FX_TO.set(e, missing.to());
            FX_DATE.set(e, missing.on().toString());
            throw new BpmnError(FeeSteps.FX_RATE_MISSING, "no " + missing.from() + "->" + missing.to() + " rate for " + missing.on());
        }
        RECEIPTS_POSTED.set(e, posting.receiptIds().size());
    }
}
