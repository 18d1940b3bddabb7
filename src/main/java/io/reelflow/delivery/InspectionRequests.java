package io.reelflow.delivery;

import io.reelflow.inspection.Finding;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The queue of inspections (table {@code inspection_request}): the process asks for one per delivered package or
 * track event, {@link InspectionWorker} claims it, stores the outcome and its findings, and the outcome goes back to
 * the waiting process as a message ({@link #PACKAGE_INSPECTED}, {@link #TRACK_INSPECTED}) carrying only the routing
 * flag. Which delivery and track a request is for, and where the file is, come from the deal (the business key) and
 * the stored event, never from a variable a form could write.
 */
@Service
public class InspectionRequests {

    public static final String PACKAGE_INSPECTED = "packageInspected";
    public static final String TRACK_INSPECTED = "trackInspected";
    /** Routing flags the messages set. */
    public static final String PACKAGE_PASSED = "packagePassed";
    public static final String TRACK_PASSED = "trackPassed";

    public enum Subject { PACKAGE, TRACK }

    /** A request this worker holds: only the holder of the token may record its outcome. */
    public record Claim(long id, UUID token, Subject subject, long deliveryId, Long trackId, String eventId, String location,
                        BigDecimal durationSeconds) {
    }

    /**
     * One finding as stored: the inspector's (its {@code FindingCode}), or the service's own when nothing could be
     * inspected: {@code LOCATION_NOT_ON_STORAGE}, {@code INSPECTION_FAILED}.
     */
    public record Item(String severity, String code, String file, String element, String message) {
        public static Item of(Finding f) {
            return new Item(f.severity().name(), f.code().name(), f.file(), f.element(), f.message());
        }

        public static Item error(String code, String file, String message) {
            return new Item("ERROR", code, file, null, message);
        }

        public boolean isError() {
            return "ERROR".equals(severity);
        }
    }

    public record Outcome(boolean passed, String summary, List<Item> findings) {
    }

    public record Progress(long bytesDone, long bytesTotal, Long secondsLeft) {
    }

    /** @param waived a manager accepted the inspected package or track despite it (a written waiver) */
    public record FindingView(String severity, String code, String file, String element, String message, boolean waived) {
    }

    public record InspectionView(long requestId, String subject, Long trackId, String eventId, String location, String status, int runs,
                                 Boolean passed, int errors, int warnings, String summary, Progress progress, Instant requestedAt,
                                 Instant startedAt, Instant inspectedAt, List<FindingView> findings, boolean waived) {
    }

    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;
    private final Object signal = new Object();
    private boolean signalled;

    public InspectionRequests(JdbcTemplate jdbc, RuntimeService runtime) {
        this.jdbc = jdbc;
        this.runtime = runtime;
    }

    /**
     * Queues the inspection of the package that the stored event {@code eventId} reported, for the delivery of
     * {@code dealRef}. Repeating it (a job run twice) queues nothing new.
     *
     * @throws IllegalStateException when the delivery is not the deal's, or the event not the delivery's package event
     */
    @Transactional
    public long requestPackage(String dealRef, long deliveryId, String eventId, String processInstanceId) {
        Integer own = jdbc.queryForObject("SELECT count(*) FROM delivery WHERE id = ? AND deal_ref = ?", Integer.class, deliveryId, dealRef);
        if (own == null || own == 0) throw new IllegalStateException("delivery " + deliveryId + " is not a delivery of deal " + dealRef);
        Map<String, Object> event = event("""
                SELECT event_id, payload->>'packageLocation' AS location, NULL::numeric AS seconds FROM delivery_event
                WHERE delivery_id = ? AND kind = 'PACKAGE_READY' AND status = 'DELIVERED' AND (event_id = ?::text OR ?::text IS NULL)
                ORDER BY delivered_at DESC NULLS LAST, received_at DESC LIMIT 1""", deliveryId, eventId, eventId)
                .orElseThrow(() -> new IllegalStateException("no package event " + eventId + " for delivery " + deliveryId));
        return enqueue(event, deliveryId, null, Subject.PACKAGE, processInstanceId);
    }

    /** Queues the check of the track file that the stored event {@code eventId} reported, for a track of the deal {@code dealRef}. */
    @Transactional
    public long requestTrack(String dealRef, long trackId, String eventId, String processInstanceId) {
        List<Long> delivery = jdbc.queryForList("""
                SELECT t.delivery_id FROM delivery_track t JOIN delivery d ON d.id = t.delivery_id WHERE t.id = ? AND d.deal_ref = ?""",
                Long.class, trackId, dealRef);
        if (delivery.isEmpty()) throw new IllegalStateException("track " + trackId + " is not a track of deal " + dealRef);
        Map<String, Object> event = event("""
                SELECT event_id, payload->>'fileLocation' AS location, (payload->>'durationSeconds')::numeric AS seconds FROM delivery_event
                WHERE track_id = ? AND kind = 'TRACK_DELIVERED' AND status = 'DELIVERED' AND (event_id = ?::text OR ?::text IS NULL)
                ORDER BY delivered_at DESC NULLS LAST, received_at DESC LIMIT 1""", trackId, eventId, eventId)
                .orElseThrow(() -> new IllegalStateException("no delivery event " + eventId + " for track " + trackId));
        return enqueue(event, delivery.get(0), trackId, Subject.TRACK, processInstanceId);
    }

    private Optional<Map<String, Object>> event(String sql, Object... args) {
        return jdbc.queryForList(sql, args).stream().findFirst();
    }

    private long enqueue(Map<String, Object> event, long deliveryId, Long trackId, Subject subject, String processInstanceId) {
        String location = (String) event.get("location");
        jdbc.update("""
                INSERT INTO inspection_request (event_id, delivery_id, track_id, subject, location, duration_seconds, process_instance_id, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'QUEUED') ON CONFLICT (event_id) DO NOTHING""",
                event.get("event_id"), deliveryId, trackId, subject.name(), location == null ? "" : location, event.get("seconds"), processInstanceId);
        if (subject == Subject.PACKAGE) {
            jdbc.update("UPDATE delivery SET package_location = ?, package_status = 'RECEIVED', package_findings = NULL, updated_at = now() WHERE id = ?",
                    location, deliveryId);
        } else {
            jdbc.update("UPDATE delivery_track SET file_location = ?, status = 'DELIVERED', findings = NULL WHERE id = ?", location, trackId);
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    signal();
                }
            });
        }
        return jdbc.queryForObject("SELECT id FROM inspection_request WHERE event_id = ?", Long.class, event.get("event_id"));
    }

    /** Wakes the workers: something was queued. */
    void signal() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    /** Waits until something is queued or the time is up. */
    void awaitSignal(long millis) throws InterruptedException {
        synchronized (signal) {
            if (!signalled) signal.wait(millis);
            signalled = false;
        }
    }

    /** Claims the oldest queued request, or one whose worker stopped beating for longer than {@code staleAfter}. */
    @Transactional
    public Optional<Claim> claim(String worker, Duration staleAfter) {
        UUID token = UUID.randomUUID();
        return jdbc.query("""
                UPDATE inspection_request SET status = 'RUNNING', runs = runs + 1, claim_token = ?, claimed_by = ?, heartbeat_at = now(),
                       started_at = now(), bytes_done = 0, bytes_total = 0
                WHERE id = (SELECT id FROM inspection_request
                            WHERE status = 'QUEUED' OR (status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => ?))
                            ORDER BY requested_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id, subject, delivery_id, track_id, event_id, location, duration_seconds""",
                (rs, i) -> new Claim(rs.getLong("id"), token, Subject.valueOf(rs.getString("subject")), rs.getLong("delivery_id"),
                        (Long) rs.getObject("track_id"), rs.getString("event_id"), rs.getString("location"), rs.getBigDecimal("duration_seconds")),
                token, worker, staleAfter.toMillis() / 1000.0).stream().findFirst();
    }

    /** Records progress and keeps the claim alive; false when the claim was lost (another worker took it over). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean heartbeat(Claim claim, long bytesDone, long bytesTotal) {
        return jdbc.update("""
                UPDATE inspection_request SET heartbeat_at = now(), bytes_done = greatest(bytes_done, ?), bytes_total = ?
                WHERE id = ? AND claim_token = ? AND status = 'RUNNING'""", bytesDone, bytesTotal, claim.id(), claim.token()) == 1;
    }

    /** Gives a request back to the queue (this worker stops): another worker, or this service after a restart, runs it. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void release(Claim claim) {
        jdbc.update("UPDATE inspection_request SET status = 'QUEUED', claim_token = NULL, claimed_by = NULL WHERE id = ? AND claim_token = ? "
                + "AND status = 'RUNNING'", claim.id(), claim.token());
    }

    /**
     * Stores the outcome and every finding, and the delivery's or track's new status, if the claim still holds.
     * Returns false (and stores nothing) when another worker took the request over.
     */
    @Transactional
    public boolean finish(Claim claim, Outcome outcome, DeliveryService deliveries) {
        int errors = (int) outcome.findings().stream().filter(Item::isError).count();
        int warnings = outcome.findings().size() - errors;
        String summary = bounded(outcome.summary(), 4000);
        int updated = jdbc.update("""
                UPDATE inspection_request SET status = 'INSPECTED', passed = ?, errors = ?, warnings = ?, summary = ?, inspected_at = now(),
                       heartbeat_at = now(), bytes_done = bytes_total
                WHERE id = ? AND claim_token = ? AND status = 'RUNNING'""", outcome.passed(), errors, warnings, summary, claim.id(), claim.token());
        if (updated == 0) return false;
        jdbc.update("DELETE FROM inspection_finding WHERE request_id = ?", claim.id());
        List<Item> findings = outcome.findings();
        List<Integer> order = java.util.stream.IntStream.range(0, findings.size()).boxed().toList();
        jdbc.batchUpdate("INSERT INTO inspection_finding (request_id, seq, severity, code, file, element, message) VALUES (?, ?, ?, ?, ?, ?, ?)",
                order, 1000, (ps, i) -> {
                    Item f = findings.get(i);
                    ps.setLong(1, claim.id());
                    ps.setInt(2, i);
                    ps.setString(3, f.severity());
                    ps.setString(4, f.code());
                    ps.setString(5, bounded(f.file(), 1000));
                    ps.setString(6, bounded(f.element(), 1000));
                    ps.setString(7, bounded(f.message(), 4000));
                });
        if (claim.subject() == Subject.PACKAGE) {
            deliveries.recordPackageInspection(claim.deliveryId(), claim.location(), outcome.passed(), summary);
        } else {
            deliveries.recordTrackInspection(claim.trackId(), claim.location(), outcome.passed(), summary, claim.durationSeconds());
        }
        return true;
    }

    /**
     * Tells the waiting process the outcome of the oldest inspected request: one message, in the same transaction
     * that marks the request done, so it is told exactly once. Returns false when there was nothing to tell.
     */
    @Transactional
    public boolean correlateNext() {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT id, subject, process_instance_id, passed FROM inspection_request
                WHERE status = 'INSPECTED' AND (retry_at IS NULL OR retry_at <= now())
                ORDER BY inspected_at, id LIMIT 1 FOR UPDATE SKIP LOCKED""");
        if (rows.isEmpty()) return false;
        Map<String, Object> row = rows.get(0);
        long id = ((Number) row.get("id")).longValue();
        String pid = (String) row.get("process_instance_id");
        boolean pkg = Subject.PACKAGE.name().equals(row.get("subject"));
        if (runtime.createProcessInstanceQuery().processInstanceId(pid).count() == 0) {
            // the process has ended or was cancelled meanwhile: nobody to tell
            jdbc.update("UPDATE inspection_request SET status = 'DONE', done_at = now(), last_error = 'process instance gone' WHERE id = ?", id);
            return true;
        }
        runtime.createMessageCorrelation(pkg ? PACKAGE_INSPECTED : TRACK_INSPECTED).processInstanceId(pid)
                .setVariable(pkg ? PACKAGE_PASSED : TRACK_PASSED, Boolean.TRUE.equals(row.get("passed")))
                .setVariable("returnNote", "")
                .correlateWithResult();
        jdbc.update("UPDATE inspection_request SET status = 'DONE', done_at = now(), last_error = NULL WHERE id = ?", id);
        return true;
    }

    /** A message that could not be correlated (the process was busy, or waits elsewhere) is tried again later, backing off. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void correlationFailed(String error) {
        jdbc.update("""
                UPDATE inspection_request SET correlation_failures = correlation_failures + 1, last_error = ?,
                       retry_at = now() + make_interval(secs => least(300, 0.2 * power(2, least(correlation_failures, 20))))
                WHERE id = (SELECT id FROM inspection_request WHERE status = 'INSPECTED' AND (retry_at IS NULL OR retry_at <= now())
                            ORDER BY inspected_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)""", bounded(error, 1000));
    }

    /** Requests not done yet (queued, running or waiting to be told). */
    public int open() {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM inspection_request WHERE status <> 'DONE'", Integer.class);
        return n == null ? 0 : n;
    }

    /** The latest inspection of a delivery's package, with all its findings. */
    @Transactional(readOnly = true)
    public Optional<InspectionView> latestPackage(long deliveryId) {
        return latest("subject = 'PACKAGE' AND delivery_id = ?", deliveryId, Integer.MAX_VALUE);
    }

    /** The latest inspection of a track, with all its findings. */
    @Transactional(readOnly = true)
    public Optional<InspectionView> latestTrack(long trackId) {
        return latest("subject = 'TRACK' AND track_id = ?", trackId, Integer.MAX_VALUE);
    }

    /** The latest inspection with at most {@code limit} findings (errors first, then in the inspector's order). */
    @Transactional(readOnly = true)
    public Optional<InspectionView> latest(Subject subject, long id, int limit) {
        return subject == Subject.PACKAGE ? latest("subject = 'PACKAGE' AND delivery_id = ?", id, limit)
                : latest("subject = 'TRACK' AND track_id = ?", id, limit);
    }

    private Optional<InspectionView> latest(String where, long id, int limit) {
        List<InspectionView> views = jdbc.query("SELECT * FROM inspection_request WHERE " + where + " ORDER BY id DESC LIMIT 1",
                (rs, i) -> view(rs, List.of()), id);
        if (views.isEmpty()) return Optional.empty();
        InspectionView v = views.get(0);
        Integer waivers = jdbc.queryForObject("SELECT count(*) FROM inspection_waiver WHERE request_id = ? AND status = 'WAIVED'", Integer.class,
                v.requestId());
        boolean waived = waivers != null && waivers > 0;
        List<FindingView> findings = jdbc.query("""
                SELECT severity, code, file, element, message FROM inspection_finding WHERE request_id = ?
                ORDER BY CASE severity WHEN 'ERROR' THEN 0 ELSE 1 END, seq LIMIT ?""",
                (rs, i) -> new FindingView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), waived),
                v.requestId(), limit);
        return Optional.of(new InspectionView(v.requestId(), v.subject(), v.trackId(), v.eventId(), v.location(), v.status(), v.runs(), v.passed(),
                v.errors(), v.warnings(), v.summary(), v.progress(), v.requestedAt(), v.startedAt(), v.inspectedAt(), findings, waived));
    }

    private static InspectionView view(ResultSet rs, List<FindingView> findings) throws SQLException {
        String status = rs.getString("status");
        long done = rs.getLong("bytes_done");
        long total = rs.getLong("bytes_total");
        Instant started = instant(rs.getTimestamp("started_at"));
        Long left = null;
        if ("RUNNING".equals(status) && started != null && done > 0 && total >= done) {
            double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
            left = Math.round(seconds * (total - done) / done);
        }
        return new InspectionView(rs.getLong("id"), rs.getString("subject"), (Long) rs.getObject("track_id"), rs.getString("event_id"),
                rs.getString("location"), status, rs.getInt("runs"), (Boolean) rs.getObject("passed"), rs.getInt("errors"), rs.getInt("warnings"),
                rs.getString("summary"), new Progress(done, total, left), instant(rs.getTimestamp("requested_at")), started,
                instant(rs.getTimestamp("inspected_at")), findings, false);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static String bounded(String s, int max) {
        if (s == null || s.length() <= max) return s;
        return s.substring(0, max - 1) + "…";
    }
}
