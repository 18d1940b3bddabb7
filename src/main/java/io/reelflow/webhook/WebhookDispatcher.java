package io.reelflow.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox to the endpoints. Each call of {@link #dispatchDue} claims the due deliveries ({@code FOR UPDATE SKIP
 * LOCKED}, so several nodes share the work and none sends what another holds), only the oldest waiting one of each
 * deal and endpoint (in order per deal), sends each as signed JSON and logs the attempt. 2xx: delivered. 410: the
 * endpoint is disabled. Anything else (or no answer): tried again with a growing pause, for {@code give-up-after}
 * (at least 24 hours) from the event, then given up (FAILED). The time is the caller's: the service's poller passes
 * the wall clock, a test passes the instant it wants, so nothing waits.
 */
@Component
public class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    /** How long a claim is held before another node may take the delivery over (its sender stopped). */
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Duration FIRST_PAUSE = Duration.ofSeconds(10);
    static final Duration LONGEST_PAUSE = Duration.ofHours(1);
    private static final int BATCH = 20;
    private static final int MAX_PER_CALL = 2000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Duration giveUpAfter;
    private final boolean pollerEnabled;

    public WebhookDispatcher(JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json,
                             @Value("${reelflow.webhooks.give-up-after:48h}") Duration giveUpAfter,
                             @Value("${reelflow.webhooks.request-timeout:10s}") Duration requestTimeout,
                             @Value("${reelflow.webhooks.dispatch-enabled:true}") boolean pollerEnabled) {
        if (giveUpAfter.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("reelflow.webhooks.give-up-after must be at least 24h, not " + giveUpAfter);
        }
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.json = json;
        this.giveUpAfter = giveUpAfter;
        this.requestTimeout = requestTimeout;
        this.pollerEnabled = pollerEnabled;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The service's poller: every few seconds, what is due by the wall clock. */
    @Scheduled(fixedDelayString = "${reelflow.webhooks.poll-ms:5000}", initialDelayString = "${reelflow.webhooks.poll-ms:5000}")
    public void poll() {
        if (!pollerEnabled) return;
        try {
            dispatchDue(Instant.now());
        } catch (RuntimeException e) {
            log.warn("webhook dispatch stopped early; the next poll goes on: {}", e.toString());
        }
    }

    /** Sends everything due at {@code now}, to every endpoint. Returns the number of attempts made. */
    public int dispatchDue(Instant now) {
        return dispatch(now, null);
    }

    /** As {@link #dispatchDue}, for one endpoint only (null: all). */
    public int dispatch(Instant now, Long subscriptionId) {
        int attempts = 0;
        while (attempts < MAX_PER_CALL) {
            List<Claimed> batch = claim(now, subscriptionId);
            if (batch.isEmpty()) break;
            Map<Long, Instant> unreachable = new HashMap<>();
            for (Claimed c : batch) {
                Instant postponed = unreachable.get(c.subscriptionId());
                if (postponed != null) {
                    tx.executeWithoutResult(s -> jdbc.update("UPDATE webhook_delivery SET next_attempt_at = ? WHERE id = ? AND status = 'PENDING'",
                            Timestamp.from(postponed), c.deliveryId()));
                    continue;
                }
                Outcome o = send(c, now);
                attempts++;
                Instant next = record(c, o, now);
                if (next != null && o.statusCode() == null) unreachable.put(c.subscriptionId(), next);
            }
        }
        return attempts;
    }

    record Claimed(long deliveryId, long subscriptionId, String url, String secret, int attempts, Instant createdAt, UUID eventId,
                   String kind, String dealRef, long sequence, Instant occurredAt, String data) {
    }

    record Outcome(Integer statusCode, String error, int durationMs) {
        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private List<Claimed> claim(Instant now, Long subscriptionId) {
        return tx.execute(s -> {
            List<Long> ids = jdbc.queryForList("""
                    WITH due AS (
                        SELECT d.id FROM webhook_delivery d
                        WHERE d.status = 'PENDING' AND d.next_attempt_at <= ? AND (?::bigint IS NULL OR d.subscription_id = ?)
                          AND NOT EXISTS (SELECT 1 FROM webhook_delivery e WHERE e.subscription_id = d.subscription_id
                                          AND e.deal_ref = d.deal_ref AND e.status = 'PENDING' AND e.id < d.id)
                        ORDER BY d.id LIMIT ? FOR UPDATE OF d SKIP LOCKED)
                    UPDATE webhook_delivery w SET next_attempt_at = ? FROM due WHERE w.id = due.id RETURNING w.id""",
                    Long.class, Timestamp.from(now), subscriptionId, subscriptionId, BATCH, Timestamp.from(now.plus(LEASE)));
            if (ids.isEmpty()) return List.of();
            return jdbc.query("""
                    SELECT w.id, w.subscription_id, s.url, s.secret, w.attempts, w.created_at, o.event_id, o.kind, o.deal_ref, o.id AS sequence,
                           o.occurred_at, o.payload::text AS data
                    FROM webhook_delivery w JOIN webhook_subscription s ON s.id = w.subscription_id JOIN outbox_event o ON o.id = w.outbox_id
                    WHERE w.id = ANY (?) ORDER BY w.id""", (rs, i) -> new Claimed(rs.getLong("id"), rs.getLong("subscription_id"),
                    rs.getString("url"), rs.getString("secret"), rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant(),
                    rs.getObject("event_id", UUID.class), rs.getString("kind"), rs.getString("deal_ref"), rs.getLong("sequence"),
                    rs.getTimestamp("occurred_at").toInstant(), rs.getString("data")), (Object) ids.toArray(Long[]::new));
        });
    }

    /** The request body: the same bytes at every attempt (the signature's timestamp is in a header). */
    String body(Claimed c) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("id", c.eventId().toString());
        envelope.put("kind", c.kind());
        envelope.put("occurredAt", c.occurredAt().toString());
        envelope.put("dealRef", c.dealRef());
        envelope.put("sequence", c.sequence());
        try {
            JsonNode data = json.readTree(c.data());
            envelope.set("data", data);
            return json.writeValueAsString(envelope);
        } catch (IOException e) {
            throw new IllegalStateException("outbox event " + c.eventId() + " has unreadable data", e);
        }
    }

    private Outcome send(Claimed c, Instant now) {
        long started = System.nanoTime();
        try {
            String body = body(c);
            long ts = now.getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(URI.create(c.url())).timeout(requestTimeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Reelflow-Webhooks/1")
                    .header(WebhookSignature.EVENT_ID_HEADER, c.eventId().toString())
                    .header(WebhookSignature.EVENT_KIND_HEADER, c.kind())
                    .header(WebhookSignature.ATTEMPT_HEADER, Integer.toString(c.attempts() + 1))
                    .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(ts))
                    .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(c.secret(), ts, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int code = response.statusCode();
            String error = code >= 200 && code < 300 ? null : code >= 300 && code < 400 ? "answered " + code + " (redirects are not followed)" : "answered " + code;
            return new Outcome(code, error, millisSince(started));
        } catch (IOException | IllegalArgumentException e) {
            return new Outcome(null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), millisSince(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted", millisSince(started));
        }
    }

    /** Logs the attempt and moves the delivery on; returns the next attempt's time when it stays PENDING. */
    private Instant record(Claimed c, Outcome o, Instant now) {
        return tx.execute(s -> {
            int attempt = c.attempts() + 1;
            jdbc.update("INSERT INTO webhook_attempt (delivery_id, attempt, at, status_code, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?)",
                    c.deliveryId(), attempt, Timestamp.from(now), o.statusCode(), truncate(o.error()), o.durationMs());
            if (o.delivered()) {
                jdbc.update("UPDATE webhook_delivery SET status = 'DELIVERED', attempts = ?, delivered_at = ?, last_error = NULL WHERE id = ?",
                        attempt, Timestamp.from(now), c.deliveryId());
                return null;
            }
            if (o.statusCode() != null && o.statusCode() == 410) {
                jdbc.update("UPDATE webhook_delivery SET attempts = ?, last_error = ? WHERE id = ?", attempt, "answered 410 Gone", c.deliveryId());
                WebhookSubscriptions.disableNow(jdbc, c.subscriptionId(), "the endpoint answered 410 Gone on " + now);
                log.info("webhook endpoint {} answered 410 Gone: disabled", c.subscriptionId());
                return null;
            }
            if (!now.isBefore(c.createdAt().plus(giveUpAfter))) {
                jdbc.update("UPDATE webhook_delivery SET status = 'FAILED', attempts = ?, last_error = ? WHERE id = ?",
                        attempt, truncate(o.error() + "; given up after " + attempt + " attempts"), c.deliveryId());
                return null;
            }
            Instant next = now.plus(pause(attempt));
            jdbc.update("UPDATE webhook_delivery SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
                    attempt, Timestamp.from(next), truncate(o.error()), c.deliveryId());
            return next;
        });
    }

    /** The pause after the n-th failed attempt: 10 s, 20 s, 40 s… doubling up to an hour. */
    static Duration pause(int failedAttempts) {
        Duration d = FIRST_PAUSE;
        for (int i = 1; i < failedAttempts && d.compareTo(LONGEST_PAUSE) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : d;
    }

    private static int millisSince(long started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }

    /** For tests and operations: deliveries of an endpoint still waiting. */
    public int pending(long subscriptionId) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE subscription_id = ? AND status = 'PENDING'", Integer.class, subscriptionId);
        return n == null ? 0 : n;
    }
}
