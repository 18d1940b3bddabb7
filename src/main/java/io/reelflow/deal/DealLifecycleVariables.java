package io.reelflow.deal;

import static io.reelflow.platform.ProcessVariable.display;
import static io.reelflow.platform.ProcessVariable.field;
import static io.reelflow.platform.ProcessVariable.routing;

import io.reelflow.platform.ProcessVariable;
import java.util.Date;

/**
 * The variables of {@code deal-lifecycle}. The deal itself is the instance's business key (the CRM deal id),
 * which {@link ProcessDeal} reads; the instance starts with no variables. Routing values are transient (read in the
 * transaction that sets them); what a form shows is set task-locally when the task is created ({@link DealTaskContext}).
 */
public final class DealLifecycleVariables {

    public static final String PROCESS = "deal-lifecycle";

    // every task of the deal's processes: shown in its form, set by DealTaskContext
    public static final ProcessVariable<String> CRM_DEAL_ID = display("crmDealId", String.class);
    public static final ProcessVariable<String> LICENSEE = display("licensee", String.class);
    public static final ProcessVariable<String> TITLE_NAMES = display("titleNames", String.class);
    public static final ProcessVariable<Boolean> RIGHTS_CLEAR = routing("rightsClear", Boolean.class);
    public static final ProcessVariable<Boolean> RIGHTS_GRANTED = routing("rightsGranted", Boolean.class);
    public static final ProcessVariable<Integer> CONFLICT_COUNT = display("conflictCount", Integer.class);
    public static final ProcessVariable<Date> CONFLICT_DUE_DATE = routing("conflictDueDate", Date.class);

    // resolve-rights-conflict
    public static final ProcessVariable<String> CONFLICT_SUMMARY = display("conflictSummary", String.class);
    public static final ProcessVariable<String> RESOLUTION = field("resolution", String.class);
    public static final ProcessVariable<String> CARVE_OUT_TERRITORIES = field("carveOutTerritories", String.class);
    public static final ProcessVariable<String> NEW_WINDOW_START = field("newWindowStart", String.class);
    public static final ProcessVariable<String> NEW_WINDOW_END = field("newWindowEnd", String.class);
    public static final ProcessVariable<String> RESOLUTION_NOTE = field("resolutionNote", String.class);

    private DealLifecycleVariables() {
    }
}
