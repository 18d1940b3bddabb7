package io.reelflow.delivery;

import io.reelflow.platform.BusinessKey;
import io.reelflow.platform.web.InvalidInputException;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Process glue of netflix-delivery and localization-track: find the delivery and track through the business key
 * ({@link ProcessDelivery}), call {@link DeliveryService}, write routing primitives.
 */
final class DeliveryDelegates {

    private DeliveryDelegates() {
    }

    static String required(DelegateTask task, String name, String label) {
        Object v = task.getVariable(name);
        if (v == null || v.toString().isBlank()) throw new InvalidInputException(name, label + " is required");
        return v.toString().strip();
    }

    static String optional(DelegateTask task, String name) {
        Object v = task.getVariable(name);
        return v == null || v.toString().isBlank() ? null : v.toString().strip();
    }

    /**
     * {@code ${deliveryTracks}}: the multi-instance collection ({@code pending(execution)}) and the track labels of
     * task names ({@code label(execution)}, on the multi-instance execution holding {@code trackId}).
     */
    @Component("deliveryTracks")
    public static class DeliveryTracks {
        private final DeliveryService deliveries;
        private final ProcessDelivery processDelivery;

        DeliveryTracks(DeliveryService deliveries, ProcessDelivery processDelivery) {
            this.deliveries = deliveries;
            this.processDelivery = processDelivery;
        }

        public List<Long> pending(DelegateExecution execution) {
            return deliveries.pendingTrackIds(processDelivery.deliveryId(execution));
        }

        public String label(DelegateExecution execution) {
            return processDelivery.track(execution).label();
        }
    }

    /**
     * {@code ${showDelivery}}, when a netflix-delivery task is created: what its form shows (tracks, format, the
     * upload checklist, QC items, metadata to fix) and the defaults of its fields, read from the delivery's records
     * into task-local variables. They end with the task; complete listeners read the records, not these.
     */
    @Component("showDelivery")
    static class ShowDelivery implements TaskListener {
        private final DeliveryService deliveries;
        private final ProcessDelivery processDelivery;

