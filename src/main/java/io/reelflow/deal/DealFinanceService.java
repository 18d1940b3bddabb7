package io.reelflow.deal;

import io.reelflow.platform.EngineClock;
import io.reelflow.platform.web.ConflictException;
import io.reelflow.platform.web.FieldProblem;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.platform.web.NotFoundException;
import io.reelflow.royalty.FeeInstalmentVariables;
import io.reelflow.royalty.LicenceFeeService.InstalmentView;
import io.reelflow.royalty.LicenceFeeService.RevenueReportView;
import io.reelflow.royalty.LicenceFeeService;
import io.reelflow.royalty.LicenceFeeVariables;
import io.reelflow.royalty.rules.RevenueQuarters;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finance over REST, with the rules of the Tasklist forms: what the API receives is recorded by the same services the
 * forms' listeners call (same checks, same idempotency on the invoice number, bank reference or report reference), then
 * the task that waits for it is completed with the same fields, so the process moves on as after the form (the royalty
 * postings follow the payment) and the task is gone from Tasklist. When no task waits yet, the record is kept: the task,
 * once created, finds it recorded and is completed as soon as its creation commits.
 */
@Service
public class DealFinanceService {

    private static final Logger log = LoggerFactory.getLogger(DealFinanceService.class);

    static final String INVOICE_TASK = "invoiceInstalment";
    static final String PAYMENT_TASK = "recordPayment";
    static final String REVENUE_TASK = "enterRevenueReport";

    /** What the API did: the record as stored, whether it is new, and what became of the waiting task. */
    public record Result<T>(String crmDealId, T record, boolean created, TaskOutcome task) {
    }

    public enum TaskOutcome {
        /** the waiting task was completed: the process moved on */
        COMPLETED,
        /** no task waits for it now: it is kept, and its task is completed as soon as it is created */
        KEPT
    }

