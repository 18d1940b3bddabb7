package io.reelflow.delivery;

import io.reelflow.platform.process.TaskLabeller;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Names the tasks of {@code netflix-delivery} and {@code localization-track}: the title, the track (kind and
 * language), the attempt where there is one, and the deal — {@code Upload The Last Lighthouse to Backlot — NFX-2026-0101}.
 * Everything comes from the delivery and track of the business key's deal ({@link ProcessDelivery}).
 */
@Component
public class DeliveryTaskLabels implements TaskLabeller {

    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("setUpBacklot", "Create the title in Netflix Backlot, enter its Backlot title id and request the source files."),
            Map.entry("escalateBacklotSetup", "Backlot setup is late: find out why and note what will unblock it."),
            Map.entry("orderImfPackage", "Order the IMF package from the post house and enter its purchase order and due date."),
            Map.entry("awaitPackage", "When the post house delivers, enter where the IMF package was stored to start its inspection."),
            Map.entry("returnImfPackage", "The package failed inspection: send the findings back to the post house and ask for a corrected package."),
            Map.entry("fixMetadata", "Correct the metadata Netflix flagged in Backlot and note what was changed."),
            Map.entry("uploadToBacklot", "Upload the package and tracks to Backlot, tick the checklist and confirm the upload."),
            Map.entry("awaitQc", "Enter Netflix's QC result (accepted or rejected, with its items) when Backlot reports it."),
            Map.entry("escalateQc", "Netflix's QC is late: chase it in Backlot and note the answer."),
            Map.entry("deliveryAtRisk", "The delivery was rejected three times: decide how it goes on and note why."),
            Map.entry("orderTrack", "Order the track from a localization vendor and enter the vendor, purchase order and due date."),
            Map.entry("awaitTrack", "When the vendor delivers, enter where the track file was stored to start its check."),
            Map.entry("returnTrack", "The track failed its check: send the findings back to the vendor and ask for a corrected file."),
            Map.entry("waivePackageFindings", "The coordinator holds the package's failed inspection for a false positive: waive it in writing or refuse."),
            Map.entry("waiveTrackFindings", "The coordinator holds the track's failed check for a false positive: waive it in writing or refuse."));

    private final ProcessDelivery processDelivery;
    private final DeliveryService deliveries;

    DeliveryTaskLabels(ProcessDelivery processDelivery, DeliveryService deliveries) {
        this.processDelivery = processDelivery;
        this.deliveries = deliveries;
    }

    @Override
    public Set<String> processes() {
        return Set.of(NetflixDeliveryVariables.PROCESS, LocalizationTrackVariables.PROCESS);
    }

    @Override
    public Map<String, String> descriptions() {
        return DESCRIPTIONS;
    }

    @Override
    public String name(DelegateTask task) {
        DeliveryService.Delivery d = deliveries.get(processDelivery.deliveryId(task));
        String title = d.titleName();
        String what = switch (task.getTaskDefinitionKey()) {
            case "setUpBacklot" -> "Set up " + title + " in Backlot";
            case "escalateBacklotSetup" -> "Backlot setup overdue: " + title;
            case "orderImfPackage" -> (d.postHouse() == null ? "Order IMF package: " : "Re-order IMF package: ") + title;
            case "awaitPackage" -> "Receive IMF package: " + title;
            case "returnImfPackage" -> "Return package to post house: " + title;
            case "waivePackageFindings" -> "Decide on waiver of IMF package: " + title;
            case "fixMetadata" -> "Fix metadata in Backlot: " + title;
            case "uploadToBacklot" -> "Upload " + title + " to Backlot" + submission(d.attempt() + 1);
            case "awaitQc" -> "Record Netflix QC result: " + title + submission(d.attempt());
            case "escalateQc" -> "QC overdue: " + title + submission(d.attempt());
            case "deliveryAtRisk" -> "Delivery at risk: " + title + " (" + d.rejections() + " rejections)";
            case "orderTrack", "awaitTrack", "returnTrack", "waiveTrackFindings" -> trackTask(task, title);
            default -> null;
        };
        return what == null ? null : TaskLabeller.ofDeal(what, d.dealRef());
    }

    private String trackTask(DelegateTask task, String title) {
        DeliveryService.Track t = processDelivery.track(task);
        return switch (task.getTaskDefinitionKey()) {
            // the order about to be placed is attempt n+1; receiving and returning concern the order placed last
            case "orderTrack" -> "Order " + t.label() + attempt(t.attempts() + 1) + ": " + title;
            case "awaitTrack" -> "Receive " + t.label() + attempt(t.attempts()) + ": " + title;
            case "waiveTrackFindings" -> "Decide on waiver of " + t.label() + attempt(t.attempts()) + ": " + title;
            default -> "Return " + t.label() + " to vendor" + attempt(t.attempts()) + ": " + title;
        };
    }

    private static String attempt(int n) {
        return n > 1 ? " (attempt " + n + ")" : "";
    }

    private static String submission(int n) {
        return n > 1 ? " (submission " + n + ")" : "";
    }
}
