package io.reelflow.delivery;

import io.reelflow.platform.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Deliveries", description = "Netflix deliveries, events from vendors, post houses and Backlot, QC report")
public class DeliveryController {

    public record TrackView(long id, String kind, String language, String status, String vendor, String fileLocation, String findings,
                            int attempts, InspectionRequests.InspectionView inspection) {
    }

    public record QcItemView(int attempt, String category, String code, String timecode, String note, String language, String routedTo) {
    }

    public record DeliveryView(long id, String crmDealId, long titleId, String titleName, String format, String stage, int attempt,
                               int rejections, String packageStatus, String packageFindings, String backlotTitleId, List<TrackView> tracks,
                               List<QcItemView> openItems, List<String> pendingEvents, InspectionRequests.InspectionView packageInspection,
                               java.time.LocalDate dueDate, List<DeliveryService.Decision> decisions, List<InspectionWaivers.Waiver> waivers) {
    }

    public record QcReport(int deliveriesWithQcResult, int acceptedFirstPass, BigDecimal firstPassAcceptanceRate,
                           Map<String, Integer> rejectionsByCategory, Map<String, Integer> rejectionsByVendor, Map<String, BigDecimal> averageDaysPerStage,
                           List<WaiverView> waivers) {
    }

    /** A failed pre-QC inspection a manager waived: which title and asset, why, by whom. */
    public record WaiverView(long deliveryId, String crmDealId, String titleName, String asset, String requestedBy, String requestedNote,
                             String waivedBy, String note, java.time.Instant waivedAt) {
    }

    private final DeliveryService deliveries;
    private final EventInbox inbox;
    private final DeliveryReports reports;
    private final InspectionRequests inspections;
    private final InspectionWaivers waivers;

    public DeliveryController(DeliveryService deliveries, EventInbox inbox, DeliveryReports reports, InspectionRequests inspections,
                              InspectionWaivers waivers) {
        this.waivers = waivers;
        this.deliveries = deliveries;
        this.inspections = inspections;
        this.inbox = inbox;
        this.reports = reports;
    }

    @PostMapping(path = "/api/deliveries/{deliveryId}/events", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "An event for a delivery: PACKAGE_READY, TRACK_DELIVERED or QC_RESULT",
            description = "Stored before anything else. 202 with status DELIVERED (the process took it) or PENDING (kept until the process "
                    + "waits for it). The same eventId again answers 200 with the first result and does nothing.")
    public ResponseEntity<EventInbox.Receipt> event(@PathVariable long deliveryId, @Valid @RequestBody DeliveryEventRequest event) {
        EventInbox.Receipt receipt = inbox.accept(deliveryId, event);
        return ResponseEntity.status(receipt.duplicate() ? 200 : 202).body(receipt);
    }

    @GetMapping("/api/deliveries/{deliveryId}")
    @Operation(summary = "A delivery: stage, attempt, open QC items, each track's state; the latest inspection of the package and of each "
            + "track with its status, progress while it runs (bytes hashed of total, seconds left) and every finding")
    public DeliveryView delivery(@PathVariable long deliveryId) {
        return view(deliveries.find(deliveryId).orElseThrow(() -> new NotFoundException("no delivery with id " + deliveryId)));
    }

    @GetMapping("/api/deliveries")
    @Operation(summary = "The deliveries of a deal")
    public List<DeliveryView> ofDeal(@RequestParam String crmDealId) {
        return deliveries.ofDeal(crmDealId).stream().map(this::view).toList();
    }

    @GetMapping("/api/reports/qc")
    @Operation(summary = "QC report: first-pass acceptance, rejections by category and by vendor, average days per stage, the inspections "
            + "managers waived (newest first, at most 500)")
    public QcReport qcReport() {
        return reports.qcReport();
    }

    private DeliveryView view(DeliveryService.Delivery d) {
        List<TrackView> tracks = deliveries.tracks(d.id()).stream().map(t -> new TrackView(t.id(), t.kind().name(), t.language(), t.status(),
                t.vendor(), t.fileLocation(), t.findings(), t.attempts(), inspections.latestTrack(t.id()).orElse(null))).toList();
        List<QcItemView> open = d.stage() == DeliveryStage.ACCEPTED || d.stage() == DeliveryStage.CANCELLED ? List.of() : reports.qcItems(d.id(), d.attempt());
        List<String> pending = reports.pendingEvents(d.id());
        return new DeliveryView(d.id(), d.dealRef(), d.titleId(), d.titleName(), d.formatLabel(), d.stage().name(), d.attempt(), d.rejections(),
                d.packageStatus(), d.packageFindings(), d.backlotTitleId(), tracks, open, pending, inspections.latestPackage(d.id()).orElse(null),
                d.dueDate(), deliveries.decisions(d.id()), waivers.ofDelivery(d.id()));
    }
}