        ShowDelivery(DeliveryService deliveries, ProcessDelivery processDelivery) {
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

    @Component("recordBacklotSetup")
    static class RecordBacklotSetup implements TaskListener {
        private final DeliveryService deliveries;
        private final ProcessDelivery processDelivery;

        RecordBacklotSetup(DeliveryService deliveries, ProcessDelivery processDelivery) {
            this.deliveries = deliveries;
            this.processDelivery = processDelivery;
        }

        @Override
        public void notify(DelegateTask task) {
            String backlotId = required(task, NetflixDeliveryVariables.BACKLOT_TITLE_ID.name(), "the Backlot title id");
            if (!backlotId.matches("[A-Za-z0-9._:-]{1,64}")) throw new InvalidInputException("backlotTitleId", "'" + backlotId + "' is not a Backlot title id (letters, digits, . _ : -)");
            // pre-filled task-locally by ${showDelivery}: read as submitted, then not kept in the process
            String requests = NetflixDeliveryVariables.SOURCE_REQUESTS.submitted(task);
            if (requests == null || requests.isBlank()) throw new InvalidInputException("sourceRequests", "one source request per asset is required");
            for (String line : requests.split("\\R")) {
                if (line.isBlank()) continue;
                int colon = line.indexOf(':');
                if (colon < 0 || line.substring(colon + 1).isBlank()) {
                    throw new InvalidInputException("sourceRequests", "'" + line.strip() + "' has no source request id after ':'");
                }
            }
            long deliveryId = processDelivery.deliveryId(task);
            deliveries.recordBacklotSetup(deliveryId, backlotId, requests.strip());
            io.reelflow.platform.ProcessVariable.forget(task, NetflixDeliveryVariables.SOURCE_REQUESTS);
            // the first round of "Prepare assets", reached in this transaction: the package and every track to order
            NetflixDeliveryVariables.PACKAGE_NEEDED.setTransient(task.getExecution(), true);
            NetflixDeliveryVariables.TRACKS_PENDING.setTransient(task.getExecution(), !deliveries.pendingTrackIds(deliveryId).isEmpty());
            NetflixDeliveryVariables.METADATA_FIX_NEEDED.setTransient(task.getExecution(), false);
        }
    }

    @Component("recordImfOrder")
    static class RecordImfOrder implements TaskListener {
        private final DeliveryService deliveries;
        private final ProcessDelivery processDelivery;

        RecordImfOrder(DeliveryService deliveries, ProcessDelivery processDelivery) {
            this.deliveries = deliveries;
            this.processDelivery = processDelivery;
        }

        @Override
        public void notify(DelegateTask task) {
            // a re-order pre-fills the previous order on the task: what was submitted wins, and none is left for the next round
            String postHouse = NetflixDeliveryVariables.POST_HOUSE.submitted(task);
            String purchaseOrder = NetflixDeliveryVariables.PURCHASE_ORDER.submitted(task);
            if (postHouse == null || postHouse.isBlank()) throw new InvalidInputException("postHouse", "the post house is required");
            if (purchaseOrder == null || purchaseOrder.isBlank()) throw new InvalidInputException("purchaseOrder", "the purchase order is required");
            deliveries.recordImfOrder(processDelivery.deliveryId(task), postHouse.strip(), purchaseOrder.strip());
            io.reelflow.platform.ProcessVariable.forget(task, NetflixDeliveryVariables.POST_HOUSE, NetflixDeliveryVariables.PURCHASE_ORDER);
        }
    }

    /** The user completing a task (null for the service's own calls). */
    static String user(DelegateTask task) {
        org.camunda.bpm.engine.impl.identity.Authentication who = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return who == null ? task.getAssignee() : who.getUserId();
    }

    /**
     * A return task's choice: RETURN (the default: the note says what was sent back) or ASK_WAIVER (a manager
     * decides; the coordinator says why the findings are a false positive, recorded on the delivery).
     */
    static void returnOrAskWaiver(DelegateTask task, InspectionWaivers waivers, long deliveryId, Long trackId, String maker) {
        String action = NetflixDeliveryVariables.FAILED_ACTION.submitted(task);
        action = action == null || action.isBlank() ? "RETURN" : action.strip();
        switch (action) {
            case "RETURN" -> required(task, NetflixDeliveryVariables.RETURN_NOTE.name(), "what was sent back to the " + maker);
            case "ASK_WAIVER" -> {
                waivers.ask(deliveryId, trackId, NetflixDeliveryVariables.WAIVER_REQUEST.submitted(task), user(task), "waiverRequest");
                io.reelflow.platform.ProcessVariable.forget(task, NetflixDeliveryVariables.WAIVER_REQUEST);
            }
            default -> throw new InvalidInputException("failedAction", "'" + action + "' is not RETURN or ASK_WAIVER");
        }
        NetflixDeliveryVariables.FAILED_ACTION.set(task.getExecution(), action);
    }

    @Component("recordPackageReturn")
    static class RecordPackageReturn implements TaskListener {
        private final InspectionWaivers waivers;
        private final ProcessDelivery processDelivery;

        RecordPackageReturn(InspectionWaivers waivers, ProcessDelivery processDelivery) {
            this.waivers = waivers;
            this.processDelivery = processDelivery;
        }

        @Override
        public void notify(DelegateTask task) {
            returnOrAskWaiver(task, waivers, processDelivery.deliveryId(task), null, "post house");
        }
    }

    /** {@code ${showWaiverRequest}} (create) on the waiver tasks: who asked and why, for the manager. */
    @Component("showWaiverRequest")
    static class ShowWaiverRequest implements TaskListener {
        private final InspectionWaivers waivers;
        private final ProcessDelivery processDelivery;

        ShowWaiverRequest(InspectionWaivers waivers, ProcessDelivery processDelivery) {
            this.waivers = waivers;
            this.processDelivery = processDelivery;
        }

        @Override
        public void notify(DelegateTask task) {
            long deliveryId = processDelivery.deliveryId(task);
            Long trackId = "waiveTrackFindings".equals(task.getTaskDefinitionKey()) ? processDelivery.track(task).id() : null;
            NetflixDeliveryVariables.WAIVER_ASKED.setLocal(task, waivers.pending(deliveryId, trackId)
                    .map(w -> (w.requestedBy() == null ? "The coordinator" : "**" + w.requestedBy() + "**") + ": "
                            + InspectionDelegates.escape(w.requestedNote()))
                    .orElse("No waiver is waiting: refuse it."));
        }
    }

    /**
     * {@code ${recordWaiverDecision}} (complete) on the waiver tasks: a manager waives (the package or track is
     * accepted as it is) or refuses, with a written reason, recorded on the delivery. The engine lets only managers
     * work the task; a user of another group is refused here too.
     */
    @Component("recordWaiverDecision")
    static class RecordWaiverDecision implements TaskListener {
        private final InspectionWaivers waivers;
        private final ProcessDelivery processDelivery;

        RecordWaiverDecision(InspectionWaivers waivers, ProcessDelivery processDelivery) {
            this.waivers = waivers;
            this.processDelivery = processDelivery;
        }

        @Override
        public void notify(DelegateTask task) {
            org.camunda.bpm.engine.impl.identity.Authentication who = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
            if (who != null && who.getGroupIds() != null && !who.getGroupIds().contains(io.reelflow.platform.security.Roles.MANAGERS)
                    && !who.getGroupIds().contains(io.reelflow.platform.security.Roles.ADMINS)) {
                throw new InvalidInputException("waiverDecision", "only a manager may waive inspection findings");
            }
            String decision = NetflixDeliveryVariables.WAIVER_DECISION.submitted(task);
            if (decision == null || decision.isBlank()) throw new InvalidInputException("waiverDecision", "choose WAIVE or REFUSE");
            decision = decision.strip();
            if (!decision.equals("WAIVE") && !decision.equals("REFUSE")) {
                throw new InvalidInputException("waiverDecision", "'" + decision + "' is not WAIVE or REFUSE");
            }
            long deliveryId = processDelivery.deliveryId(task);
            Long trackId = "waiveTrackFindings".equals(task.getTaskDefinitionKey()) ? processDelivery.track(task).id() : null;
            waivers.decide(deliveryId, trackId, decision.equals("WAIVE"), NetflixDeliveryVariables.WAIVER_NOTE.submitted(task), user(task));
            io.reelflow.platform.ProcessVariable.forget(task, NetflixDeliveryVariables.WAIVER_NOTE);
            NetflixDeliveryVariables.WAIVER_DECISION.set(task.getExecution(), decision);
        }
    }

    /**
     * {@code ${recordRiskDecision}}, on completing "Delivery at risk": the manager's decision and why, recorded on the
     * delivery (changing vendor names the new one; an extension names the day asked for). The gateway routes on the
     * decision; the rest is the record's and is not kept in the process.
     */
    @Component("recordRiskDecision")
    static class RecordRiskDecision implements TaskListener {
        private final DeliveryService deliveries;
        private final ProcessDelivery processDelivery;

        RecordRiskDecision(DeliveryService deliveries, ProcessDelivery processDelivery) {
            this.deliveries = deliveries;
            this.processDelivery = processDelivery;
        }

        @Override
        public void notify(DelegateTask task) {
            String choice = NetflixDeliveryVariables.RISK_DECISION.submitted(task);
            if (choice == null || choice.isBlank()) throw new InvalidInputException("riskDecision", "choose what happens now");
            DeliveryService.RiskDecision decision;
            try {
                decision = DeliveryService.RiskDecision.valueOf(choice.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("riskDecision", "'" + choice + "' is not one of RESUBMIT, CHANGE_VENDOR, EXTENSION, CANCEL");
            }
            String note = NetflixDeliveryVariables.RISK_NOTE.submitted(task);
            String vendor = decision == DeliveryService.RiskDecision.CHANGE_VENDOR ? NetflixDeliveryVariables.NEW_VENDOR.submitted(task) : null;
            java.time.LocalDate extended = decision == DeliveryService.RiskDecision.EXTENSION
                    ? io.reelflow.platform.web.FormValues.date(NetflixDeliveryVariables.EXTENDED_DUE_DATE.submitted(task), "extendedDueDate", true) : null;
            deliveries.decideAtRisk(processDelivery.deliveryId(task), decision, note, vendor, extended, user(task),
                    io.reelflow.platform.EngineClock.today());
            io.reelflow.platform.ProcessVariable.forget(task, NetflixDeliveryVariables.RISK_NOTE, NetflixDeliveryVariables.NEW_VENDOR,
                    NetflixDeliveryVariables.EXTENDED_DUE_DATE);
            NetflixDeliveryVariables.RISK_DECISION.set(task.getExecution(), decision.name());
        }
    }

    /** {@code ${extendDelivery}}: the extension decided on the delivery moves its due day, and every later task's. */
    @Component("extendDelivery")
    static class ExtendDelivery implements JavaDelegate {
        private final DeliveryService deliveries;
        private final ProcessDelivery processDelivery;

        ExtendDelivery(DeliveryService deliveries, ProcessDelivery processDelivery) {
            this.deliveries = deliveries;
            this.processDelivery = processDelivery;
        }

        @Override
        public void execute(DelegateExecution e) {
            java.time.LocalDate due = deliveries.extend(processDelivery.deliveryId(e));
            NetflixDeliveryVariables.DELIVERY_DUE.set(e, io.reelflow.platform.EngineClock.startOf(due));
        }
    }

    /** {@code ${cancelDelivery}}: the title's delivery cancelled as decided; the instance then ends. */
    @Component("cancelDelivery")
    static class CancelDelivery implements JavaDelegate {
        private final DeliveryService deliveries;
        private final ProcessDelivery processDelivery;

        CancelDelivery(DeliveryService deliveries, ProcessDelivery processDelivery) {
            this.deliveries = deliveries;
            this.processDelivery = processDelivery;
        }

        @Override
        public void execute(DelegateExecution e) {
            deliveries.cancel(processDelivery.deliveryId(e));
        }
    }

    @Component("recordTrackOrder")
    static class RecordTrackOrder implements TaskListener {
        private final DeliveryService deliveries;
        private final ProcessDelivery processDelivery;

        RecordTrackOrder(DeliveryService deliveries, ProcessDelivery processDelivery) {
            this.deliveries = deliveries;
            this.processDelivery = processDelivery;
        }

        @Override
        public void notify(DelegateTask task) {
            // a re-order pre-fills the previous order on the task: what was submitted wins
            String vendor = LocalizationTrackVariables.VENDOR.submitted(task);
            String purchaseOrder = LocalizationTrackVariables.PURCHASE_ORDER.submitted(task);
            if (vendor == null || vendor.isBlank()) throw new InvalidInputException("vendor", "the vendor is required");
            deliveries.recordTrackOrder(processDelivery.track(task).id(), vendor.strip(),
                    purchaseOrder == null || purchaseOrder.isBlank() ? null : purchaseOrder.strip());
            io.reelflow.platform.ProcessVariable.forget(task, LocalizationTrackVariables.VENDOR, LocalizationTrackVariables.PURCHASE_ORDER);
        }
    }

    @Component("recordTrackReturn")
    static class RecordTrackReturn implements TaskListener {
        private final InspectionWaivers waivers;
        private final ProcessDelivery processDelivery;

        RecordTrackReturn(InspectionWaivers waivers, ProcessDelivery processDelivery) {
            this.waivers = waivers;
            this.processDelivery = processDelivery;
        }

        @Override
        public void notify(DelegateTask task) {
            DeliveryService.Track t = processDelivery.track(task);
            returnOrAskWaiver(task, waivers, t.deliveryId(), t.id(), "vendor");
        }
    }

    /** On completing the upload task: submission n (the attempt counter). */
    @Component("markSubmitted")
    static class MarkSubmitted implements TaskListener {
        private final DeliveryService deliveries;
        private final ProcessDelivery processDelivery;

        MarkSubmitted(DeliveryService deliveries, ProcessDelivery processDelivery) {
            this.deliveries = deliveries;
            this.processDelivery = processDelivery;
        }

        @Override
        public void notify(DelegateTask task) {
            if (!Boolean.TRUE.equals(task.getVariable(NetflixDeliveryVariables.UPLOADED.name()))) {
                throw new InvalidInputException("uploaded", "confirm that everything on the checklist is uploaded");
            }
            int attempt = deliveries.submitted(processDelivery.deliveryId(task));
            NetflixDeliveryVariables.ATTEMPT.set(task, attempt);
        }
    }

    @Component("checkReadiness")
    static class CheckReadiness implements JavaDelegate {
        private final DeliveryService deliveries;
        private final ProcessDelivery processDelivery;

        CheckReadiness(DeliveryService deliveries, ProcessDelivery processDelivery) {
            this.deliveries = deliveries;
            this.processDelivery = processDelivery;
        }

        @Override
        public void execute(DelegateExecution e) {
            long id = processDelivery.deliveryId(e);
            DeliveryService.Readiness r = deliveries.readiness(id);
            NetflixDeliveryVariables.READY.set(e, r.ready());
            NetflixDeliveryVariables.UPLOADED.set(e, false);
            if (!r.ready()) {
                // what is missing is ordered again: the package if it is not accepted, tracks sent back
                DeliveryService.Delivery d = deliveries.get(id);
                boolean packageNeeded = !"ACCEPTED".equals(d.packageStatus());
                boolean tracksPending = !deliveries.pendingTrackIds(id).isEmpty();
                if (!packageNeeded && !tracksPending) {
                    // nothing to order again would loop for ever: stop here with an incident that says why
                    throw new IllegalStateException("delivery " + id + " is not complete and nothing can be re-ordered: " + r.missing());
                }
                NetflixDeliveryVariables.PACKAGE_NEEDED.set(e, packageNeeded);
                NetflixDeliveryVariables.TRACKS_PENDING.set(e, tracksPending);
                NetflixDeliveryVariables.METADATA_FIX_NEEDED.set(e, false);
            }
        }
    }

    @Component("recordQcResult")
    static class RecordQcResult implements JavaDelegate {
        private final DeliveryService deliveries;
        private final ProcessDelivery processDelivery;

        RecordQcResult(DeliveryService deliveries, ProcessDelivery processDelivery) {
            this.deliveries = deliveries;
            this.processDelivery = processDelivery;
        }

        @Override
        public void execute(DelegateExecution e) {
            long id = processDelivery.deliveryId(e);
            // the event must be one received for this delivery: another's QC result is never read into it
            String eventId = processDelivery.checkedEvent(id, NetflixDeliveryVariables.QC_EVENT_ID.get(e));
            DeliveryService.QcOutcome o = deliveries.recordQc(id, eventId);
            NetflixDeliveryVariables.QC_ACCEPTED.set(e, o.accepted());
            NetflixDeliveryVariables.AT_RISK.set(e, o.atRisk());
            NetflixDeliveryVariables.REJECTIONS.set(e, o.rejections());
            NetflixDeliveryVariables.PACKAGE_NEEDED.set(e, o.packageRework());
            NetflixDeliveryVariables.TRACKS_PENDING.set(e, o.tracksRework());
            NetflixDeliveryVariables.METADATA_FIX_NEEDED.set(e, o.metadataFix());

        }
    }

    /** Accepted by Netflix; the deal's lifecycle is told (payment milestones tied to delivery acceptance). */
    @Component("acceptDelivery")
    static class AcceptDelivery implements JavaDelegate {
        static final String MESSAGE = "deliveryAccepted";
        private final DeliveryService deliveries;
        private final RuntimeService runtime;
        private final ProcessDelivery processDelivery;

        AcceptDelivery(DeliveryService deliveries, RuntimeService runtime, ProcessDelivery processDelivery) {
            this.deliveries = deliveries;
            this.runtime = runtime;
            this.processDelivery = processDelivery;
        }

        @Override
        public void execute(DelegateExecution e) {
            long id = processDelivery.deliveryId(e);
            deliveries.accept(id);
            // nobody may be listening yet (royalty milestones subscribe to it): correlating to none is fine
            runtime.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(e.getProcessBusinessKey()).correlateAllWithResult();
        }
    }
}
