package io.reelflow.webhook;

import io.reelflow.platform.web.FieldProblem;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.platform.web.NotFoundException;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The endpoints admins register, and the log of what was sent to each. */
@Service
public class WebhookSubscriptions {

    public static final int MIN_SECRET = 32;
    public static final int MAX_SECRET = 256;
    public static final int MAX_URL = 2000;

    /** An endpoint as admins see it (never its secret). */
    public record SubscriptionView(long id, String url, List<String> eventKinds, String description, String status, String disabledReason,
                                   String createdBy, Instant createdAt, Instant disabledAt) {
    }

    public record AttemptView(int attempt, Instant at, Integer statusCode, String error, int durationMs) {
    }

    /** One event sent (or to be sent) to one endpoint, with every attempt. */
    public record DeliveryView(long id, UUID eventId, String kind, String dealRef, long sequence, Instant occurredAt, String status,
                               int attempts, Instant nextAttemptAt, Instant deliveredAt, String lastError, List<AttemptView> attemptLog) {
    }

    public enum DeliveryStatus { PENDING, DELIVERED, FAILED, CANCELLED }

    private final JdbcTemplate jdbc;

    public WebhookSubscriptions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Registers an endpoint; refuses a bad URL, secret or event kind naming the field, and stores nothing then. */
    @Transactional
    public SubscriptionView register(String url, String secret, List<String> eventKinds, String description, String admin) {
        List<FieldProblem> problems = new ArrayList<>();
        String checkedUrl = checkUrl(url, problems);
        checkSecret(secret, problems);
        List<String> kinds = checkKinds(eventKinds, problems);
        String desc = description == null ? null : description.strip();
        if (desc != null && desc.length() > 200) problems.add(new FieldProblem("description", "at most 200 characters"));
        if (desc != null && desc.chars().anyMatch(Character::isISOControl)) problems.add(new FieldProblem("description", "control characters are not allowed"));
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        Long id = jdbc.queryForObject("""
                INSERT INTO webhook_subscription (url, secret, event_kinds, description, created_by) VALUES (?, ?, ?, ?, ?) RETURNING id""",
                Long.class, checkedUrl, secret, kinds.toArray(String[]::new), desc == null || desc.isEmpty() ? null : desc, admin);
        return find(id);
    }

    @Transactional(readOnly = true)
    public List<SubscriptionView> list() {
        return jdbc.query("SELECT * FROM webhook_subscription ORDER BY id", WebhookSubscriptions::subscription);
    }

    @Transactional(readOnly = true)
    public SubscriptionView find(long id) {
        return jdbc.query("SELECT * FROM webhook_subscription WHERE id = ?", WebhookSubscriptions::subscription, id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("no webhook endpoint " + id));
    }

    /** Stops sending to an endpoint: it gets nothing more, and what was waiting for it is cancelled. Repeating it changes nothing. */
    @Transactional
    public SubscriptionView disable(long id, String reason) {
        find(id);
        disableNow(jdbc, id, reason);
        return find(id);
    }

    static void disableNow(JdbcTemplate jdbc, long id, String reason) {
        jdbc.update("""
                UPDATE webhook_subscription SET status = 'DISABLED', disabled_reason = ?, disabled_at = now()
                WHERE id = ? AND status = 'ACTIVE'""", reason, id);
        jdbc.update("""
                UPDATE webhook_delivery SET status = 'CANCELLED', last_error = coalesce(last_error, 'endpoint disabled')
                WHERE subscription_id = ? AND status = 'PENDING'""", id);
    }

