package io.reelflow.royalty;

import static io.reelflow.platform.EngineClock.startOf;

import io.reelflow.platform.BusinessKey;
import io.reelflow.royalty.LicenceFeeService;
import io.reelflow.royalty.LicenceFeeService.InstalmentView;
import java.time.LocalDate;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code ${instalmentDates}}: the days of the instalment a {@code fee-instalment} instance collects, for its timers and
 * task due dates, read from the instalment's record (the deal is the business key, the instalment its routing number).
 * An instalment whose trigger has not happened has no invoice day yet: asking for one is a technical error.
 */
@Component("instalmentDates")
public class InstalmentDates {

    private final LicenceFeeService fees;
    private final int overdueDays;

    InstalmentDates(LicenceFeeService fees, @Value("${reelflow.royalty.payment-overdue-days:14}") int overdueDays) {
        this.fees = fees;
        this.overdueDays = overdueDays;
    }

    private InstalmentView instalment(DelegateExecution execution) {
        return fees.instalment(BusinessKey.of(execution), FeeSteps.instalmentNumber(execution));
    }

    /** The day the instalment became payable: its invoice is due then. */
    public Date invoiceAt(DelegateExecution execution) {
        return startOf(known(instalment(execution).triggeredOn(), "invoice day", execution));
    }

    public Date paymentDue(DelegateExecution execution) {
        return startOf(known(instalment(execution).dueOn(), "due day", execution));
    }

    public Date overdueAt(DelegateExecution execution) {
        return startOf(known(instalment(execution).dueOn(), "due day", execution).plusDays(overdueDays));
    }

    public Date chaseDue(DelegateExecution execution) {
        return startOf(known(instalment(execution).dueOn(), "due day", execution).plusDays(overdueDays + 7L));
    }

    private static LocalDate known(LocalDate day, String what, DelegateExecution execution) {
        if (day == null) {
            throw new IllegalStateException("instalment " + FeeSteps.instalmentNumber(execution) + " of deal "
                    + BusinessKey.of(execution) + " has no " + what + " yet");
        }
        return day;
    }
}
