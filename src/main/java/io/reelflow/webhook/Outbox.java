package io.reelflow.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox: an event is written in the transaction that makes the change it tells of (so it exists exactly when the
 * change does), with one delivery per active endpoint that asked for its kind. The events of one deal are written
 * under a per-deal lock held to the commit, so their order (the id) is the order in which their changes committed.
 */
@Repository
public class Outbox {

    /** First key of the per-deal advisory lock (the second is the hash of the CRM deal id). */
    private static final int LOCK_SPACE = 0x0B0C5;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public Outbox(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Writes the event; must run inside the transaction of the change. Returns its event id, or null when no active
     * endpoint takes this kind: then nothing is written (a deal's background is not charged for events nobody hears).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID publish(WebhookEventKind kind, String dealRef, Map<String, Object> data) {
        if (!wanted(kind)) return null;
        lockDeal(dealRef);
        UUID eventId = UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String payload;
        try {
            payload = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + kind.wire() + " of " + dealRef + " cannot be written as JSON", e);
        }
        Long id = jdbc.queryForObject("""
                INSERT INTO outbox_event (event_id, kind, deal_ref, occurred_at, payload) VALUES (?, ?, ?, ?, ?::jsonb) RETURNING id""",
                Long.class, eventId, kind.wire(), dealRef, Timestamp.from(at), payload);
        jdbc.update("""
                INSERT INTO webhook_delivery (outbox_id, subscription_id, deal_ref, next_attempt_at)
                SELECT ?, s.id, ?, ? FROM webhook_subscription s WHERE s.status = 'ACTIVE' AND ? = ANY (s.event_kinds) ORDER BY s.id""",
                id, dealRef, Timestamp.from(at), kind.wire());
        return eventId;
    }

    /** Whether an active endpoint takes events of this kind. */
    public boolean wanted(WebhookEventKind kind) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM webhook_subscription WHERE status = 'ACTIVE' AND ? = ANY (event_kinds))", Boolean.class, kind.wire()));
    }

    /** The data of the latest event of this kind for the deal (read under the deal's lock: nothing of it is in flight). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<String> latestPayload(WebhookEventKind kind, String dealRef) {
        lockDeal(dealRef);
        return jdbc.queryForList("SELECT payload::text FROM outbox_event WHERE deal_ref = ? AND kind = ? ORDER BY id DESC LIMIT 1",
                String.class, dealRef, kind.wire()).stream().findFirst();
    }

    private void lockDeal(String dealRef) {
        jdbc.query("SELECT pg_advisory_xact_lock(?, hashtext(?))", (org.springframework.jdbc.core.ResultSetExtractor<Void>) rs -> null, LOCK_SPACE, dealRef);
    }
}
