package io.reelflow.royalty;

import static io.reelflow.platform.EngineClock.startOf;

import io.reelflow.platform.EngineClock;
import io.reelflow.royalty.rules.StatementFrequency;
import io.reelflow.royalty.rules.StatementPeriod;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;

/**
 * What the glue of {@code royalty-statement} shares, and the start of each agreement's cycle ({@link StatementCycle}):
 * one instance per licensor agreement, a timer at each period end raising "Issue royalty statement: licensor period"
 * for finance, then the statement is frozen. Each step is its own class, named after its element.
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

}
