package io.reelflow.delivery;

import io.reelflow.platform.web.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * What the delivery glue shares (a form's required and optional values, the user completing a task, the return
 * tasks' choice). Each step of netflix-delivery and
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
}
