package io.reelflow.platform.security;

import io.reelflow.platform.web.ConflictException;
import io.reelflow.platform.web.InvalidInputException;
import io.reelflow.platform.web.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens of service accounts. A token is 256 random bits ({@code rft_} + 43 base64url characters), shown once;
 * the database keeps only its HMAC-SHA-256 under {@code reelflow.security.token-key}, so a copy of the table does
 * not let anyone call the API (and, with the key kept outside the database, cannot even test a guess). A token
 * carries one role of {@link #ROLES}; it is never locked by wrong guesses (there is nothing to guess: a wrong token
 * only counts against the caller's address, {@link LoginThrottle}).
 */
@Service
public class ApiTokens {

    /** The roles a token may carry: service accounts only, never a person's or an admin's. */
    public static final Set<String> ROLES = Set.of(Roles.CRM_INTEGRATION, Roles.MONITORING, Roles.DELIVERY_PARTNERS);
    public static final String PREFIX = "rft_";
    private static final java.util.regex.Pattern FORMAT = java.util.regex.Pattern.compile("rft_[A-Za-z0-9_-]{43}");
    private static final long LAST_USED_RESOLUTION_NANOS = Duration.ofMinutes(1).toNanos();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token as listed: everything but the token. */
    public record TokenView(long id, String account, String role, String name, Instant createdAt, String createdBy, Instant expiresAt,
                            Instant lastUsedAt, Instant revokedAt, String revokedBy, Long replaces, String status) {
    }

    /** A token just created: the only time the token itself is seen. */
    public record IssuedToken(long id, String account, String role, String name, Instant createdAt, Instant expiresAt, String token) {
    }

    /** Who a valid token speaks for. */
    public record Caller(long tokenId, String account, String role) {
    }

    private final JdbcTemplate jdbc;
    private final SecretKeySpec key;
    private final Map<Long, Long> lastUsedWritten = new ConcurrentHashMap<>();

    public ApiTokens(JdbcTemplate jdbc, @Value("${reelflow.security.token-key:reelflow-api-token-v1}") String key) {
        this.jdbc = jdbc;
        if (key == null || key.isEmpty()) throw new IllegalArgumentException("reelflow.security.token-key must not be empty");
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    @Transactional
    public IssuedToken create(String account, String role, String name, Instant expiresAt, String admin) {
        if (!ROLES.contains(role)) throw new InvalidInputException("role", "must be one of " + ROLES.stream().sorted().toList());
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) throw new InvalidInputException("expiresAt", "must be in the future");
        return issue(account, role, name, expiresAt, admin, null);
    }

    @Transactional
    public IssuedToken rotate(long id, Duration overlap, String admin) {
        TokenView old = find(id).orElseThrow(() -> new NotFoundException("no API token " + id));
        if (!"ACTIVE".equals(old.status())) throw new ConflictException("API token " + id + " is " + old.status().toLowerCase() + "; create a new one", List.of());
        Instant now = Instant.now();
        if (overlap.isZero()) {
            jdbc.update("UPDATE api_token SET revoked_at = ?, revoked_by = ? WHERE id = ?", Timestamp.from(now), admin, id);
        } else {
            Instant until = now.plus(overlap);
            if (old.expiresAt() == null || old.expiresAt().isAfter(until)) {
                jdbc.update("UPDATE api_token SET expires_at = ? WHERE id = ?", Timestamp.from(until), id);
            }
        }
        return issue(old.account(), old.role(), old.name(), null, admin, id);
    }

    /** Revokes a token at once; revoking it again changes nothing. */
    @Transactional
    public void revoke(long id, String admin) {
        int n = jdbc.update("UPDATE api_token SET revoked_at = now(), revoked_by = ? WHERE id = ? AND revoked_at IS NULL", admin, id);
        if (n == 0 && find(id).isEmpty()) throw new NotFoundException("no API token " + id);
    }

    public List<TokenView> list(String account) {
        String sql = "SELECT * FROM api_token" + (account == null ? "" : " WHERE account = ?") + " ORDER BY id";
        return account == null ? jdbc.query(sql, ApiTokens::view) : jdbc.query(sql, ApiTokens::view, account);
    }

    public Optional<TokenView> find(long id) {
        return jdbc.query("SELECT * FROM api_token WHERE id = ?", ApiTokens::view, id).stream().findFirst();
    }

    /** The caller a presented token speaks for, if it is well-formed, known, not revoked and not expired. */
    public Optional<Caller> authenticate(String token) {
        if (token == null || !FORMAT.matcher(token).matches()) return Optional.empty();
        List<Caller> found = jdbc.query("""
                SELECT id, account, role FROM api_token
                WHERE token_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())""",
                (rs, i) -> new Caller(rs.getLong("id"), rs.getString("account"), rs.getString("role")), hash(token));
        if (found.isEmpty()) return Optional.empty();
        Caller caller = found.get(0);
        recordUse(caller.tokenId());
        return Optional.of(caller);
    }

    /** Last use is kept to the minute: at most one write per token and minute, whatever the request rate. */
    private void recordUse(long id) {
        long now = System.nanoTime();
        Long written = lastUsedWritten.get(id);
        if (written != null && now - written < LAST_USED_RESOLUTION_NANOS) return;
        lastUsedWritten.put(id, now);
        jdbc.update("UPDATE api_token SET last_used_at = now() WHERE id = ?", id);
    }

    private IssuedToken issue(String account, String role, String name, Instant expiresAt, String admin, Long replaces) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = Instant.now();
        Long id = jdbc.queryForObject("""
                INSERT INTO api_token (account, role, name, token_hash, created_at, created_by, expires_at, replaces)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", Long.class,
                account, role, name, hash(token), Timestamp.from(now), admin, expiresAt == null ? null : Timestamp.from(expiresAt), replaces);
        return new IssuedToken(id, account, role, name, now, expiresAt, token);
    }

    byte[] hash(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(token.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TokenView view(ResultSet rs, int row) throws SQLException {
        Instant expires = instant(rs, "expires_at");
        Instant revoked = instant(rs, "revoked_at");
        String status = revoked != null ? "REVOKED" : expires != null && !expires.isAfter(Instant.now()) ? "EXPIRED" : "ACTIVE";
        Long replaces = rs.getObject("replaces", Long.class);
        return new TokenView(rs.getLong("id"), rs.getString("account"), rs.getString("role"), rs.getString("name"), instant(rs, "created_at"),
                rs.getString("created_by"), expires, instant(rs, "last_used_at"), revoked, rs.getString("revoked_by"),
                replaces, status);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
