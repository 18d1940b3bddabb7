package io.reelflow.royalty;

import static io.reelflow.royalty.FeeInstalmentVariables.FX_RATE;

import io.reelflow.platform.BusinessKey;
import io.reelflow.platform.web.FormValues;
import io.reelflow.platform.web.InvalidInputException;
import java.math.BigDecimal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code ${recordFxRate}}: the rate finance entered in "Enter exchange rate ...", for the rate this deal's posting misses. */
@Component("recordFxRate")
class RecordFxRateListener implements TaskListener {
    private final FxRateService rates;
    private final DealFeeService fees;

    RecordFxRateListener(FxRateService rates, DealFeeService fees) {
        this.rates = rates;
        this.fees = fees;
    }

    @Override
    public void notify(DelegateTask task) {
        // which rate: from the records of this deal's paid instalment, never from the task's variables
        DealFeeService.MissingRate missing = fees.missingRate(BusinessKey.of(task), FeeSteps.instalmentNumber(task));
        BigDecimal rate = FormValues.amount(FeeSteps.submitted(task, FX_RATE), FX_RATE.name());
        FeeSteps.forget(task, FX_RATE);
        if (missing == null) return; // entered meanwhile (by the API or another task): the posting is retried
        if (rate == null) throw new InvalidInputException(FX_RATE.name(), "required: how much " + missing.to() + " one " + missing.from() + " bought");
        if (rate.signum() <= 0) throw new InvalidInputException(FX_RATE.name(), "must be positive");
        if (rate.scale() > 10 || rate.precision() - rate.scale() > 12) throw new InvalidInputException(FX_RATE.name(), "at most 12 digits and 10 decimals");
        rates.enter(new RoyaltyRequests.NewFxRate(missing.from(), missing.to(), missing.on(), rate),
                task.getAssignee() == null ? "finance" : task.getAssignee());
    }
}
