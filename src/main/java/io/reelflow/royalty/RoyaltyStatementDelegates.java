package io.reelflow.royalty;

import static io.reelflow.platform.EngineClock.startOf;

import io.reelflow.platform.EngineClock;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.royalty.RoyaltyViews.StatementView;
import io.reelflow.royalty.rules.StatementFrequency;
import io.reelflow.royalty.rules.StatementPeriod;
import java.time.LocalDate;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;

/**
 * Process glue of {@code royalty-statement}: one instance per licensor agreement, a timer at each period end
 * raising "Issue royalty statement: licensor period" for finance, then the statement is frozen.
 */
final class RoyaltyStatementDelegates {

    static final String PROCESS = "royalty-statement";
    /** Finance has this many days after a period ends to issue its statement (the task's due date). */
    static final int ISSUE_WITHIN_DAYS = 30;

    static final String KEY_PREFIX = "licensor-agreement-";

    private RoyaltyStatementDelegates() {
    }

    static String businessKey(long agreementId) {
        return KEY_PREFIX + agreementId;
    }

    /** The agreement the instance works on: its business key {@code licensor-agreement-<id>}, never a variable. */
    static long agreementId(org.camunda.bpm.engine.delegate.VariableScope scope) {
        String key = io.reelflow.platform.BusinessKey.of(scope);
        if (!key.startsWith(KEY_PREFIX)) throw new IllegalStateException("'" + key + "' is not the key of a statement cycle");
        try {
            return Long.parseLong(key.substring(KEY_PREFIX.length()));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("'" + key + "' is not the key of a statement cycle", e);
        }
    }

    /** The variables naming a period and dating its timer and task. */
    static java.util.Map<String, Object> periodVariables(StatementPeriod period) {
        return java.util.Map.of(RoyaltyStatementVariables.PERIOD_LABEL.name(), period.label(),
                RoyaltyStatementVariables.PERIOD_ENDS_AT.name(), startOf(period.end().plusDays(1)),
                RoyaltyStatementVariables.STATEMENT_DUE.name(), startOf(period.end().plusDays(ISSUE_WITHIN_DAYS)));
    }

    /** Starts the statement cycle of a new agreement, in the transaction that records it. */
    @Service
    static class StatementCycle {
        private final RuntimeService runtime;

        StatementCycle(RuntimeService runtime) {
            this.runtime = runtime;
        }

        void start(long agreementId, String licensor, StatementFrequency frequency) {
            StatementPeriod first = StatementPeriod.containing(frequency, EngineClock.today());
            runtime.createProcessInstanceByKey(PROCESS).businessKey(businessKey(agreementId))
                    .setVariable(RoyaltyStatementVariables.AGREEMENT_ID.name(), agreementId)
                    .setVariable(RoyaltyStatementVariables.LICENSOR.name(), licensor)
                    .setVariables(periodVariables(first))
                    .setVariable(RoyaltyStatementVariables.FINAL_STATEMENT.name(), false)
                    .execute();
        }

