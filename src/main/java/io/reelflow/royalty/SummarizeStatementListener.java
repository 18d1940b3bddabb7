package io.reelflow.royalty;

import io.reelflow.royalty.RoyaltyViews.StatementView;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code ${summarizeStatement}}: the figures of the period, shown read-only in the form. */
@Component("summarizeStatement")
class SummarizeStatementListener implements TaskListener {
    private final RoyaltyStatementService statements;
    private final RoyaltyAgreementService agreements;

    SummarizeStatementListener(RoyaltyStatementService statements, RoyaltyAgreementService agreements) {
        this.statements = statements;
        this.agreements = agreements;
    }

    @Override
    public void notify(DelegateTask task) {
        String licensor = agreements.agreement(RoyaltyStatementDelegates.agreementId(task)).licensor();
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
