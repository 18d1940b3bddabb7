package io.reelflow.delivery;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import io.reelflow.platform.web.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The tasks that wait for a post house, a vendor or Netflix complete in two ways: by the event over
 * REST (the inbox completes them), or by a coordinator entering the same outcome in Tasklist when
 * there is no integration. These listeners turn a coordinator's entry into the same inbox record.
 */
final class WaitTaskListeners {

    private WaitTaskListeners() {
    }

    static boolean byEvent(DelegateTask task) {
        return task.getVariableLocal(EventInbox.VIA_INBOX) != null;
    }


    /** {@code ${recordPackageReceived}} */
    @Component("recordPackageReceived")
    static class PackageReceived implements TaskListener {
        private final EventInbox inbox;
        private final ProcessDelivery processDelivery;
        private final DeliveryStorage storage;

        PackageReceived(EventInbox inbox, ProcessDelivery processDelivery, DeliveryStorage storage) {
            this.inbox = inbox;
            this.processDelivery = processDelivery;
            this.storage = storage;
        }

        @Override
        public void notify(DelegateTask task) {
            if (byEvent(task)) return;
            String location = DeliveryDelegates.required(task, NetflixDeliveryVariables.PACKAGE_LOCATION.name(),
                    "the folder of the package on the delivery storage");
            // a typo is the coordinator's to fix, before anything is recorded against the post house
            storage.require(NetflixDeliveryVariables.PACKAGE_LOCATION.name(), location);
            String eventId = inbox.recordEntered(processDelivery.deliveryId(task), DeliveryEventRequest.Type.PACKAGE_READY, null,
                    Map.of("type", "PACKAGE_READY", "packageLocation", location, "enteredBy", String.valueOf(task.getAssignee())), task.getId());
            NetflixDeliveryVariables.PACKAGE_EVENT_ID.set(task, eventId);
        }
    }

    /** {@code ${recordTrackReceived}} */
    @Component("recordTrackReceived")
    static class TrackReceived implements TaskListener {
        private final EventInbox inbox;
        private final ProcessDelivery processDelivery;
        private final DeliveryStorage storage;

        TrackReceived(EventInbox inbox, ProcessDelivery processDelivery, DeliveryStorage storage) {
            this.inbox = inbox;
            this.processDelivery = processDelivery;
            this.storage = storage;
        }

        @Override
        public void notify(DelegateTask task) {
            if (byEvent(task)) return;
            String location = DeliveryDelegates.required(task, LocalizationTrackVariables.TRACK_FILE_LOCATION.name(), "the delivered file's location");
            // a typo is the coordinator's to fix, before anything is recorded against the vendor
            storage.require(LocalizationTrackVariables.TRACK_FILE_LOCATION.name(), location);
            String seconds = DeliveryDelegates.optional(task, LocalizationTrackVariables.TRACK_DURATION_SECONDS.name());
            if (seconds != null) {
                try {
                    if (new BigDecimal(seconds).signum() <= 0) throw new NumberFormatException();
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("trackDurationSeconds", "'" + seconds + "' is not a positive number of seconds");
                }
            }
            DeliveryService.Track track = processDelivery.track(task);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("type", "TRACK_DELIVERED");
            payload.put("kind", track.kind().name());
            payload.put("language", track.language());
            payload.put("fileLocation", location);
            if (seconds != null) payload.put("durationSeconds", new BigDecimal(seconds));
            payload.put("enteredBy", String.valueOf(task.getAssignee()));
            LocalizationTrackVariables.TRACK_EVENT_ID.set(task,
                    inbox.recordEntered(track.deliveryId(), DeliveryEventRequest.Type.TRACK_DELIVERED, track.id(), payload, task.getId()));
            LocalizationTrackVariables.TRACK_DURATION_SECONDS.set(task, seconds);
        }
    }
}
