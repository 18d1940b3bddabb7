package io.reelflow.delivery;

import io.reelflow.delivery.InspectionRequests.Subject;
import io.reelflow.platform.web.InvalidInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Waivers of a failed pre-QC inspection: a coordinator asks (a false positive, with why), a manager waives it with
 * a written reason or refuses. A waived package or track is accepted as it is; the waiver is kept on the delivery, in
 * the QC report, and marks the inspection's findings as waived.
 */
@Service
public class InspectionWaivers {

    /** One waiver asked for a package or a track, and what a manager decided. */
    public record Waiver(long id, long requestId, long deliveryId, Long trackId, String subject, String status, String requestedNote,
                         String requestedBy, Instant requestedAt, String note, String decidedBy, Instant decidedAt) {
    }

    private static final int MAX_NOTE = 1000;

    private final JdbcTemplate jdbc;

    public InspectionWaivers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The coordinator asks a manager to waive the latest inspection of the package (trackId null) or of a track:
     * it must have failed, and no waiver may already be waiting for a manager.
     */
    @Transactional
    public Waiver ask(long deliveryId, Long trackId, String why, String by, String field) {
        String note = note(why, field, "say why the findings are a false positive");
        long request = latestFailedInspection(deliveryId, trackId, field);
        if (pending(deliveryId, trackId).isPresent()) throw new InvalidInputException(field, "a waiver is already waiting for a manager");
        long id = jdbc.queryForObject("""
                INSERT INTO inspection_waiver (request_id, delivery_id, track_id, subject, status, requested_note, requested_by)
                VALUES (?, ?, ?, ?, 'REQUESTED', ?, ?) RETURNING id""", Long.class, request, deliveryId, trackId,
                trackId == null ? Subject.PACKAGE.name() : Subject.TRACK.name(), note, by);
        return get(id);
    }

    /**
     * A manager's answer to the waiting waiver: waived (the package or track is accepted as it is) or refused (it goes
     * back to its maker). The note is required either way.
     */
    @Transactional
    public Waiver decide(long deliveryId, Long trackId, boolean waive, String why, String by) {
        String note = note(why, "waiverNote", waive ? "write why the findings are waived" : "write why the waiver is refused");
        Waiver w = pending(deliveryId, trackId).orElseThrow(() -> new IllegalStateException(
                "no waiver is waiting for " + (trackId == null ? "the package" : "track " + trackId) + " of delivery " + deliveryId));
        if (by != null && by.equals(w.requestedBy())) {
            throw new InvalidInputException("waiverDecision", "a waiver is decided by another person than the one who asked for it");
        }
        jdbc.update("UPDATE inspection_waiver SET status = ?, note = ?, decided_by = ?, decided_at = clock_timestamp() WHERE id = ?",
                waive ? "WAIVED" : "REFUSED", note, by, w.id());
        if (waive) {
            if (trackId == null) {
                jdbc.update("UPDATE delivery SET package_status = 'ACCEPTED', updated_at = now() WHERE id = ?", deliveryId);
            } else {
                jdbc.update("UPDATE delivery_track SET status = 'ACCEPTED' WHERE id = ? AND delivery_id = ?", trackId, deliveryId);
            }
        }
        return get(w.id());
    }

    /** The waiver waiting for a manager, if any. */
    @Transactional(readOnly = true)
    public Optional<Waiver> pending(long deliveryId, Long trackId) {
        return jdbc.query("SELECT * FROM inspection_waiver WHERE delivery_id = ? AND track_id IS NOT DISTINCT FROM ? AND status = 'REQUESTED' "
                + "ORDER BY id DESC LIMIT 1", (rs, i) -> waiver(rs), deliveryId, trackId).stream().findFirst();
    }

    /** The latest waiver asked for the package or a track, whatever became of it. */
    @Transactional(readOnly = true)
    public Optional<Waiver> latest(long deliveryId, Long trackId) {
        return jdbc.query("SELECT * FROM inspection_waiver WHERE delivery_id = ? AND track_id IS NOT DISTINCT FROM ? ORDER BY id DESC LIMIT 1",
                (rs, i) -> waiver(rs), deliveryId, trackId).stream().findFirst();
    }

    /** Every waiver of a delivery, oldest first. */
    @Transactional(readOnly = true)
    public List<Waiver> ofDelivery(long deliveryId) {
        return jdbc.query("SELECT * FROM inspection_waiver WHERE delivery_id = ? ORDER BY id", (rs, i) -> waiver(rs), deliveryId);
    }

    private Waiver get(long id) {
        return jdbc.queryForObject("SELECT * FROM inspection_waiver WHERE id = ?", (rs, i) -> waiver(rs), id);
    }

    private long latestFailedInspection(long deliveryId, Long trackId, String field) {
        List<Object[]> latest = jdbc.query("""
                SELECT id, passed FROM inspection_request WHERE delivery_id = ? AND track_id IS NOT DISTINCT FROM ? AND subject = ?
                ORDER BY id DESC LIMIT 1""", (rs, i) -> new Object[] {rs.getLong(1), rs.getObject(2)}, deliveryId, trackId,
                trackId == null ? Subject.PACKAGE.name() : Subject.TRACK.name());
        if (latest.isEmpty() || !Boolean.FALSE.equals(latest.get(0)[1])) {
            throw new InvalidInputException(field, "only a failed inspection can be waived; the latest " + (latest.isEmpty() ? "is not there" : "did not fail"));
        }
        return (Long) latest.get(0)[0];
    }

    private static String note(String text, String field, String reason) {
        if (text == null || text.isBlank()) throw new InvalidInputException(field, reason + " (required)");
        if (text.strip().length() > MAX_NOTE) throw new InvalidInputException(field, "at most " + MAX_NOTE + " characters");
        return text.strip();
    }

    private static Waiver waiver(ResultSet rs) throws SQLException {
        return new Waiver(rs.getLong("id"), rs.getLong("request_id"), rs.getLong("delivery_id"), (Long) rs.getObject("track_id"),
                rs.getString("subject"), rs.getString("status"), rs.getString("requested_note"), rs.getString("requested_by"),
                instant(rs.getTimestamp("requested_at")), rs.getString("note"), rs.getString("decided_by"), instant(rs.getTimestamp("decided_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