    /** What was sent to an endpoint, newest first, each with its attempts. */
    @Transactional(readOnly = true)
    public List<DeliveryView> deliveries(long subscriptionId, String dealRef, String status, Integer limit) {
        List<FieldProblem> problems = new ArrayList<>();
        if (status != null && Arrays.stream(DeliveryStatus.values()).noneMatch(s -> s.name().equals(status))) {
            problems.add(new FieldProblem("status", "one of PENDING, DELIVERED, FAILED, CANCELLED"));
        }
        int max = limit == null ? 100 : limit;
        if (max < 1 || max > 500) problems.add(new FieldProblem("limit", "between 1 and 500"));
        if (dealRef != null && (dealRef.isBlank() || dealRef.length() > 100)) problems.add(new FieldProblem("dealRef", "1 to 100 characters"));
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        find(subscriptionId);
        List<DeliveryView> rows = jdbc.query("""
                SELECT w.id, o.event_id, o.kind, o.deal_ref, o.id AS sequence, o.occurred_at, w.status, w.attempts, w.next_attempt_at,
                       w.delivered_at, w.last_error
                FROM webhook_delivery w JOIN outbox_event o ON o.id = w.outbox_id
                WHERE w.subscription_id = ? AND (?::text IS NULL OR w.deal_ref = ?) AND (?::text IS NULL OR w.status = ?)
                ORDER BY w.id DESC LIMIT ?""", (rs, i) -> new DeliveryView(rs.getLong("id"), rs.getObject("event_id", UUID.class),
                rs.getString("kind"), rs.getString("deal_ref"), rs.getLong("sequence"), instant(rs, "occurred_at"), rs.getString("status"),
                rs.getInt("attempts"), "PENDING".equals(rs.getString("status")) ? instant(rs, "next_attempt_at") : null,
                instant(rs, "delivered_at"), rs.getString("last_error"), new ArrayList<>()),
                subscriptionId, dealRef, dealRef, status, status, max);
        if (rows.isEmpty()) return rows;
        Map<Long, DeliveryView> byId = new LinkedHashMap<>();
        rows.forEach(r -> byId.put(r.id(), r));
        jdbc.query("SELECT delivery_id, attempt, at, status_code, error, duration_ms FROM webhook_attempt WHERE delivery_id = ANY (?) ORDER BY delivery_id, attempt",
                rs -> {
                    byId.get(rs.getLong(1)).attemptLog().add(new AttemptView(rs.getInt(2), instant(rs, "at"), (Integer) rs.getObject(4),
                            rs.getString(5), rs.getInt(6)));
                }, (Object) byId.keySet().toArray(Long[]::new));
        return rows;
    }

    /** http or https, a host, no user or password, no fragment, at most 2000 characters. */
    static String checkUrl(String url, List<FieldProblem> problems) {
        if (url == null || url.isBlank()) {
            problems.add(new FieldProblem("url", "required (http:// or https://)"));
            return null;
        }
        String u = url.strip();
        if (u.length() > MAX_URL) {
            problems.add(new FieldProblem("url", "at most " + MAX_URL + " characters"));
            return null;
        }
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            problems.add(new FieldProblem("url", "not a URL: " + e.getReason()));
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.add(new FieldProblem("url", "only http:// and https:// URLs are allowed"));
            return null;
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            problems.add(new FieldProblem("url", "must not carry a user or password (the signature authenticates the request)"));
            return null;
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            problems.add(new FieldProblem("url", "names no host"));
            return null;
        }
        if (uri.getRawFragment() != null) {
            problems.add(new FieldProblem("url", "must not have a fragment (#...)"));
            return null;
        }
        return u;
    }

    /** 32 to 256 visible ASCII characters (no spaces): the key of the HMAC. */
    static void checkSecret(String secret, List<FieldProblem> problems) {
        if (secret == null || secret.isEmpty()) {
            problems.add(new FieldProblem("secret", "required (" + MIN_SECRET + " to " + MAX_SECRET + " characters)"));
        } else if (secret.length() < MIN_SECRET) {
            problems.add(new FieldProblem("secret", "at least " + MIN_SECRET + " characters"));
        } else if (secret.length() > MAX_SECRET) {
            problems.add(new FieldProblem("secret", "at most " + MAX_SECRET + " characters"));
        } else if (secret.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            problems.add(new FieldProblem("secret", "visible ASCII characters only (no spaces)"));
        }
    }

    static List<String> checkKinds(List<String> eventKinds, List<FieldProblem> problems) {
        if (eventKinds == null || eventKinds.isEmpty()) {
            problems.add(new FieldProblem("eventKinds", "name at least one of " + WebhookEventKind.allWireNames()));
            return List.of();
        }
        if (eventKinds.size() > WebhookEventKind.values().length * 2) {
            problems.add(new FieldProblem("eventKinds", "at most " + WebhookEventKind.values().length + " kinds"));
            return List.of();
        }
        Set<String> kinds = new LinkedHashSet<>();
        for (int i = 0; i < eventKinds.size(); i++) {
            String k = eventKinds.get(i);
            if (k == null || WebhookEventKind.ofWire(k).isEmpty()) {
                problems.add(new FieldProblem("eventKinds[" + i + "]", "unknown event kind '" + (k == null ? "" : k.length() > 40 ? k.substring(0, 40) + "…" : k)
                        + "': one of " + WebhookEventKind.allWireNames()));
            } else {
                kinds.add(k);
            }
        }
        return List.copyOf(kinds);
    }

    private static SubscriptionView subscription(ResultSet rs, int i) throws SQLException {
        Array kinds = rs.getArray("event_kinds");
        return new SubscriptionView(rs.getLong("id"), rs.getString("url"), List.of((String[]) kinds.getArray()), rs.getString("description"),
                rs.getString("status"), rs.getString("disabled_reason"), rs.getString("created_by"), instant(rs, "created_at"),
                instant(rs, "disabled_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
