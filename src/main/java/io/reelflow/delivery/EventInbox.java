package io.reelflow.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelflow.inspection.Bcp47;
import io.reelflow.platform.web.ConflictException;
import io.reelflow.platform.web.FieldProblem;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.platform.web.NotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every outside event is stored first, then handed to the process that waits for it. A repeated
 * event id answers with the first result and does nothing again; an event that comes before its
 * process waits stays PENDING and is handed over when the process gets there (right after that
 * transaction commits, and by a periodic sweep), never dropped.
 */
@Service
public class EventInbox {

    private static final Logger log = LoggerFactory.getLogger(EventInbox.class);

    public record Receipt(String eventId, long deliveryId, String type, String status, boolean duplicate) {
    }

    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;
    private final DeliveryService deliveries;
    private final ObjectMapper json;
    private final TransactionTemplate tx;
    private final org.camunda.bpm.engine.TaskService tasks;
    /** Locations must lie on the delivery storage (checked again when the inspection runs). */
    private final DeliveryStorage storage;

    /** Task-local marker: the waiting task was completed by this event, not by a coordinator. */
    static final String VIA_INBOX = "completedByEvent";

    public EventInbox(JdbcTemplate jdbc, RuntimeService runtime, DeliveryService deliveries, ObjectMapper json, TransactionTemplate tx,
                      org.camunda.bpm.engine.TaskService tasks, DeliveryStorage storage) {
        this.tasks = tasks;
        this.storage = storage;
        this.jdbc = jdbc;
        this.runtime = runtime;
        this.deliveries = deliveries;
        this.json = json;
        this.tx = tx;
    }

    @Transactional
    public Receipt accept(long deliveryId, DeliveryEventRequest event) {
        deliveries.find(deliveryId).orElseThrow(() -> new NotFoundException("no delivery with id " + deliveryId));
        List<Receipt> earlier = jdbc.query("SELECT delivery_id, kind, status FROM delivery_event WHERE event_id = ?",
                (rs, i) -> new Receipt(event.eventId(), rs.getLong(1), rs.getString(2), rs.getString(3), true), event.eventId());
        if (!earlier.isEmpty()) {
            Receipt first = earlier.get(0);
            if (first.deliveryId() != deliveryId || !first.type().equals(event.type().name())) {
                throw new ConflictException("event " + event.eventId() + " was already received as " + first.type() + " for delivery "
                        + first.deliveryId(), List.of(new FieldProblem("eventId", "already used")));
            }
            return first;
        }
        Long trackId = validate(deliveryId, event);
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int inserted = jdbc.update("""
                INSERT INTO delivery_event (event_id, delivery_id, kind, track_id, payload, status)
                VALUES (?, ?, ?, ?, ?::jsonb, 'PENDING') ON CONFLICT (event_id) DO NOTHING""",
                event.eventId(), deliveryId, event.type().name(), trackId, payload);
        if (inserted == 0) return accept(deliveryId, event); // the same event raced in on another connection
        boolean delivered = tryDeliver(event.eventId());
        return new Receipt(event.eventId(), deliveryId, event.type().name(), delivered ? "DELIVERED" : "PENDING", false);
    }

