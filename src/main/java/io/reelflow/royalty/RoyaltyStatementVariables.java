package io.reelflow.royalty;

import static io.reelflow.platform.ProcessVariable.display;
import static io.reelflow.platform.ProcessVariable.field;
import static io.reelflow.platform.ProcessVariable.routing;

import io.reelflow.platform.ProcessVariable;
import java.util.Date;

/**
 * The variables of {@code royalty-statement}, one instance per licensor agreement, keyed
 * {@code licensor-agreement-<id>}: the agreement (and so the licensor) comes from that key, never from
 * {@link #AGREEMENT_ID} or {@link #LICENSOR}, which are kept for task names and Cockpit.
 */
public final class RoyaltyStatementVariables {

    public static final String PROCESS = "royalty-statement";

    public static final ProcessVariable<Long> AGREEMENT_ID = routing("agreementId", Long.class);
    public static final ProcessVariable<String> LICENSOR = routing("licensor", String.class);
    public static final ProcessVariable<String> PERIOD_LABEL = routing("periodLabel", String.class);
    public static final ProcessVariable<Date> PERIOD_ENDS_AT = routing("periodEndsAt", Date.class);
    public static final ProcessVariable<Date> STATEMENT_DUE = routing("statementDue", Date.class);
    public static final ProcessVariable<Boolean> FINAL_STATEMENT = routing("finalStatement", Boolean.class);
    public static final ProcessVariable<String> STATEMENT_ISSUED_BY = routing("statementIssuedBy", String.class);

    // issue-royalty-statement: the figures are task-local, shown while the task is open
    public static final ProcessVariable<String> STATEMENT_SUMMARY = display("statementSummary", String.class);
    public static final ProcessVariable<String> ROYALTY_PAYABLE = display("royaltyPayable", String.class);
    public static final ProcessVariable<Boolean> CONFIRM_ISSUE = field("confirmIssue", Boolean.class);

    private RoyaltyStatementVariables() {
    }
}
