package io.reelflow.deal;

import static io.reelflow.platform.EngineClock.startOf;

import io.reelflow.platform.EngineClock;
import io.reelflow.platform.web.FormValues;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.royalty.LicenceFeeService;
import io.reelflow.royalty.LicenceFeeService.InstalmentView;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.Locale;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Process glue of {@code licence-fee} and {@code fee-instalment}: each delegate reads the deal id and instalment
 * number, calls {@link DealFeeService}, and writes primitives back (dates for the timers, figures for the forms).
 */
final class DealFeeDelegates {

    static final String FEE_INSTALMENT_PROCESS = "fee-instalment";
    static final String FX_RATE_MISSING = "fxRateMissing";

    private DealFeeDelegates() {
    }

    static long dealId(VariableScope scope) {
        return ((Number) scope.getVariable("dealId")).longValue();
    }

    static int instalmentNumber(VariableScope scope) {
        return ((Number) scope.getVariable("instalmentNumber")).intValue();
    }

    static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null ? null : value.toString();
    }

    static BigDecimal amount(VariableScope scope, String field) {
        return FormValues.amount(scope.getVariable(field), field);
    }

    static String formatted(BigDecimal amount, String currency) {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.UK);
        f.setMinimumFractionDigits(amount.scale());
        f.setMaximumFractionDigits(amount.scale());
        return currency + " " + f.format(amount);
    }

    /** {@code ${computeRoyaltySchedule}}: the instalments of the fee or MG, and the first revenue quarter. */
    @Component("computeRoyaltySchedule")
    static class ComputeRoyaltyScheduleDelegate implements JavaDelegate {
        private final DealFeeService fees;

        ComputeRoyaltyScheduleDelegate(DealFeeService fees) {
            this.fees = fees;
        }

        @Override
        public void execute(DelegateExecution e) {
            DealFeeService.Schedule schedule = fees.schedule(dealId(e));
            e.setVariable("instalmentCount", schedule.instalments().size());
            e.setVariable("revenueShare", schedule.firstQuarter() != null);
            e.setVariable("revenueCurrency", schedule.instalments().get(0).currency());
            if (schedule.firstQuarter() != null) setQuarter(e, schedule.firstQuarter(), schedule.firstQuarterEnd());
        }
    }

    static void setQuarter(DelegateExecution e, String quarter, LocalDate quarterEnd) {
        e.setVariable("revenueQuarter", quarter);
        e.setVariable("quarterEndsAt", startOf(quarterEnd.plusDays(1)));
        e.setVariable("revenueReportDue", startOf(quarterEnd.plusDays(io.reelflow.royalty.rules.RevenueQuarters.DEFAULT_REPORT_DUE_DAYS)));
    }

    /** Dates and figures of one instalment for its timers and forms. */
    abstract static class InstalmentStep implements JavaDelegate {
        final DealFeeService fees;
        final int overdueDays;

        InstalmentStep(DealFeeService fees, int overdueDays) {
            this.fees = fees;
            this.overdueDays = overdueDays;
        }

        @Override
        public void execute(DelegateExecution e) {
            InstalmentView i = fees.checkTrigger(dealId(e), instalmentNumber(e));
            e.setVariable("instalmentAmount", i.amount().toPlainString());
            e.setVariable("instalmentCurrency", i.currency());
            e.setVariable("instalmentLabel", formatted(i.amount(), i.currency()));
            e.setVariable("instalmentTrigger", i.trigger());
            e.setVariable("triggerKnown", i.triggered());
            if (i.triggered()) {
                e.setVariable("invoiceAt", startOf(i.triggeredOn()));
                e.setVariable("paymentDue", startOf(i.dueOn()));
                e.setVariable("paymentDueLabel", i.dueOn().toString());
                e.setVariable("overdueAt", startOf(i.dueOn().plusDays(overdueDays)));
                e.setVariable("chaseDue", startOf(i.dueOn().plusDays(overdueDays + 7L)));
                // form defaults: invoiced on the day it became payable, paid in full in the deal currency
                e.setVariable("invoicedOn", i.triggeredOn().toString());
                e.setVariable("paidAmount", i.amount().toPlainString());
                e.setVariable("paidCurrency", i.currency());
            }
        }
    }

    /** {@code ${prepareInstalment}} */
    @Component("prepareInstalment")
    static class PrepareInstalmentDelegate extends InstalmentStep {
        PrepareInstalmentDelegate(DealFeeService fees, @Value("${reelflow.royalty.payment-overdue-days:14}") int overdueDays) {
            super(fees, overdueDays);
        }
    }

    /** {@code ${recordInstalmentTrigger}}: after a delivery was accepted (or the daily recheck), is every title accepted? */
    @Component("recordInstalmentTrigger")
    static class RecordInstalmentTriggerDelegate extends InstalmentStep {
        RecordInstalmentTriggerDelegate(DealFeeService fees, @Value("${reelflow.royalty.payment-overdue-days:14}") int overdueDays) {
            super(fees, overdueDays);
        }
    }

    /** {@code ${recordInvoice}}: the invoice finance sent, from the "Invoice ..." form. */
    @Component("recordInvoice")
    static class RecordInvoiceListener implements TaskListener {
        private final LicenceFeeService fees;

        RecordInvoiceListener(LicenceFeeService fees) {
            this.fees = fees;
        }

        @Override
        public void notify(DelegateTask task) {
            fees.recordInvoice((String) task.getVariable("crmDealId"), instalmentNumber(task), text(task, "invoiceNumber"),
                    FormValues.date(text(task, "invoicedOn"), "invoicedOn", true), task.getAssignee());
        }
    }

    /** {@code ${recordPaymentReceived}}: the payment from the "Record payment ..." form; refused input changes nothing. */
    @Component("recordPaymentReceived")
    static class RecordPaymentReceivedListener implements TaskListener {
        private final LicenceFeeService fees;

        RecordPaymentReceivedListener(LicenceFeeService fees) {
            this.fees = fees;
        }

        @Override
        public void notify(DelegateTask task) {
            fees.recordPayment((String) task.getVariable("crmDealId"), instalmentNumber(task), amount(task, "paidAmount"),
                    text(task, "paidCurrency"), FormValues.date(text(task, "paidOn"), "paidOn", true), text(task, "bankReference"),
                    EngineClock.today(), task.getAssignee());
        }
    }

    /** {@code ${computeRoyalties}}: posts the payment through the licensors' waterfalls; a missing FX rate goes to finance. */
    @Component("computeRoyalties")
    static class ComputeRoyaltiesDelegate implements JavaDelegate {
        private final DealFeeService fees;

        ComputeRoyaltiesDelegate(DealFeeService fees) {
            this.fees = fees;
        }

        @Override
        public void execute(DelegateExecution e) {
            DealFeeService.Posting posting = fees.postRoyalties(dealId(e), instalmentNumber(e));
            if (posting.missingRate() != null) {
                DealFeeService.MissingRate missing = posting.missingRate();
                e.setVariable("fxFrom", missing.from());
                e.setVariable("fxTo", missing.to());
                e.setVariable("fxDate", missing.on().toString());
                throw new BpmnError(FX_RATE_MISSING, "no " + missing.from() + "->" + missing.to() + " rate for " + missing.on());
            }
            e.setVariable("receiptsPosted", posting.receiptIds().size());
        }
    }

    /** {@code ${recordFxRate}}: the rate finance entered in "Enter exchange rate ...". */
    @Component("recordFxRate")
    static class RecordFxRateListener implements TaskListener {
        private final io.reelflow.royalty.FxRateService rates;

        RecordFxRateListener(io.reelflow.royalty.FxRateService rates) {
            this.rates = rates;
        }

        @Override
        public void notify(DelegateTask task) {
            BigDecimal rate = amount(task, "fxRate");
            if (rate == null) throw new InvalidInputException("fxRate", "required: how much " + text(task, "fxTo") + " one " + text(task, "fxFrom") + " bought");
            if (rate.signum() <= 0) throw new InvalidInputException("fxRate", "must be positive");
            if (rate.scale() > 10 || rate.precision() - rate.scale() > 12) throw new InvalidInputException("fxRate", "at most 12 digits and 10 decimals");
            rates.enter(new io.reelflow.royalty.RoyaltyRequests.NewFxRate(text(task, "fxFrom"), text(task, "fxTo"),
                    LocalDate.parse(text(task, "fxDate")), rate), task.getAssignee() == null ? "finance" : task.getAssignee());
        }
    }

    /** {@code ${recordRevenueReport}}: the quarter's revenue from "Enter ... revenue report ...". */
    @Component("recordRevenueReport")
    static class RecordRevenueReportListener implements TaskListener {
        private final DealFeeService fees;

        RecordRevenueReportListener(DealFeeService fees) {
            this.fees = fees;
        }

        @Override
        public void notify(DelegateTask task) {
            fees.recordRevenueReport(dealId(task), text(task, "revenueQuarter"), amount(task, "revenue"), text(task, "revenueCurrency"),
                    text(task, "reportReference"), task.getAssignee() == null ? "finance" : task.getAssignee());
        }
    }

    /** {@code ${computeOverage}}: overage against the MG; when some is due its collection starts beside this process. */
    @Component("computeOverage")
    static class ComputeOverageDelegate implements JavaDelegate {
        private final DealFeeService fees;
        private final RuntimeService runtime;
        private final int creditDays;

        ComputeOverageDelegate(DealFeeService fees, RuntimeService runtime, @Value("${reelflow.royalty.overage-credit-days:30}") int creditDays) {
            this.fees = fees;
            this.runtime = runtime;
            this.creditDays = creditDays;
        }

        @Override
        public void execute(DelegateExecution e) {
            String quarter = (String) e.getVariable("revenueQuarter");
            DealFeeService.OverageStep step = fees.computeOverage(dealId(e), quarter, creditDays, EngineClock.today());
            var result = step.outcome().result();
            e.setVariable("lastOverage", result.overageDue().amount().toPlainString());
            e.setVariable("lastCumulativeShare", result.cumulativeShare().amount().toPlainString());
            int number = step.outcome().instalmentNumber();
            if (number > 0 && !collectionStarted(e, number)) {
                runtime.createProcessInstanceByKey(FEE_INSTALMENT_PROCESS).businessKey(e.getProcessBusinessKey())
                        .setVariable("dealId", dealId(e))
                        .setVariable("crmDealId", e.getVariable("crmDealId"))
                        .setVariable("titleNames", e.getVariable("titleNames"))
                        .setVariable("licensee", e.getVariable("licensee"))
                        .setVariable("instalmentNumber", number)
                        .execute();
            }
            e.setVariable("moreQuarters", step.nextQuarter() != null);
            if (step.nextQuarter() != null) setQuarter(e, step.nextQuarter(), step.nextQuarterEnd());
        }

        private boolean collectionStarted(DelegateExecution e, int number) {
            return e.getProcessEngineServices().getHistoryService().createHistoricProcessInstanceQuery()
                    .processDefinitionKey(FEE_INSTALMENT_PROCESS).processInstanceBusinessKey(e.getProcessBusinessKey())
                    .variableValueEquals("instalmentNumber", number).count() > 0;
        }
    }
}
