package io.reelflow.royalty;

import io.reelflow.platform.process.MoneyVariableNames;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The statement cycle's variables that show money in finance's form: kept out of the engine's history. */
@Component
class StatementMoneyVariables implements MoneyVariableNames {

    @Override
    public Set<String> names() {
        return Set.of(RoyaltyStatementVariables.STATEMENT_SUMMARY.name(), RoyaltyStatementVariables.ROYALTY_PAYABLE.name());
    }
}
