package io.reelflow.window;

import static io.reelflow.platform.ProcessVariable.display;
import static io.reelflow.platform.ProcessVariable.field;

import io.reelflow.platform.ProcessVariable;

/** The variables of {@code window-watch}; the deal is the business key (the CRM deal id). */
public final class WindowWatchVariables {

    public static final String PROCESS = "window-watch";

    // the deal's header, shown by the shared listener ${dealTaskContext} (the same names as deal-lifecycle's)
    public static final ProcessVariable<String> CRM_DEAL_ID = display("crmDealId", String.class);
    public static final ProcessVariable<String> LICENSEE = display("licensee", String.class);
    public static final ProcessVariable<String> TITLE_NAMES = display("titleNames", String.class);

    // the timers and gateways read the plan kept with the window (WindowTimers), not variables; the decision is
    // stored in the window's records and forgotten by the process

    // decide-renewal, renewal-undecided
    public static final ProcessVariable<String> WINDOW_END_LABEL = display("windowEndLabel", String.class);
    public static final ProcessVariable<String> RENEWAL_SUMMARY = display("renewalSummary", String.class);
    public static final ProcessVariable<String> RENEWAL_DECISION = field("renewalDecision", String.class);
    public static final ProcessVariable<String> NEW_WINDOW_END = field("newWindowEnd", String.class);
    public static final ProcessVariable<String> NEW_FEE_AMOUNT = field("newFeeAmount", String.class);
    public static final ProcessVariable<String> RENEWAL_NOTE = field("renewalNote", String.class);
    public static final ProcessVariable<String> ESCALATION_NOTE = field("escalationNote", String.class);

    private WindowWatchVariables() {
    }
}
