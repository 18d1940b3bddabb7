package io.reelflow.delivery;

import io.reelflow.platform.BusinessKey;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code ${showDelivery}}, when a netflix-delivery task is created: what its form shows (tracks, format, the
 * upload checklist, QC items, metadata to fix) and the defaults of its fields, read from the delivery's records
 * into task-local variables. They end with the task; complete listeners read the records, not these.
 */
@Component("showDelivery")
class ShowDeliveryListener implements TaskListener {
    private final DeliveryService deliveries;
    private final ProcessDelivery processDelivery;

    ShowDeliveryListener(DeliveryService deliveries, ProcessDelivery processDelivery) {
        this.deliveries = deliveries;
        this.processDelivery = processDelivery;
    }

    @Override
    public void notify(DelegateTask task) {
        long id = processDelivery.deliveryId(task);
        switch (task.getTaskDefinitionKey()) {
            case "setUpBacklot", "escalateBacklotSetup" -> {
                List<DeliveryService.Track> tracks = deliveries.tracks(id);
                StringBuilder summary = new StringBuilder();
                StringBuilder requests = new StringBuilder("IMF package: \n");
                for (DeliveryService.Track t : tracks) {
                    summary.append(Deliveries.label(t.kind())).append(' ').append(t.language()).append('\n');
                    requests.append(Deliveries.label(t.kind())).append(' ').append(t.language()).append(": \n");
                }
                NetflixDeliveryVariables.TRACK_SUMMARY.setLocal(task, summary.isEmpty() ? "no localization required" : summary.toString().strip());
                NetflixDeliveryVariables.CRM_DEAL_ID.setLocal(task, BusinessKey.of(task));
                java.time.LocalDate due = deliveries.get(id).dueDate();
                NetflixDeliveryVariables.DELIVERY_DUE_LABEL.setLocal(task, due == null ? "not set" : due.toString());
                if (task.getTaskDefinitionKey().equals("setUpBacklot")) {
                    NetflixDeliveryVariables.SOURCE_REQUESTS.setLocal(task, requests.toString().strip());
                }
            }
            case "orderImfPackage" -> {
                DeliveryService.Delivery d = deliveries.get(id);
                NetflixDeliveryVariables.FORMAT_LABEL.setLocal(task, d.formatLabel());
                StringBuilder context = new StringBuilder();
                if (d.postHouse() != null) {
                    // a re-order: why, and the previous order pre-filled (changeable)
                    context.append("**Ordered again.** Why:");
                    List<String> qc = deliveries.qcItemsOfPackage(id);
                    qc.forEach(i -> context.append("\n- Netflix QC, ").append(i));
                    if ("FAILED".equals(d.packageStatus()) && d.packageFindings() != null) {
                        context.append("\n- Last inspection: ").append(d.packageFindings().strip());
                    }
                    if (qc.isEmpty() && !"FAILED".equals(d.packageStatus())) context.append("\n- (no reason recorded)");
                    java.util.Optional<DeliveryService.Decision> change = deliveries.currentDecision(id)
                            .filter(c -> c.decision() == DeliveryService.RiskDecision.CHANGE_VENDOR);
                    context.append("\n\n**Previous order:** ").append(d.postHouse())
                            .append(d.purchaseOrder() == null ? "" : ", purchase order " + d.purchaseOrder());
                    if (change.isPresent()) {
                        // the manager changed vendor: the new one is pre-filled, with a new purchase order to enter
                        context.append(".\n\n**Manager's decision:** order from ").append(change.get().newVendor())
                                .append(" instead (").append(change.get().note()).append("); enter its purchase order below.");
                        NetflixDeliveryVariables.POST_HOUSE.setLocal(task, change.get().newVendor());
                    } else {
                        context.append(" (pre-filled below; change them for another post house).");
                        NetflixDeliveryVariables.POST_HOUSE.setLocal(task, d.postHouse());
                        if (d.purchaseOrder() != null) NetflixDeliveryVariables.PURCHASE_ORDER.setLocal(task, d.purchaseOrder());
                    }
                } else {
                    context.append("First order of the package.");
                }
                NetflixDeliveryVariables.ORDER_CONTEXT.setLocal(task, context.toString());
            }
            case "uploadToBacklot" -> {
                NetflixDeliveryVariables.UPLOAD_CHECKLIST.setLocal(task, deliveries.readiness(id).checklist());
                NetflixDeliveryVariables.NEXT_ATTEMPT.setLocal(task, deliveries.get(id).attempt() + 1);
            }
            case "deliveryAtRisk" -> {
                DeliveryService.Delivery d = deliveries.get(id);
                NetflixDeliveryVariables.QC_ITEMS_SUMMARY.setLocal(task, deliveries.qcItemsSummary(id));
                NetflixDeliveryVariables.DELIVERY_DUE_LABEL.setLocal(task, d.dueDate() == null ? "not set" : d.dueDate().toString());
                StringBuilder rework = new StringBuilder();
                if ("REWORK".equals(d.packageStatus())) rework.append("IMF package · post house ").append(d.postHouse()).append('\n');
                deliveries.tracks(id).stream().filter(t -> "REWORK".equals(t.status()))
                        .forEach(t -> rework.append(t.label()).append(" · vendor ").append(t.vendor()).append('\n'));
                if (d.metadataFix() != null) rework.append("Metadata · delivery coordinator\n");
                NetflixDeliveryVariables.REWORK_SUMMARY.setLocal(task, rework.isEmpty() ? "nothing" : rework.toString().strip());
            }
            case "awaitQc" -> {
                List<DeliveryService.Track> tracks = deliveries.tracks(id);
                NetflixDeliveryVariables.QC_TRACKS.setLocal(task, tracks.isEmpty() ? "none (an item names no track)"
                        : String.join(", ", tracks.stream().map(t -> "`" + t.language() + " | " + t.kind() + "`").toList()));
                NetflixDeliveryVariables.QC_TRACK_CHOICES.setLocal(task, String.join(",", tracks.stream().map(t -> t.kind() + " " + t.language()).toList()));
            }
            case "fixMetadata" -> NetflixDeliveryVariables.METADATA_FIX.setLocal(task, deliveries.get(id).metadataFix());
            default -> throw new IllegalStateException("nothing to show for task " + task.getTaskDefinitionKey());
        }
    }
}
