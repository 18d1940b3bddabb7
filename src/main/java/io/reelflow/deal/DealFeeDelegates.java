package io.reelflow.deal;

import static io.reelflow.deal.FeeInstalmentVariables.BANK_REFERENCE;
import static io.reelflow.deal.FeeInstalmentVariables.FX_DATE;
import static io.reelflow.deal.FeeInstalmentVariables.FX_FROM;
import static io.reelflow.deal.FeeInstalmentVariables.FX_RATE;
import static io.reelflow.deal.FeeInstalmentVariables.FX_TO;
import static io.reelflow.deal.FeeInstalmentVariables.INSTALMENT_LABEL;
import static io.reelflow.deal.FeeInstalmentVariables.INSTALMENT_NUMBER;
import static io.reelflow.deal.FeeInstalmentVariables.INSTALMENT_TRIGGER;
import static io.reelflow.deal.FeeInstalmentVariables.INVOICED_ON;
import static io.reelflow.deal.FeeInstalmentVariables.INVOICE_DUE;
import static io.reelflow.deal.FeeInstalmentVariables.INVOICE_NUMBER;
import static io.reelflow.deal.FeeInstalmentVariables.PAID_AMOUNT;
import static io.reelflow.deal.FeeInstalmentVariables.PAID_CURRENCY;
import static io.reelflow.deal.FeeInstalmentVariables.PAID_ON;
import static io.reelflow.deal.FeeInstalmentVariables.PAYMENT_DUE_LABEL;
import static io.reelflow.deal.FeeInstalmentVariables.RECEIPTS_POSTED;
import static io.reelflow.deal.FeeInstalmentVariables.TRIGGER_KNOWN;
import static io.reelflow.deal.LicenceFeeVariables.INSTALMENTS_OPEN;
import static io.reelflow.deal.LicenceFeeVariables.MORE_QUARTERS;
import static io.reelflow.deal.LicenceFeeVariables.QUARTER_ENDS_AT;
import static io.reelflow.deal.LicenceFeeVariables.REPORT_REFERENCE;
import static io.reelflow.deal.LicenceFeeVariables.REVENUE;
import static io.reelflow.deal.LicenceFeeVariables.REVENUE_CURRENCY;
import static io.reelflow.deal.LicenceFeeVariables.REVENUE_QUARTER;
import static io.reelflow.deal.LicenceFeeVariables.REVENUE_REPORT_DUE;
import static io.reelflow.deal.LicenceFeeVariables.REVENUE_SHARE;
import static io.reelflow.platform.EngineClock.startOf;

import io.reelflow.platform.EngineClock;
import io.reelflow.platform.ProcessVariable;
import io.reelflow.platform.web.FormValues;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.royalty.LicenceFeeService;
import io.reelflow.royalty.LicenceFeeService.InstalmentView;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Process glue of {@code licence-fee} and {@code fee-instalment}: the deal is the business key ({@link ProcessDeal}),
 * the instalment is the routing variable {@code instalmentNumber} of that deal (an instalment the deal does not have
 * is a technical error). Each delegate calls {@link DealFeeService} and writes back routing primitives (flags, timer
 * dates); amounts stay in the domain tables: forms show them through task-local variables set when the task is
 * created, and what finance types is stored, then removed from the process.
 */
final class DealFeeDelegates {

    static final String FEE_INSTALMENT_PROCESS = FeeInstalmentVariables.PROCESS;
    static final String FX_RATE_MISSING = "fxRateMissing";