    private final DealRepository deals;
    private final LicenceFeeService fees;
    private final io.reelflow.royalty.DealFeeService dealFees;
    private final TaskService tasks;
    private final TransactionTemplate newTransaction;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    public DealFinanceService(DealRepository deals, LicenceFeeService fees, io.reelflow.royalty.DealFeeService dealFees, TaskService tasks,
                              PlatformTransactionManager transactions, org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.deals = deals;
        this.fees = fees;
        this.dealFees = dealFees;
        this.tasks = tasks;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The invoice of an instalment, as the "Invoice …" form records it. */
    @Transactional
    public Result<InstalmentView> invoice(String crmDealId, int number, String invoiceNumber, LocalDate invoicedOn, String user) {
        Deal deal = deal(crmDealId);
        InstalmentView before = fees.instalment(deal.getCrmDealId(), number);
        if (!before.triggered()) {
            throw new ConflictException("instalment " + number + " of " + crmDealId + " is not payable yet: its trigger (" + before.trigger()
                    + ") has not happened", List.of(new FieldProblem("number", "instalment " + number + " is " + before.status())));
        }
        InstalmentView after = fees.recordInvoice(deal.getCrmDealId(), number, invoiceNumber, invoicedOn, user);
        TaskOutcome outcome = completeWaiting(deal, INVOICE_TASK, number, invoiceFields(after), user);
        return new Result<>(crmDealId, after, before.invoiceNumber() == null, outcome);
    }

    /** The payment of an instalment, as the "Record payment …" form records it; the royalty postings follow. */
    @Transactional
    public Result<InstalmentView> payment(String crmDealId, int number, BigDecimal amount, String currency, LocalDate paidOn,
                                          String bankReference, String user) {
        Deal deal = deal(crmDealId);
        InstalmentView before = fees.instalment(deal.getCrmDealId(), number);
        if (before.invoiceNumber() == null) {
            throw new ConflictException("instalment " + number + " of " + crmDealId + " is not invoiced yet: record its invoice first",
                    List.of(new FieldProblem("number", "instalment " + number + " is " + before.status())));
        }
        InstalmentView after = fees.recordPayment(deal.getCrmDealId(), number, amount, currency, paidOn, bankReference, EngineClock.today(), user);
        TaskOutcome outcome = completeWaiting(deal, PAYMENT_TASK, number, paymentFields(after), user);
        return new Result<>(crmDealId, after, before.paidOn() == null, outcome);
    }

    /** A quarter's revenue report of a revenue-share deal, as the "Enter … revenue report" form records it. */
    @Transactional
    public Result<RevenueReportView> revenueReport(String crmDealId, String quarter, BigDecimal revenue, String currency, String reference,
                                                   String user) {
        Deal deal = deal(crmDealId);
        if (deal.terms().fee().type() != DealRequest.FeeType.MG_REVENUE_SHARE) {
            throw new ConflictException("deal " + crmDealId + " has a fixed licence fee: it has no revenue reports",
                    List.of(new FieldProblem("quarter", "deal " + crmDealId + " is not a revenue-share deal")));
        }
        String q = quarter == null ? "" : quarter.strip();
        if (!q.matches("\\d{4}-Q[1-4]")) throw new InvalidInputException("quarter", "required, as 2027-Q1");
        LocalDate start = RevenueQuarters.startOf(q);
        LocalDate end = start.plusMonths(3).minusDays(1);
        LocalDate today = EngineClock.today();
        if (end.isBefore(deal.getWindowStart()) || (deal.getWindowEnd() != null && start.isAfter(deal.getWindowEnd()))) {
            throw new InvalidInputException("quarter", q + " is outside the licence window " + deal.getWindowStart() + ".."
                    + (deal.getWindowEnd() == null ? "" : deal.getWindowEnd()));
        }
        if (!end.isBefore(today)) throw new InvalidInputException("quarter", q + " has not ended yet (it ends on " + end + ")");
        boolean known = fees.revenueReports(crmDealId).stream().anyMatch(r -> r.quarter().equals(q));
        dealFees.recordRevenueReport(deal.getCrmDealId(), q, revenue, currency, reference, user);
        RevenueReportView stored = revenueReport(crmDealId, q).orElseThrow();
        TaskOutcome outcome = completeWaiting(deal, REVENUE_TASK, q, revenueFields(stored), user);
        return new Result<>(crmDealId, stored, !known, outcome);
    }

    /**
     * When a finance task is created (its create listener): if the API has already recorded what it asks for, the task
     * is completed with that record once its creation commits, and does not stay in Tasklist.
     */
    void completeWhenAlreadyRecorded(String taskId, String taskKey, String crmDealId, Object which) {
        // only what the API kept for a task to come: a record entered through the form is never completed for anyone
        if (jdbc.update("DELETE FROM finance_api_kept WHERE deal_ref = ? AND task_key = ? AND which = ?", crmDealId, taskKey,
                String.valueOf(which)) == 0) {
            return;
        }
        Map<String, Object> fields = switch (taskKey) {
            case INVOICE_TASK -> {
                InstalmentView i = fees.instalment(crmDealId, (Integer) which);
                yield i.invoiceNumber() == null ? null : invoiceFields(i);
            }
            case PAYMENT_TASK -> {
                InstalmentView i = fees.instalment(crmDealId, (Integer) which);
                yield i.paidOn() == null ? null : paymentFields(i);
            }
            case REVENUE_TASK -> revenueReport(crmDealId, (String) which).map(DealFinanceService::revenueFields).orElse(null);
            default -> null;
        };
        if (fields == null || !TransactionSynchronizationManager.isSynchronizationActive()) return;
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    newTransaction.executeWithoutResult(s -> {
                        if (tasks.createTaskQuery().taskId(taskId).count() == 1) tasks.complete(taskId, fields);
                    });
                } catch (RuntimeException e) {
                    log.warn("task {} of {} is recorded already but could not be completed; finance completes it with the recorded values",
                            taskKey, crmDealId, e);
                }
            }
        });
    }

    private TaskOutcome completeWaiting(Deal deal, String taskKey, Object which, Map<String, Object> fields, String user) {
        List<Task> waiting = tasks.createTaskQuery().processInstanceBusinessKey(deal.getCrmDealId()).taskDefinitionKey(taskKey).list().stream()
                .filter(t -> Objects.equals(which, tasks.getVariable(t.getId(), taskKey.equals(REVENUE_TASK)
                        ? LicenceFeeVariables.REVENUE_QUARTER.name() : FeeInstalmentVariables.INSTALMENT_NUMBER.name())))
                .toList();
        if (waiting.isEmpty()) {
            jdbc.update("INSERT INTO finance_api_kept (deal_ref, task_key, which, kept_by) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    deal.getCrmDealId(), taskKey, String.valueOf(which), user);
            return TaskOutcome.KEPT;
        }
        for (Task t : waiting) {
            tasks.setAssignee(t.getId(), user);
            tasks.complete(t.getId(), fields);
        }
        return TaskOutcome.COMPLETED;
    }

    private Deal deal(String crmDealId) {
        return deals.byCrmDealId(crmDealId);
    }

    private Optional<RevenueReportView> revenueReport(String crmDealId, String quarter) {
        return fees.revenueReports(crmDealId).stream().filter(r -> r.quarter().equals(quarter)).findFirst();
    }

    private static Map<String, Object> invoiceFields(InstalmentView i) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put(FeeInstalmentVariables.INVOICE_NUMBER.name(), i.invoiceNumber());
        f.put(FeeInstalmentVariables.INVOICED_ON.name(), i.invoicedOn().toString());
        return f;
    }

    private static Map<String, Object> paymentFields(InstalmentView i) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put(FeeInstalmentVariables.PAID_AMOUNT.name(), i.paidAmount().toPlainString());
        f.put(FeeInstalmentVariables.PAID_CURRENCY.name(), i.paidCurrency());
        f.put(FeeInstalmentVariables.PAID_ON.name(), i.paidOn().toString());
        f.put(FeeInstalmentVariables.BANK_REFERENCE.name(), i.bankReference());
        return f;
    }

    private static Map<String, Object> revenueFields(RevenueReportView r) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put(LicenceFeeVariables.REVENUE.name(), r.revenue().toPlainString());
        f.put(LicenceFeeVariables.REVENUE_CURRENCY.name(), r.currency());
        f.put(LicenceFeeVariables.REPORT_REFERENCE.name(), r.reference());
        return f;
    }
}
