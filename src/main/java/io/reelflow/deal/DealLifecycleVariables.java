package io.reelflow.deal;

import static io.reelflow.platform.ProcessVariable.display;
import static io.reelflow.platform.ProcessVariable.field;
import static io.reelflow.platform.ProcessVariable.routing;

import io.reelflow.platform.ProcessVariable;
import java.util.Date;

/**
 * The variables of {@code deal-lifecycle}. The deal itself is the instance's business key (the CRM deal id):
 * {@link #DEAL_ID} (this instance only, for Cockpit) and {@link #CRM_DEAL_ID} (passed to the children for their
 * task names and forms) never say which deal the glue acts on ({@link ProcessDeal} finds it from the key).
 */
public final class DealLifecycleVariables {

    public static final String PROCESS = "deal-lifecycle";

    public static final ProcessVariable<Long> DEAL_ID = routing("dealId", Long.class);
    public static final ProcessVariable<String> CRM_DEAL_ID = routing("crmDealId", String.class);
    public static final ProcessVariable<String> LICENSEE = routing("licensee", String.class);
    public static final ProcessVariable<String> TITLE_NAMES = routing("titleNames", String.class);
    /** The multi-instance element of "Deliver each title": one netflix-delivery per title of the deal. */
    public static final ProcessVariable<Long> TITLE_ID = routing("titleId", Long.class);
    public static final ProcessVariable<Boolean> RIGHTS_CLEAR = routing("rightsClear", Boolean.class);
    public static final ProcessVariable<Boolean> RIGHTS_GRANTED = routing("rightsGranted", Boolean.class);
    public static final ProcessVariable<Integer> CONFLICT_COUNT = routing("conflictCount", Integer.class);
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
