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

    private RoyaltyStatementDelegates() {
    }

    /** The variables naming a period and dating its timer and task. */
    static java.util.Map<String, Object> periodVariables(StatementPeriod period) {
        return java.util.Map.of("periodLabel", period.label(),
                "periodEndsAt", startOf(period.end().plusDays(1)),
                "statementDue", startOf(period.end().plusDays(ISSUE_WITHIN_DAYS)));
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
            runtime.createProcessInstanceByKey(PROCESS).businessKey("licensor-agreement-" + agreementId)
                    .setVariable("agreementId", agreementId)
                    .setVariable("licensor", licensor)
                    .setVariables(periodVariables(first))
                    .setVariable("finalStatement", false)
                    .execute();
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
            Object by = e.getVariable("statementIssuedBy");
            StatementView issued = statements.issue((String) e.getVariable("licensor"), (String) e.getVariable("periodLabel"),
                    by == null ? "finance" : by.toString()).statement();
            if (!Boolean.TRUE.equals(e.getVariable("finalStatement"))) {
                StatementFrequency frequency = StatementFrequency.valueOf(
                        agreements.agreement(((Number) e.getVariable("agreementId")).longValue()).statementFrequency());
                e.setVariables(periodVariables(StatementPeriod.containing(frequency, issued.periodStart()).next()));
            }
            e.removeVariable("confirmIssue");
        }
    }
}
