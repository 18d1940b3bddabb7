package io.reelflow.royalty;

import static io.reelflow.platform.ProcessVariable.display;
import static io.reelflow.platform.ProcessVariable.field;
import static io.reelflow.platform.ProcessVariable.routing;

import io.reelflow.platform.ProcessVariable;
import java.util.Date;

/** The variables of {@code licence-fee}; the deal is the business key (the CRM deal id). */
public final class LicenceFeeVariables {

    public static final String PROCESS = "licence-fee";

    public static final ProcessVariable<String> CRM_DEAL_ID = display("crmDealId", String.class);
    public static final ProcessVariable<String> LICENSEE = display("licensee", String.class);
    public static final ProcessVariable<String> TITLE_NAMES = display("titleNames", String.class);
    public static final ProcessVariable<Boolean> REVENUE_SHARE = routing("revenueShare", Boolean.class);
    public static final ProcessVariable<String> REVENUE_QUARTER = routing("revenueQuarter", String.class);
    public static final ProcessVariable<Date> QUARTER_ENDS_AT = routing("quarterEndsAt", Date.class);
    public static final ProcessVariable<Date> REVENUE_REPORT_DUE = routing("revenueReportDue", Date.class);
    public static final ProcessVariable<Boolean> MORE_QUARTERS = routing("moreQuarters", Boolean.class);
    /** After the last report: is an instalment of the deal still being collected (then "Instalments collected" waits)? */
    public static final ProcessVariable<Boolean> INSTALMENTS_OPEN = routing("instalmentsOpen", Boolean.class);

    // enter-revenue-report: money, removed from the process once stored
    public static final ProcessVariable<String> REVENUE = field("revenue", String.class);
    public static final ProcessVariable<String> REVENUE_CURRENCY = field("revenueCurrency", String.class);
    public static final ProcessVariable<String> REPORT_REFERENCE = field("reportReference", String.class);

    private LicenceFeeVariables() {
    }
}