    /** After the current transaction commits, hands over what waits in the inbox for this delivery. */
    public void deliverPendingAfterCommit(long deliveryId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) return;
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    deliverPending(deliveryId);
                } catch (RuntimeException e) {
                    log.warn("Inbox hand-over for delivery {} failed; the sweep will retry", deliveryId, e);
                }
            }
        });
    }

    /** Hands over the PENDING events of one delivery, oldest first, each in its own transaction. */
    public int deliverPending(long deliveryId) {
        List<String> pending = jdbc.queryForList(
                "SELECT event_id FROM delivery_event WHERE delivery_id = ? AND status = 'PENDING' ORDER BY received_at, event_id", String.class, deliveryId);
        int n = 0;
        for (String eventId : pending) {
            Boolean ok = tx.execute(s -> tryDeliver(eventId));
            if (Boolean.TRUE.equals(ok)) n++;
        }
        return n;
    }

    /** The periodic sweep: every delivery with pending events. */
    @Scheduled(fixedDelayString = "${reelflow.inbox.sweep-ms:10000}", initialDelayString = "${reelflow.inbox.sweep-ms:10000}")
    public void sweep() {
        if (!sweepEnabled) return;
        for (Long id : jdbc.queryForList("SELECT DISTINCT delivery_id FROM delivery_event WHERE status = 'PENDING'", Long.class)) {
            deliverPending(id);
        }
    }

    private volatile boolean sweepEnabled = true;

    @org.springframework.beans.factory.annotation.Value("${reelflow.inbox.sweep-enabled:true}")
    void setSweepEnabled(boolean enabled) {
        this.sweepEnabled = enabled;
    }

    /** Correlates one stored event if its process waits for it; false when nobody waits yet. */
    boolean tryDeliver(String eventId) {
        var row = jdbc.queryForMap("""
                SELECT e.delivery_id, e.kind, e.track_id, e.payload::text AS payload, e.status, d.deal_ref, d.title_id
                FROM delivery_event e JOIN delivery d ON d.id = e.delivery_id WHERE e.event_id = ? FOR UPDATE OF e""", eventId);
        if ("DELIVERED".equals(row.get("status"))) return true;
        long deliveryId = ((Number) row.get("delivery_id")).longValue();
        JsonNode p;
        try {
            p = json.readTree((String) row.get("payload"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> vars = new HashMap<>();
        String waitTask;
        Long trackId = null;
        switch ((String) row.get("kind")) {
            case "PACKAGE_READY" -> {
                vars.put(NetflixDeliveryVariables.PACKAGE_LOCATION.name(), p.path("packageLocation").asText());
                vars.put(NetflixDeliveryVariables.PACKAGE_EVENT_ID.name(), eventId);
                waitTask = "awaitPackage";
            }
            case "TRACK_DELIVERED" -> {
                vars.put(LocalizationTrackVariables.TRACK_FILE_LOCATION.name(), p.path("fileLocation").asText());
                vars.put(LocalizationTrackVariables.TRACK_DURATION_SECONDS.name(), p.hasNonNull("durationSeconds") ? p.get("durationSeconds").asText() : null);
                vars.put(LocalizationTrackVariables.TRACK_EVENT_ID.name(), eventId);
                waitTask = "awaitTrack";
                trackId = ((Number) row.get("track_id")).longValue();
            }
            default -> {
                vars.put(NetflixDeliveryVariables.QC_EVENT_ID.name(), eventId);
                waitTask = "awaitQc";
            }
        }
        // the process waits for this event as an open task (which a coordinator may also complete by hand): the task of
        // the delivery's deal (business key) for its title (the routing variable the glue checks against the deal)
        var query = tasks.createTaskQuery().taskDefinitionKey(waitTask).processInstanceBusinessKey((String) row.get("deal_ref"))
                .processVariableValueEquals(NetflixDeliveryVariables.TITLE_ID.name(), ((Number) row.get("title_id")).longValue());
        if (trackId != null) query = query.processVariableValueEquals(LocalizationTrackVariables.TRACK_ID.name(), trackId);
        List<org.camunda.bpm.engine.task.Task> waiting = query.list();
        if (waiting.isEmpty()) return false;
        String taskId = waiting.get(0).getId();
        tasks.setVariableLocal(taskId, VIA_INBOX, eventId);
        tasks.complete(taskId, vars);
        jdbc.update("UPDATE delivery_event SET status = 'DELIVERED', delivered_at = now() WHERE event_id = ?", eventId);
        return true;
    }

    /**
     * A coordinator entered the outcome in Tasklist instead of an integration: it is kept in the inbox
     * like any event (id {@code tasklist-<task id>}), already handed over.
     */
    public String recordEntered(long deliveryId, DeliveryEventRequest.Type type, Long trackId, Map<String, Object> payload, String taskId) {
        String eventId = "tasklist-" + taskId;
        try {
            jdbc.update("""
                    INSERT INTO delivery_event (event_id, delivery_id, kind, track_id, payload, status, delivered_at)
                    VALUES (?, ?, ?, ?, ?::jsonb, 'DELIVERED', now()) ON CONFLICT (event_id) DO NOTHING""",
                    eventId, deliveryId, type.name(), trackId, json.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return eventId;
    }

    /** Shape and meaning per event type; returns the track a TRACK_DELIVERED event is for. */
    private Long validate(long deliveryId, DeliveryEventRequest e) {
        List<FieldProblem> problems = new ArrayList<>();
        Long trackId = null;
        switch (e.type()) {
            case PACKAGE_READY -> {
                if (e.packageLocation() == null || e.packageLocation().isBlank()) problems.add(new FieldProblem("packageLocation", "required for PACKAGE_READY"));
                else storage.problem(e.packageLocation()).ifPresent(p -> problems.add(new FieldProblem("packageLocation", p)));
            }
            case TRACK_DELIVERED -> {
                if (e.kind() == null) problems.add(new FieldProblem("kind", "required for TRACK_DELIVERED"));
                String tagProblem = Bcp47.problem(e.language());
                if (tagProblem != null) problems.add(new FieldProblem("language", tagProblem));
                if (e.fileLocation() == null || e.fileLocation().isBlank()) problems.add(new FieldProblem("fileLocation", "required for TRACK_DELIVERED"));
                if (problems.isEmpty()) {
                    var track = deliveries.tracks(deliveryId).stream()
                            .filter(t -> t.kind() == e.kind() && t.language().equals(e.language())).findFirst();
                    if (track.isEmpty()) {
                        problems.add(new FieldProblem("language", "this delivery requires no " + e.kind() + " in " + e.language()
                                + " (tags must match exactly); it requires: " + deliveries.tracks(deliveryId).stream()
                                .map(t -> t.kind() + " " + t.language()).toList()));
                    } else {
                        trackId = track.get().id();
                    }
                }
                if (e.fileLocation() != null && !e.fileLocation().isBlank()) {
                    storage.problem(e.fileLocation()).ifPresent(p -> problems.add(new FieldProblem("fileLocation", p)));
                }
            }
            // the same rules as the Tasklist entry: a result, and each item naming one of this deal's own tracks, or none
            case QC_RESULT -> problems.addAll(QcItems.checkEvent(e, deliveries.tracks(deliveryId)));
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        return trackId;
    }

}
