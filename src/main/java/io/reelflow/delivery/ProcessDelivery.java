package io.reelflow.delivery;

import io.reelflow.platform.BusinessKey;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which delivery and which track a netflix-delivery or localization-track instance works on, never taken from a
 * variable a task could write: the delivery is the one of the business key's deal (its CRM deal id) for the title
 * of {@code titleId} (the parent's multi-instance element, passed by {@code in} mappings, declared by no form); a
 * track is {@code trackId} only if it belongs to that delivery. An id that does not belong to the instance's deal
 * is a technical error (retries, then an incident), never acted on.
 */
@Component
public class ProcessDelivery {


    private final JdbcTemplate jdbc;
    private final DeliveryService deliveries;

    ProcessDelivery(JdbcTemplate jdbc, DeliveryService deliveries) {
        this.jdbc = jdbc;
        this.deliveries = deliveries;
    }

    /** The delivery of the business key's deal for the instance's title. */
    public long deliveryId(VariableScope scope) {
        String dealRef = BusinessKey.of(scope);
        Long titleId = NetflixDeliveryVariables.TITLE_ID.get(scope);
        if (titleId == null) throw new IllegalStateException("the instance of deal " + dealRef + " names no title");
        return deliveries.idOf(dealRef, titleId)
                .orElseThrow(() -> new IllegalStateException("deal " + dealRef + " has no delivery of title " + titleId));
    }

    /** The instance's track: {@code trackId}, checked to be a track of the instance's delivery. */
    public DeliveryService.Track track(VariableScope scope) {
        long deliveryId = deliveryId(scope);
        Long trackId = LocalizationTrackVariables.TRACK_ID.get(scope);
        if (trackId == null) throw new IllegalStateException("the instance of delivery " + deliveryId + " names no track");
        return checkedTrack(deliveryId, trackId);
    }

    /** A track of the instance's delivery by id (a multi-instance element), refused if it is another delivery's. */
    public DeliveryService.Track checkedTrack(long deliveryId, long trackId) {
        List<DeliveryService.Track> found = deliveries.tracks(deliveryId).stream().filter(t -> t.id() == trackId).toList();
        if (found.isEmpty()) throw new IllegalStateException("track " + trackId + " is not a track of delivery " + deliveryId);
        return found.get(0);
    }

    /** An inbox event id held by the instance, refused unless it was received for the instance's delivery. */
    public String checkedEvent(long deliveryId, String eventId) {
        if (eventId == null) throw new IllegalStateException("no event id");
        Integer n = jdbc.queryForObject("SELECT count(*) FROM delivery_event WHERE event_id = ? AND delivery_id = ?", Integer.class,
                eventId, deliveryId);
        if (n == null || n == 0) throw new IllegalStateException("event " + eventId + " was not received for delivery " + deliveryId);
        return eventId;
    }
}
