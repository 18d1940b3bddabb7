package io.reelflow.deal;

import io.reelflow.platform.process.TaskLabeller;
import io.reelflow.window.WindowWatchVariables;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Names the tasks of {@code deal-lifecycle} and {@code window-watch} by the business key's deal
 * ({@code Resolve rights conflict: The Last Lighthouse — NFX-2026-0101}): titles and licensee from the deal's records,
 * the window's last day from its timer plan ({@code royalty/FeeTaskLabels} names the fee processes' tasks).
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
            "decideRenewal", "The licence window is ending: renew (new end and fee) or let it expire.",
            "escalateRenewal", "No renewal decision yet and the window is about to end: decide or note who will.");

    @Override
    public Set<String> processes() {
        return Set.of(DealLifecycleVariables.PROCESS, WindowWatchVariables.PROCESS);
    }

    @Override
    public Map<String, String> descriptions() {
        return DESCRIPTIONS;
    }

    @Override
    public String name(DelegateTask task) {
        Deal record = processDeal.deal(task);
        String deal = record.getCrmDealId();
        String titles = processDeal.titleNames(record.getId());
        String licensee = record.getLicensee();
        String what = switch (task.getTaskDefinitionKey()) {
            case "resolveRightsConflict" -> "Resolve rights conflict: " + titles;
            case "decideRenewal" -> "Decide renewal: " + titles + " for " + licensee + ", window ends " + windowEnd(deal);
            case "escalateRenewal" -> "Renewal undecided: " + titles + " for " + licensee + ", window ends " + windowEnd(deal);
            default -> null;
        };
        return what == null ? null : TaskLabeller.ofDeal(what, deal);
    }

    private String windowEnd(String crmDealId) {
        return windows.storedPlan(crmDealId).windowEndLabel();
    }
}
