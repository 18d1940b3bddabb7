package io.reelflow.royalty;

import io.reelflow.royalty.RoyaltyViews.StatementView;
import io.reelflow.royalty.rules.StatementFrequency;
import io.reelflow.royalty.rules.StatementPeriod;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code ${freezeStatement}}: freezes the statement and moves on to the next period. */
@Component("freezeStatement")
class FreezeStatementDelegate implements JavaDelegate {
    private final RoyaltyStatementService statements;
    private final RoyaltyAgreementService agreements;

    FreezeStatementDelegate(RoyaltyStatementService statements, RoyaltyAgreementService agreements) {
        this.statements = statements;
        this.agreements = agreements;
    }

    @Override
    public void execute(DelegateExecution e) {
        var agreement = agreements.agreement(RoyaltyStatementDelegates.agreementId(e));
        String by = RoyaltyStatementVariables.STATEMENT_ISSUED_BY.text(e);
        StatementView issued = statements.issue(agreement.licensor(), RoyaltyStatementVariables.PERIOD_LABEL.required(e),
                by == null ? "finance" : by).statement();
        if (!Boolean.TRUE.equals(RoyaltyStatementVariables.FINAL_STATEMENT.get(e))) {
            StatementFrequency frequency = StatementFrequency.valueOf(agreement.statementFrequency());
            e.setVariables(RoyaltyStatementDelegates.periodVariables(StatementPeriod.containing(frequency, issued.periodStart()).next()));
        }
        e.removeVariable(RoyaltyStatementVariables.CONFIRM_ISSUE.name());
    }
}
