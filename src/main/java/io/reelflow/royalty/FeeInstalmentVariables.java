package io.reelflow.royalty;

import static io.reelflow.platform.ProcessVariable.display;
import static io.reelflow.platform.ProcessVariable.field;
import static io.reelflow.platform.ProcessVariable.routing;

import io.reelflow.platform.ProcessVariable;

/**
 * The variables of {@code fee-instalment}: the deal is the business key (the CRM deal id), the instalment
 * is {@link #INSTALMENT_NUMBER} of that deal (set by the call's {@code in} mapping or the starting delegate,
 * declared by no form), looked up through the deal.
 */
public final class FeeInstalmentVariables {

    public static final String PROCESS = "fee-instalment";

    public static final ProcessVariable<String> CRM_DEAL_ID = display("crmDealId", String.class);
    public static final ProcessVariable<String> LICENSEE = display("licensee", String.class);
    public static final ProcessVariable<String> TITLE_NAMES = display("titleNames", String.class);
    // timers and due dates read the instalment's record (InstalmentDates); TRIGGER_KNOWN is transient
    /** Which instalment of the deal the instance collects: set when it is started (schedule, overage, renewal). */
    public static final ProcessVariable<Integer> INSTALMENT_NUMBER = routing("instalmentNumber", Integer.class);
    public static final ProcessVariable<Boolean> TRIGGER_KNOWN = routing("triggerKnown", Boolean.class);
    /** The trigger has happened and its invoice day has come: the invoice task is created without waiting on a timer. */
    public static final ProcessVariable<Boolean> INVOICE_DUE = routing("invoiceDue", Boolean.class);
    public static final ProcessVariable<Integer> RECEIPTS_POSTED = routing("receiptsPosted", Integer.class);
    /** The missing rate's currencies and day: routing for the "Enter exchange rate" task (its name and its listener). */
    public static final ProcessVariable<String> FX_FROM = routing("fxFrom", String.class);
    public static final ProcessVariable<String> FX_TO = routing("fxTo", String.class);
    public static final ProcessVariable<String> FX_DATE = routing("fxDate", String.class);

    // invoice-instalment, record-payment, chase-overdue-payment: shown task-locally (the label is money)
    public static final ProcessVariable<String> INSTALMENT_LABEL = display("instalmentLabel", String.class);
    public static final ProcessVariable<String> INSTALMENT_TRIGGER = display("instalmentTrigger", String.class);
    public static final ProcessVariable<String> PAYMENT_DUE_LABEL = display("paymentDueLabel", String.class);
    // invoice-instalment
    public static final ProcessVariable<String> INVOICE_NUMBER = field("invoiceNumber", String.class);
    public static final ProcessVariable<String> INVOICED_ON = field("invoicedOn", String.class);
    // record-payment: money, removed from the process once stored
    public static final ProcessVariable<String> PAID_AMOUNT = field("paidAmount", String.class);
    public static final ProcessVariable<String> PAID_CURRENCY = field("paidCurrency", String.class);
    public static final ProcessVariable<String> PAID_ON = field("paidOn", String.class);
    public static final ProcessVariable<String> BANK_REFERENCE = field("bankReference", String.class);
    // enter-fx-rate: money, removed from the process once stored
    public static final ProcessVariable<String> FX_RATE = field("fxRate", String.class);
    // chase-overdue-payment
    public static final ProcessVariable<String> CHASE_NOTE = field("chaseNote", String.class);

    private FeeInstalmentVariables() {
    }
}
