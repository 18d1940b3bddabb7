package io.reelflow.royalty;

import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.royalty.RoyaltyViews.StatementView;
import io.reelflow.royalty.rules.StatementFrequency;
import io.reelflow.royalty.rules.StatementPeriod;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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

    private RoyaltyStatementDelegates() {
    }

    static LocalDate today() {
        return LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC);
    }

    static Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    static void setPeriod(VariableScope scope, StatementPeriod period) {
        scope.setVariable("periodLabel", period.label());
        scope.setVariable("periodEndsAt", startOf(period.end().plusDays(1)));
        scope.setVariable("statementDue", startOf(period.end().plusDays(ISSUE_WITHIN_DAYS)));
    }

    /** Starts the statement cycle of a new agreement, in the transaction that records it. */
    @Service
    static class StatementCycle {
        private final RuntimeService runtime;

        StatementCycle(RuntimeService runtime) {
            this.runtime = runtime;
        }

        void start(long agreementId, String licensor, StatementFrequency frequency) {
            StatementPeriod first = StatementPeriod.containing(frequency, today());
            var start = runtime.createProcessInstanceByKey(PROCESS).businessKey("licensor-agreement-" + agreementId)
                    .setVariable("agreementId", agreementId)
                    .setVariable("licensor", licensor)
                    .setVariable("periodLabel", first.label())
                    .setVariable("periodEndsAt", startOf(first.end().plusDays(1)))
                    .setVariable("statementDue", startOf(first.end().plusDays(ISSUE_WITHIN_DAYS)))
                    .setVariable("finalStatement", false);
            start.execute();
        }

        /**
         * Ends the agreement's statement cycle: the statement of the current period becomes the final one and is
         * raised now (or, if finance is already issuing one, that one is the last).
         *
         * @return the label of the final period
         */
        String end(long agreementId) {
            String key = "licensor-agreement-" + agreementId;
            var instance = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS).processInstanceBusinessKey(key).singleResult();
            if (instance == null) {
                throw new io.reelflow.platform.web.ConflictException("the statement cycle of agreement " + agreementId + " has already ended",
                        java.util.List.of(new io.reelflow.platform.web.FieldProblem("id", "statements already ended")));
            }
            runtime.setVariable(instance.getId(), "finalStatement", true);
            runtime.createMessageCorrelation("licensorAgreementEnded").processInstanceBusinessKey(key).correlateAllWithResult();
            return (String) runtime.getVariable(instance.getId(), "periodLabel");
        }
    }

    /** {@code ${summarizeStatement}}: the figures of the period, shown read-only in the form. */
    @Component("summarizeStatement")
    static class SummarizeStatementListener implements TaskListener {
        private final RoyaltyStatementService statements;

        SummarizeStatementListener(RoyaltyStatementService statements) {
            this.statements = statements;
        }

        @Override
        public void notify(DelegateTask task) {
            StatementView s = statements.statement((String) task.getVariable("licensor"), (String) task.getVariable("periodLabel"));
            var t = s.totals();
            task.setVariableLocal("statementSummary", String.format(
                    "%s %s (%s to %s), %s: receipts %s, distribution fees %s, expenses recouped %s, advance recouped %s, royalty payable %s; "
                            + "advance outstanding at close %s, expenses unrecouped %s",
                    s.licensor(), s.period(), s.periodStart(), s.periodEnd(), s.currency(), t.receipts().toPlainString(),
                    t.distributionFees().toPlainString(), t.expensesRecouped().toPlainString(), t.advanceRecouped().toPlainString(),
                    t.royaltyPayable().toPlainString(), s.closing().advanceOutstanding().toPlainString(),
                    s.closing().expensesUnrecouped().toPlainString()));
            task.setVariableLocal("royaltyPayable", t.royaltyPayable().toPlainString() + " " + s.currency());
        }
    }

    /** {@code ${approveStatement}}: finance must confirm before the statement is frozen. */
    @Component("approveStatement")
    static class ApproveStatementListener implements TaskListener {
        @Override
        public void notify(DelegateTask task) {
            if (!Boolean.TRUE.equals(task.getVariable("confirmIssue"))) {
                throw new InvalidInputException("confirmIssue", "tick it to issue the " + task.getVariable("periodLabel")
                        + " statement; an issued statement is final");
            }
            task.getExecution().setVariable("statementIssuedBy", task.getAssignee() == null ? "finance" : task.getAssignee());
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
            String licensor = (String) e.getVariable("licensor");
            String period = (String) e.getVariable("periodLabel");
            Object by = e.getVariable("statementIssuedBy");
            statements.issue(licensor, period, by == null ? "finance" : by.toString());
            var agreement = agreements.agreement(((Number) e.getVariable("agreementId")).longValue());
            StatementFrequency frequency = StatementFrequency.valueOf(agreement.statementFrequency());
            StatementPeriod current = StatementPeriod.containing(frequency, LocalDate.parse(statements.statement(licensor, period).periodStart().toString()));
            if (!Boolean.TRUE.equals(e.getVariable("finalStatement"))) setPeriod(e, current.next());
            e.removeVariable("confirmIssue");
        }
    }
}
