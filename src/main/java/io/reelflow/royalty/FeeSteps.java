package io.reelflow.royalty;

import static io.reelflow.royalty.FeeInstalmentVariables.INSTALMENT_NUMBER;
import static io.reelflow.royalty.FeeInstalmentVariables.INVOICE_DUE;
import static io.reelflow.royalty.FeeInstalmentVariables.TRIGGER_KNOWN;
import static io.reelflow.royalty.LicenceFeeVariables.QUARTER_ENDS_AT;
import static io.reelflow.royalty.LicenceFeeVariables.REVENUE_QUARTER;
import static io.reelflow.royalty.LicenceFeeVariables.REVENUE_REPORT_DUE;
import static io.reelflow.platform.EngineClock.startOf;

import io.reelflow.platform.BusinessKey;
import io.reelflow.platform.ProcessVariable;
import io.reelflow.royalty.LicenceFeeService.InstalmentView;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * What the glue of {@code licence-fee} and {@code fee-instalment} shares. The deal is the business key (the CRM deal
 * id), the instalment is the routing variable {@code instalmentNumber} of that deal (an instalment the deal does not
 * have is a technical error). Each step (one class per element, {@code …Delegate}, {@code …Listener}) calls
 * {@link DealFeeService} and writes back routing primitives (flags, timer dates); amounts stay in the domain tables:
 * forms show them through task-local variables set when the task is created, and what finance types is stored, then
 * removed from the process.
 */
final class FeeSteps {

    static final String FEE_INSTALMENT_PROCESS = FeeInstalmentVariables.PROCESS;
    static final String FX_RATE_MISSING = "fxRateMissing";

    private FeeSteps() {
    }

    static int instalmentNumber(VariableScope scope) {
        return INSTALMENT_NUMBER.required(scope);
    }

    static String submitted(DelegateTask task, ProcessVariable<?> field) {
        return field.submitted(task);
    }

    static void forget(DelegateTask task, ProcessVariable<?>... fields) {
        ProcessVariable.forget(task, fields);
    }

    static String formatted(BigDecimal amount, String currency) {
        return io.reelflow.platform.MoneyFormat.format(amount, currency);
    }

    static void setQuarter(DelegateExecution e, String quarter, LocalDate quarterEnd) {
        REVENUE_QUARTER.set(e, quarter);
        QUARTER_ENDS_AT.set(e, startOf(quarterEnd.plusDays(1)));
        REVENUE_REPORT_DUE.set(e, startOf(quarterEnd.plusDays(io.reelflow.royalty.rules.RevenueQuarters.DEFAULT_REPORT_DUE_DAYS)));
    }

    /**
     * Has the instalment's trigger happened (recorded if so)? The gateway right after reads the answer; the timers and
     * due dates read the instalment's days from its record ({@link InstalmentDates}).
     */
    abstract static class InstalmentStep implements JavaDelegate {
        final DealFeeService fees;

        InstalmentStep(DealFeeService fees) {
            this.fees = fees;
        }

        @Override
        public void execute(DelegateExecution e) {
            InstalmentView i = fees.checkTrigger(BusinessKey.of(e), instalmentNumber(e));
            TRIGGER_KNOWN.setTransient(e, i.triggered());
            // an invoice day already here needs no timer job (signature, a delivery accepted today or earlier)
            INVOICE_DUE.setTransient(e, i.triggered() && i.triggeredOn() != null && !startOf(i.triggeredOn()).after(ClockUtil.getCurrentTime()));
        }
    }

}
