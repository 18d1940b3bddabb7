package io.reelflow.delivery;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import io.reelflow.platform.web.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** {@code ${recordTrackReceived}} */
@Component("recordTrackReceived")
class RecordTrackReceivedListener implements TaskListener {
    private final EventInbox inbox;
    private final ProcessDelivery processDelivery;
    private final DeliveryStorage storage;

    RecordTrackReceivedListener(EventInbox inbox, ProcessDelivery processDelivery, DeliveryStorage storage) {
        this.inbox = inbox;
        this.processDelivery = processDelivery;
        this.storage = storage;
    }

    @Override
    public void notify(DelegateTask task) {
        if (WaitTaskListeners.byEvent(task)) return;
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