    private DealFeeDelegates() {
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

    /**
     * {@code ${computeRoyaltySchedule}}: the instalments of the fee or MG, the collection of each (a fee-instalment
     * instance beside this process, as an overage's; "Instalments collected" waits for the last one, see
     * {@link DealChildProcesses}), and the first revenue quarter.
     */
    @Component("computeRoyaltySchedule")
    static class ComputeRoyaltyScheduleDelegate implements JavaDelegate {
        private final DealFeeService fees;
        private final ProcessDeal processDeal;
        private final RuntimeService runtime;

        ComputeRoyaltyScheduleDelegate(DealFeeService fees, ProcessDeal processDeal, RuntimeService runtime) {
            this.fees = fees;
            this.processDeal = processDeal;
            this.runtime = runtime;
        }

        @Override
        public void execute(DelegateExecution e) {
            DealFeeService.Schedule schedule = fees.schedule(processDeal.dealId(e));
            for (InstalmentView i : schedule.instalments()) {
                if (LicenceFeeService.Kind.OVERAGE.name().equals(i.kind())) continue;
                runtime.createProcessInstanceByKey(FEE_INSTALMENT_PROCESS).businessKey(ProcessDeal.businessKey(e))
                        .setVariable(INSTALMENT_NUMBER.name(), i.number())
                        .execute();
            }
            REVENUE_SHARE.setTransient(e, schedule.firstQuarter() != null); // the gateway right after reads it
            if (schedule.firstQuarter() != null) setQuarter(e, schedule.firstQuarter(), schedule.firstQuarterEnd());
        }
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
        final ProcessDeal processDeal;

        InstalmentStep(DealFeeService fees, ProcessDeal processDeal) {
            this.fees = fees;
            this.processDeal = processDeal;
        }

        @Override
        public void execute(DelegateExecution e) {
            InstalmentView i = fees.checkTrigger(processDeal.dealId(e), instalmentNumber(e));
            TRIGGER_KNOWN.setTransient(e, i.triggered());
            // an invoice day already here needs no timer job (signature, a delivery accepted today or earlier)
            INVOICE_DUE.setTransient(e, i.triggered() && i.triggeredOn() != null && !startOf(i.triggeredOn()).after(ClockUtil.getCurrentTime()));
        }
    }

    /** {@code ${prepareInstalment}} */
    @Component("prepareInstalment")
    static class PrepareInstalmentDelegate extends InstalmentStep {
        PrepareInstalmentDelegate(DealFeeService fees, ProcessDeal processDeal) {
            super(fees, processDeal);
        }
    }

    /** {@code ${recordInstalmentTrigger}}: after a delivery was accepted (or the daily recheck), is every title accepted? */
    @Component("recordInstalmentTrigger")
    static class RecordInstalmentTriggerDelegate extends InstalmentStep {
        RecordInstalmentTriggerDelegate(DealFeeService fees, ProcessDeal processDeal) {
            super(fees, processDeal);
        }
    }

    /**
     * {@code ${showInstalment}}, when an instalment's task is created: what the form shows (amount, trigger, due day)
     * and its defaults (invoiced on the day it became payable, paid in full in the deal currency), read from the
     * instalment record into task-local variables that end with the task and are never read back as figures.
     */
    @Component("showInstalment")
    static class ShowInstalmentListener implements TaskListener {
        private final DealFeeService fees;
        private final ProcessDeal processDeal;
        private final DealFinanceService finance;

        ShowInstalmentListener(DealFeeService fees, ProcessDeal processDeal, DealFinanceService finance) {
            this.fees = fees;
            this.processDeal = processDeal;
            this.finance = finance;
        }

        @Override
        public void notify(DelegateTask task) {
            InstalmentView i = fees.instalment(processDeal.dealId(task), instalmentNumber(task));
            // invoiced or paid over the API before this task existed: it is completed once its creation commits
            finance.completeWhenAlreadyRecorded(task.getId(), task.getTaskDefinitionKey(), ProcessDeal.businessKey(task), instalmentNumber(task));
            PAYMENT_DUE_LABEL.setLocal(task, i.dueOn() == null ? "not yet known" : i.dueOn().toString());
            if ("chaseOverduePayment".equals(task.getTaskDefinitionKey())) return; // managers: that it is overdue, not how much
            INSTALMENT_LABEL.setLocal(task, formatted(i.amount(), i.currency()));
            INSTALMENT_TRIGGER.setLocal(task, i.trigger());
            if ("invoiceInstalment".equals(task.getTaskDefinitionKey()) && i.triggeredOn() != null) {
                INVOICED_ON.setLocal(task, i.triggeredOn().toString());
            }
            if ("recordPayment".equals(task.getTaskDefinitionKey())) {
                PAID_AMOUNT.setLocal(task, i.amount().toPlainString());
                PAID_CURRENCY.setLocal(task, i.currency());
            }
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
            fees.recordInvoice(ProcessDeal.businessKey(task), instalmentNumber(task), submitted(task, INVOICE_NUMBER),
                    FormValues.date(submitted(task, INVOICED_ON), INVOICED_ON.name(), true), task.getAssignee());
            forget(task, INVOICED_ON);
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
            fees.recordPayment(ProcessDeal.businessKey(task), instalmentNumber(task),
                    FormValues.amount(submitted(task, PAID_AMOUNT), PAID_AMOUNT.name()), submitted(task, PAID_CURRENCY),
                    FormValues.date(submitted(task, PAID_ON), PAID_ON.name(), true), submitted(task, BANK_REFERENCE),
                    EngineClock.today(), task.getAssignee());
            forget(task, PAID_AMOUNT, PAID_CURRENCY);
        }
    }

    /** {@code ${computeRoyalties}}: posts the payment through the licensors' waterfalls; a missing FX rate goes to finance. */
    @Component("computeRoyalties")
    static class ComputeRoyaltiesDelegate implements JavaDelegate {
        private final DealFeeService fees;
        private final ProcessDeal processDeal;

        ComputeRoyaltiesDelegate(DealFeeService fees, ProcessDeal processDeal) {
            this.fees = fees;
            this.processDeal = processDeal;
        }

        @Override
        public void execute(DelegateExecution e) {
            DealFeeService.Posting posting = fees.postRoyalties(processDeal.dealId(e), instalmentNumber(e));
            if (posting.missingRate() != null) {
                DealFeeService.MissingRate missing = posting.missingRate();
                // for the task's name and form text only: the listener asks the records which rate is missing
                FX_FROM.set(e, missing.from());
                FX_TO.set(e, missing.to());
                FX_DATE.set(e, missing.on().toString());
                throw new BpmnError(FX_RATE_MISSING, "no " + missing.from() + "->" + missing.to() + " rate for " + missing.on());
            }
            RECEIPTS_POSTED.set(e, posting.receiptIds().size());
        }
    }

    /** {@code ${recordFxRate}}: the rate finance entered in "Enter exchange rate ...", for the rate this deal's posting misses. */
    @Component("recordFxRate")
    static class RecordFxRateListener implements TaskListener {
        private final io.reelflow.royalty.FxRateService rates;
        private final DealFeeService fees;
        private final ProcessDeal processDeal;

        RecordFxRateListener(io.reelflow.royalty.FxRateService rates, DealFeeService fees, ProcessDeal processDeal) {
            this.rates = rates;
            this.fees = fees;
            this.processDeal = processDeal;
        }

        @Override
        public void notify(DelegateTask task) {
            // which rate: from the records of this deal's paid instalment, never from the task's variables
            DealFeeService.MissingRate missing = fees.missingRate(processDeal.dealId(task), instalmentNumber(task));
            BigDecimal rate = FormValues.amount(submitted(task, FX_RATE), FX_RATE.name());
            forget(task, FX_RATE);
            if (missing == null) return; // entered meanwhile (by the API or another task): the posting is retried
            if (rate == null) throw new InvalidInputException(FX_RATE.name(), "required: how much " + missing.to() + " one " + missing.from() + " bought");
            if (rate.signum() <= 0) throw new InvalidInputException(FX_RATE.name(), "must be positive");
            if (rate.scale() > 10 || rate.precision() - rate.scale() > 12) throw new InvalidInputException(FX_RATE.name(), "at most 12 digits and 10 decimals");
            rates.enter(new io.reelflow.royalty.RoyaltyRequests.NewFxRate(missing.from(), missing.to(), missing.on(), rate),
                    task.getAssignee() == null ? "finance" : task.getAssignee());
        }
    }

    /** {@code ${showRevenueReport}}, when "Enter ... revenue report" is created: the currency field defaults to the deal's. */
    @Component("showRevenueReport")
    static class ShowRevenueReportListener implements TaskListener {
        private final DealFeeService fees;
        private final ProcessDeal processDeal;
        private final DealFinanceService finance;

        ShowRevenueReportListener(DealFeeService fees, ProcessDeal processDeal, DealFinanceService finance) {
            this.fees = fees;
            this.processDeal = processDeal;
            this.finance = finance;
        }

        @Override
        public void notify(DelegateTask task) {
            REVENUE_CURRENCY.setLocal(task, fees.currency(processDeal.dealId(task)));
            // reported over the API before the quarter's task existed: it is completed once its creation commits
            finance.completeWhenAlreadyRecorded(task.getId(), task.getTaskDefinitionKey(), ProcessDeal.businessKey(task), REVENUE_QUARTER.required(task));
        }
    }

    /** {@code ${recordRevenueReport}}: the quarter's revenue from "Enter ... revenue report ..."; stored, then gone from the process. */
    @Component("recordRevenueReport")
    static class RecordRevenueReportListener implements TaskListener {
        private final DealFeeService fees;
        private final ProcessDeal processDeal;

        RecordRevenueReportListener(DealFeeService fees, ProcessDeal processDeal) {
            this.fees = fees;
            this.processDeal = processDeal;
        }

        @Override
        public void notify(DelegateTask task) {
            fees.recordRevenueReport(processDeal.dealId(task), REVENUE_QUARTER.required(task),
                    FormValues.amount(submitted(task, REVENUE), REVENUE.name()), submitted(task, REVENUE_CURRENCY),
                    submitted(task, REPORT_REFERENCE), task.getAssignee() == null ? "finance" : task.getAssignee());
            forget(task, REVENUE, REVENUE_CURRENCY);
        }
    }

    /** {@code ${computeOverage}}: overage against the MG; when some is due its collection starts beside this process. */
    @Component("computeOverage")
    static class ComputeOverageDelegate implements JavaDelegate {
        private final DealFeeService fees;
        private final ProcessDeal processDeal;
        private final RuntimeService runtime;
        private final int creditDays;

        private final DealChildProcesses children;

        ComputeOverageDelegate(DealFeeService fees, ProcessDeal processDeal, RuntimeService runtime, DealChildProcesses children,
                               @Value("${reelflow.royalty.overage-credit-days:30}") int creditDays) {
            this.fees = fees;
            this.processDeal = processDeal;
            this.runtime = runtime;
            this.children = children;
            this.creditDays = creditDays;
        }

        @Override
        public void execute(DelegateExecution e) {
            Deal deal = processDeal.deal(e);
            String quarter = REVENUE_QUARTER.required(e);
            DealFeeService.OverageStep step = fees.computeOverage(deal.getId(), quarter, creditDays, EngineClock.today());
            int number = step.outcome().instalmentNumber();
            boolean started = false;
            if (number > 0 && !collectionStarted(e, number)) {
                runtime.createProcessInstanceByKey(FEE_INSTALMENT_PROCESS).businessKey(deal.getCrmDealId())
                        .setVariable(INSTALMENT_NUMBER.name(), number)
                        .execute();
                started = true;
            }
            MORE_QUARTERS.set(e, step.nextQuarter() != null);
            if (step.nextQuarter() != null) {
                setQuarter(e, step.nextQuarter(), step.nextQuarterEnd());
            } else {
                // the last report: wait for the instalments still being collected (the one started here is not in the database yet)
                INSTALMENTS_OPEN.setTransient(e, started || children.anyRunning(FEE_INSTALMENT_PROCESS, deal.getCrmDealId()));
            }
        }

        private boolean collectionStarted(DelegateExecution e, int number) {
            return e.getProcessEngineServices().getHistoryService().createHistoricProcessInstanceQuery()
                    .processDefinitionKey(FEE_INSTALMENT_PROCESS).processInstanceBusinessKey(ProcessDeal.businessKey(e))
                    .variableValueEquals(INSTALMENT_NUMBER.name(), number).count() > 0;
        }
    }
}
