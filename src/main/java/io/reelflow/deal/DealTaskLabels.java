package io.reelflow.deal;

import io.reelflow.platform.process.TaskLabeller;
import io.reelflow.window.WindowWatchVariables;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Names the tasks of {@code deal-lifecycle}, {@code licence-fee}, {@code fee-instalment} and {@code window-watch}
 * by the business key's deal ({@code Resolve rights conflict: The Last Lighthouse — NFX-2026-0101}): titles and
 * licensee from the deal's records, the window's last day from its timer plan, the instalment, quarter and missing
 * rate from routing variables the service set and no form declares.
 */
@Component
public class DealTaskLabels implements TaskLabeller {

    private final ProcessDeal processDeal;
    private final DealWindowService windows;

    DealTaskLabels(ProcessDeal processDeal, DealWindowService windows) {
        this.processDeal = processDeal;
        this.windows = windows;
    }

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "resolveRightsConflict", "The deal overlaps rights already licensed or not held: carve out territories, move the window or withdraw the deal.",
            "invoiceInstalment", "Invoice the licensee for this instalment and enter the invoice number and date.",
            "recordPayment", "When the licensee pays, enter the amount received, its currency, the day and the bank reference.",
            "chaseOverduePayment", "The instalment is overdue: chase the licensee and note the answer.",
            "enterFxRate", "Enter the exchange rate of the payment day so the receipt can be posted in the deal's currency.",
            "enterRevenueReport", "Enter the licensee's revenue report for the quarter: revenue, currency and report reference.",
            "decideRenewal", "The licence window is ending: renew (new end and fee) or let it expire.",
            "escalateRenewal", "No renewal decision yet and the window is about to end: decide or note who will.");

    @Override
    public Set<String> processes() {
        return Set.of(DealLifecycleVariables.PROCESS, LicenceFeeVariables.PROCESS, FeeInstalmentVariables.PROCESS, WindowWatchVariables.PROCESS);
    }

    @Override
    public String description(String processKey, String taskKey) {
        return processes().contains(processKey) ? DESCRIPTIONS.get(taskKey) : null;
    }

    @Override
    public String name(DelegateTask task) {
        Deal record = processDeal.deal(task);
        String deal = record.getCrmDealId();
        String titles = processDeal.titleNames(record.getId());
        String licensee = record.getLicensee();
        String what = switch (task.getTaskDefinitionKey()) {
            case "resolveRightsConflict" -> "Resolve rights conflict: " + titles;
            case "invoiceInstalment" -> "Invoice " + licensee + ": instalment " + instalment(task) + ", " + titles;
            case "recordPayment" -> "Record payment of instalment " + instalment(task) + ": " + titles;
            case "chaseOverduePayment" -> "Payment overdue, instalment " + instalment(task) + ": " + titles;
            case "enterFxRate" -> "Enter exchange rate " + text(FeeInstalmentVariables.FX_FROM.get(task)) + " to "
                    + text(FeeInstalmentVariables.FX_TO.get(task)) + " of " + text(FeeInstalmentVariables.FX_DATE.get(task))
                    + ", instalment " + instalment(task);
            case "enterRevenueReport" -> "Enter " + licensee + " revenue report " + text(LicenceFeeVariables.REVENUE_QUARTER.get(task)) + ": " + titles;
            case "decideRenewal" -> "Decide renewal: " + titles + " for " + licensee + ", window ends " + windowEnd(deal);
            case "escalateRenewal" -> "Renewal undecided: " + titles + " for " + licensee + ", window ends " + windowEnd(deal);
            default -> null;
        };
        return what == null ? null : TaskLabeller.ofDeal(what, deal);
    }

    private String windowEnd(String crmDealId) {
        return windows.storedPlan(crmDealId).windowEndLabel();
    }

    private static String instalment(DelegateTask task) {
        Integer n = FeeInstalmentVariables.INSTALMENT_NUMBER.get(task);
        return n == null ? "?" : n.toString();
    }

    private static String text(Object value) {
        return value == null ? "?" : value.toString();
    }
}
