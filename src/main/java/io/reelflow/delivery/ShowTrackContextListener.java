package io.reelflow.delivery;

import io.reelflow.inspection.TrackKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code ${showTrackContext}} (create) on "Order track" and "Receive track": what a person needs on the task, read
 * from the records of the business key's delivery: the attempt, why it is ordered again (the track's failed check, the QC items routed to it), the
 * previous vendor and purchase order (pre-filled, changeable), and what the vendor must deliver (format, exact
 * language tag, for dubs and audio description the picture's duration). Task-local: it ends with the task.
 */
@Component("showTrackContext")
class ShowTrackContextListener implements TaskListener {
    private final DeliveryService deliveries;
    private final ProcessDelivery processDelivery;
    private final JdbcTemplate jdbc;

    ShowTrackContextListener(DeliveryService deliveries, ProcessDelivery processDelivery, JdbcTemplate jdbc) {
        this.deliveries = deliveries;
        this.processDelivery = processDelivery;
        this.jdbc = jdbc;
    }

    @Override
    public void notify(DelegateTask task) {
        DeliveryService.Track t = processDelivery.track(task);
        DeliveryService.Delivery d = deliveries.get(t.deliveryId());
        boolean ordering = "orderTrack".equals(task.getTaskDefinitionKey());
        int attempt = ordering ? t.attempts() + 1 : Math.max(1, t.attempts());
        String po = deliveries.trackPurchaseOrder(t.id());
        StringBuilder text = new StringBuilder("**Attempt " + attempt + "** of " + t.label() + " for " + d.titleName() + ".");
        if (ordering && t.attempts() > 0) {
            text.append("\n\n**Why it is ordered again:**");
            List<String> qc = deliveries.qcItemsOfTrack(d.id(), t.id());
            qc.forEach(i -> text.append("\n- Netflix QC, ").append(i));
            if (t.findings() != null && !t.findings().isBlank()) text.append("\n- Last check: ").append(t.findings().strip());
            if (qc.isEmpty() && (t.findings() == null || t.findings().isBlank())) text.append("\n- (no reason recorded)");
            text.append("\n\n**Previous order:** ").append(t.vendor() == null ? "no vendor recorded" : t.vendor())
                    .append(po == null ? "" : ", purchase order " + po);
            Optional<DeliveryService.Decision> change = deliveries.currentDecision(d.id())
                    .filter(c -> c.decision() == DeliveryService.RiskDecision.CHANGE_VENDOR);
            if (change.isPresent()) {
                // the manager changed vendor after the rejection: the new one is pre-filled, with a new purchase order to enter
                text.append(".\n\n**Manager's decision:** order from ").append(change.get().newVendor()).append(" instead (")
                        .append(change.get().note()).append("); enter its purchase order below.");
                LocalizationTrackVariables.VENDOR.setLocal(task, change.get().newVendor());
            } else {
                text.append(" (pre-filled below; change them for another vendor).");
                if (t.vendor() != null) LocalizationTrackVariables.VENDOR.setLocal(task, t.vendor());
                if (po != null) LocalizationTrackVariables.PURCHASE_ORDER.setLocal(task, po);
            }
        } else if (!ordering && t.vendor() != null) {
            text.append(" Ordered from ").append(t.vendor()).append(po == null ? "" : ", purchase order " + po).append('.');
            LocalizationTrackVariables.VENDOR.setLocal(task, t.vendor()); // the form's heading names the vendor
        }
        LocalizationTrackVariables.ORDER_CONTEXT.setLocal(task, text.toString());
        LocalizationTrackVariables.TRACK_EXPECTATIONS.setLocal(task, expectations(t, d));
    }

    private String expectations(DeliveryService.Track t, DeliveryService.Delivery d) {
        String tag = "language tag exactly `" + t.language() + "`";
        if (!t.kind().isAudio()) {
            return "Expected: a timed-text file in TTML / IMSC 1.1 (.ttml or .xml), " + tag
                    + (t.kind() == TrackKind.FORCED_NARRATIVE ? ", forced narratives only" : "") + ".";
        }
        return "Expected: an audio track (" + (t.kind() == TrackKind.DUB ? "dubbed dialogue" : "audio description") + "), " + tag
                + ", lasting as long as the picture within one frame: " + pictureDuration(d) + ". Enter its duration in seconds below.";
    }

    private String pictureDuration(DeliveryService.Delivery d) {
        if (d.packageLocation() != null) {
            Optional<Deliveries.Composition> c = Deliveries.composition(Path.of(d.packageLocation()));
            if (c.isPresent()) {
                long whole = (long) Math.floor(c.get().duration().seconds().toDouble());
                return "the picture lasts " + c.get().duration() + String.format(" (%d:%02d:%02d)", whole / 3600, whole / 60 % 60, whole % 60);
            }
        }
        List<Integer> runtime = jdbc.queryForList("SELECT runtime_minutes FROM title WHERE id = ?", Integer.class, d.titleId());
        if (!runtime.isEmpty() && runtime.get(0) != null) {
            return "the IMF package is not accepted yet; the title's runtime is about " + runtime.get(0) + " minutes";
        }
        return "the IMF package is not accepted yet, so the picture's exact length is not known";
    }
}
