package io.reelflow.royalty;

import io.reelflow.platform.BusinessKey;
import io.reelflow.platform.process.TaskLabeller;
import io.reelflow.royalty.FeeDeals.FeeDeal;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Names the tasks of {@code licence-fee} and {@code fee-instalment} by the business key's deal
 * ({@code Invoice Netflix: instalment 1, The Last Lighthouse — NFX-2026-0101}): titles and licensee as the deal side
 * answers them ({@link FeeDeals}), the instalment, quarter and missing rate from routing variables the service set and
 * no form declares.
 */
@Component
class FeeTaskLabels implements TaskLabeller {

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "invoiceInstalment", "Invoice the licensee for this instalment and enter the invoice number and date.",
            "recordPayment", "When the licensee pays, enter the amount received, its currency, the day and the bank reference.",
            "chaseOverduePayment", "The instalment is overdue: chase the licensee and note the answer.",
            "enterFxRate", "Enter the exchange rate of the payment day so the receipt can be posted in the deal's currency.",
            "enterRevenueReport", "Enter the licensee's revenue report for the quarter: revenue, currency and report reference.");

    private final FeeDeals deals;

    FeeTaskLabels(FeeDeals deals) {
        this.deals = deals;
    }

    @Override
    public Set<String> processes() {
        return Set.of(LicenceFeeVariables.PROCESS, FeeInstalmentVariables.PROCESS);
    }

    @Override
    public Map<String, String> descriptions() {
        return DESCRIPTIONS;
    }

    @Override
    public String name(DelegateTask task) {
        String key = task.getTaskDefinitionKey();
        if (!DESCRIPTIONS.containsKey(key)) return null;
        String deal = BusinessKey.of(task);
        FeeDeal record = deals.feeDeal(deal);
        String titles = record.titleNames();
        String licensee = record.licensee();
        String what = switch (key) {
            case "invoiceInstalment" -> "Invoice " + licensee + ": instalment " + instalment(task) + ", " + titles;
            case "recordPayment" -> "Record payment of instalment " + instalment(task) + ": " + titles;
            case "chaseOverduePayment" -> "Payment overdue, instalment " + instalment(task) + ": " + titles;
            case "enterFxRate" -> "Enter exchange rate " + text(FeeInstalmentVariables.FX_FROM.get(task)) + " to "
                    + text(FeeInstalmentVariables.FX_TO.get(task)) + " of " + text(FeeInstalmentVariables.FX_DATE.get(task))
                    + ", instalment " + instalment(task);
            case "enterRevenueReport" -> "Enter " + licensee + " revenue report " + text(LicenceFeeVariables.REVENUE_QUARTER.get(task)) + ": " + titles;
            default -> null;
        };
        return what == null ? null : TaskLabeller.ofDeal(what, deal);
    }

    private static String instalment(DelegateTask task) {
        Integer n = FeeInstalmentVariables.INSTALMENT_NUMBER.get(task);
        return n == null ? "?" : n.toString();
    }

    private static String text(Object value) {
        return value == null ? "?" : value.toString();
    }
}
