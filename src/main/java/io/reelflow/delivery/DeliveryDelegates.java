package io.reelflow.delivery;

import io.reelflow.platform.web.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * What the delivery glue shares (a form's required and optional values, the user completing a task, the return
 * tasks' choice), and the QC result step of netflix-delivery. Each other step of netflix-delivery and
 * localization-track is its own class, named after its element ({@code …Delegate}, {@code …Listener}): it finds the
 * delivery and track through the business key ({@link ProcessDelivery}), calls {@link DeliveryService}, writes
 * routing primitives.
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

}