        /**
         * Ends the agreement's statement cycle: the statement of the current period becomes the final one and is
         * raised now (or, if finance is already issuing one, that one is the last).
         *
         * @return the label of the final period
         */
        String end(long agreementId) {
            String key = businessKey(agreementId);
            var instance = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS).processInstanceBusinessKey(key).singleResult();
            if (instance == null) {
                throw new io.reelflow.platform.web.ConflictException("the statement cycle of agreement " + agreementId + " has already ended",
                        java.util.List.of(new io.reelflow.platform.web.FieldProblem("id", "statements already ended")));
            }
            runtime.setVariable(instance.getId(), RoyaltyStatementVariables.FINAL_STATEMENT.name(), true);
            runtime.createMessageCorrelation("licensorAgreementEnded").processInstanceBusinessKey(key).correlateAllWithResult();
            return (String) runtime.getVariable(instance.getId(), RoyaltyStatementVariables.PERIOD_LABEL.name());
        }
    }

    /** {@code ${summarizeStatement}}: the figures of the period, shown read-only in the form. */
    @Component("summarizeStatement")
    static class SummarizeStatementListener implements TaskListener {
        private final RoyaltyStatementService statements;
        private final RoyaltyAgreementService agreements;

        SummarizeStatementListener(RoyaltyStatementService statements, RoyaltyAgreementService agreements) {
            this.statements = statements;
            this.agreements = agreements;
        }

        @Override
        public void notify(DelegateTask task) {
            String licensor = agreements.agreement(agreementId(task)).licensor();
            StatementView s = statements.statement(licensor, RoyaltyStatementVariables.PERIOD_LABEL.required(task));
            var t = s.totals();
            java.util.function.Function<java.math.BigDecimal, String> money = a -> io.reelflow.platform.MoneyFormat.format(a, s.currency());
            RoyaltyStatementVariables.STATEMENT_SUMMARY.setLocal(task, String.format(
                    "%s %s (%s to %s): receipts %s, distribution fees %s, expenses recouped %s, advance recouped %s, royalty payable %s; "
                            + "advance outstanding at close %s, expenses unrecouped %s",
                    s.licensor(), s.period(), s.periodStart(), s.periodEnd(), money.apply(t.receipts()),
                    money.apply(t.distributionFees()), money.apply(t.expensesRecouped()), money.apply(t.advanceRecouped()),
                    money.apply(t.royaltyPayable()), money.apply(s.closing().advanceOutstanding()),
                    money.apply(s.closing().expensesUnrecouped())));
            RoyaltyStatementVariables.ROYALTY_PAYABLE.setLocal(task, io.reelflow.platform.MoneyFormat.format(t.royaltyPayable(), s.currency()));
        }
    }

    /** {@code ${approveStatement}}: finance must confirm before the statement is frozen. */
    @Component("approveStatement")
    static class ApproveStatementListener implements TaskListener {
        @Override
        public void notify(DelegateTask task) {
            if (!Boolean.TRUE.equals(task.getVariable(RoyaltyStatementVariables.CONFIRM_ISSUE.name()))) {
                throw new InvalidInputException(RoyaltyStatementVariables.CONFIRM_ISSUE.name(), "tick it to issue the "
                        + RoyaltyStatementVariables.PERIOD_LABEL.get(task) + " statement; an issued statement is final");
            }
            RoyaltyStatementVariables.STATEMENT_ISSUED_BY.set(task.getExecution(), task.getAssignee() == null ? "finance" : task.getAssignee());
        }
    }

    /** {@code ${issueRoyaltyStatement}}: freezes the statement and moves on to the next period. */
    @Component("issueRoyaltyStatement")
    static class IssueRoyaltyStatementDelegate implements JavaDelegate {
        private final RoyaltyStatementService statements;
        private final RoyaltyAgreementService agreements;

        IssueRoyaltyStatementDelegate(RoyaltyStatementService statements, RoyaltyAgreementService agreements) {
            this.statements = statements;
            this.agreements = agreements;
        }

        @Override
        public void execute(DelegateExecution e) {
            var agreement = agreements.agreement(agreementId(e));
            String by = RoyaltyStatementVariables.STATEMENT_ISSUED_BY.text(e);
            StatementView issued = statements.issue(agreement.licensor(), RoyaltyStatementVariables.PERIOD_LABEL.required(e),
                    by == null ? "finance" : by).statement();
            if (!Boolean.TRUE.equals(RoyaltyStatementVariables.FINAL_STATEMENT.get(e))) {
                StatementFrequency frequency = StatementFrequency.valueOf(agreement.statementFrequency());
                e.setVariables(periodVariables(StatementPeriod.containing(frequency, issued.periodStart()).next()));
            }
            e.removeVariable(RoyaltyStatementVariables.CONFIRM_ISSUE.name());
        }
    }
}
