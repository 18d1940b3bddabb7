package io.reelflow.delivery;

import io.reelflow.delivery.rules.ReadinessGate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelflow.inspection.AcceptedTrack;
import io.reelflow.inspection.CompletenessCheck;
import io.reelflow.inspection.DeliveryOrder;
import io.reelflow.inspection.Finding;
import io.reelflow.inspection.Rational;
import io.reelflow.inspection.RequiredTrack;
import io.reelflow.inspection.Severity;
import io.reelflow.inspection.TimedTextExpectations;
import io.reelflow.inspection.TrackKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A title's delivery to Netflix: its tracks, package and track inspections, readiness, submissions and QC. */
@Service
public class DeliveryService {

    public record Required(TrackKind kind, String language) {
    }

    public record Delivery(long id, String dealRef, long titleId, String titleName, String resolution, String dynamicRange,
                           String originalLanguage, LocalDate dueDate, DeliveryStage stage, int attempt, int rejections, String backlotTitleId,
                           String sourceRequests, String postHouse, String purchaseOrder, String packageLocation, String packageStatus,
                           String packageFindings, String metadataFix) {
        public String formatLabel() {
            return resolution + " " + dynamicRange.replace('_', ' ');
        }
    }

    public record Track(long id, long deliveryId, TrackKind kind, String language, String status, String vendor, String fileLocation,
                        String findings, int attempts) {
        public String label() {
            return Deliveries.label(kind) + " " + language;
        }
    }

    public record Readiness(boolean ready, String missing, String checklist) {
    }

    public record QcOutcome(boolean accepted, boolean atRisk, int rejections, boolean packageRework, boolean tracksRework,
                            boolean metadataFix, String itemsSummary) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final io.reelflow.webhook.Outbox outbox;
    /** Delivery ids by deal and title, for the rest of a transaction: a delivery's id never changes, nor is it removed. */
    private final io.reelflow.platform.TransactionMemo<String, Long> idsByTitle = new io.reelflow.platform.TransactionMemo<>("delivery-ids");

    public DeliveryService(JdbcTemplate jdbc, ObjectMapper json, io.reelflow.webhook.Outbox outbox) {
        this.jdbc = jdbc;
        this.json = json;
        this.outbox = outbox;
    }

    /**
     * Creates the delivery of one title with its required tracks; repeating it returns the same delivery. Two round
     * trips for a new delivery: the row with its first stage (one statement), its tracks (one batch).
     */
    @Transactional
    public long create(String dealRef, long titleId, String titleName, String resolution, String dynamicRange, String originalLanguage,
                       LocalDate due, List<Required> tracks) {
        // the inserted row's id, else (repeated) the stored one: the outer SELECT does not see the CTE's insert
        List<Map<String, Object>> rows = jdbc.queryForList("""
                WITH created AS (
                    INSERT INTO delivery (deal_ref, title_id, title_name, resolution, dynamic_range, original_language, due_date, stage)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'BACKLOT_SETUP') ON CONFLICT (deal_ref, title_id) DO NOTHING
                    RETURNING id),
                first_stage AS (
                    INSERT INTO delivery_stage (delivery_id, stage, entered_at) SELECT id, 'BACKLOT_SETUP', clock_timestamp() FROM created)
                SELECT id, true AS created FROM created
                UNION ALL SELECT id, false FROM delivery WHERE deal_ref = ? AND title_id = ?""",
                dealRef, titleId, titleName, resolution, dynamicRange, originalLanguage, due == null ? null : Date.valueOf(due),
                dealRef, titleId);
        // none: another transaction created it while this statement waited (its snapshot predates that row)
        Map<String, Object> row = rows.isEmpty()
                ? jdbc.queryForMap("SELECT id, false AS created FROM delivery WHERE deal_ref = ? AND title_id = ?", dealRef, titleId)
                : rows.get(0);
        long id = ((Number) row.get("id")).longValue();
        idsByTitle.put(dealRef + "/" + titleId, id);
        jdbc.batchUpdate("""
                INSERT INTO delivery_track (delivery_id, kind, language, status) VALUES (?, ?, ?, 'PENDING')
                ON CONFLICT (delivery_id, kind, language) DO NOTHING""", tracks, Math.max(1, tracks.size()), (ps, r) -> {
            ps.setLong(1, id);
            ps.setString(2, r.kind().name());
            ps.setString(3, r.language());
        });
        boolean created = (Boolean) row.get("created");
        if (!created && count("SELECT count(*) FROM delivery_stage WHERE delivery_id = ?", id) == 0) enterStage(id, DeliveryStage.BACKLOT_SETUP);
        return id;
    }

    /** The id of the deal's delivery of this title, if it has one (read once per transaction). */
    public Optional<Long> idOf(String dealRef, long titleId) {
        return Optional.ofNullable(idsByTitle.get(dealRef + "/" + titleId, key -> jdbc.queryForList(
                "SELECT id FROM delivery WHERE deal_ref = ? AND title_id = ?", Long.class, dealRef, titleId).stream().findFirst().orElse(null)));
    }

    @Transactional(readOnly = true)
    public Optional<Delivery> find(long id) {
        return jdbc.query("SELECT * FROM delivery WHERE id = ?", (rs, i) -> delivery(rs), id).stream().findFirst();
    }

    public Delivery get(long id) {
        return find(id).orElseThrow(() -> new IllegalStateException("delivery " + id + " does not exist"));
    }

    /** A title's delivery entering a stage (Netflix's QC outcomes included: rejected, accepted). */
    public record StageChange(java.time.Instant at, String titleName, DeliveryStage stage) {
    }

    /** Every stage each of the deal's deliveries has entered, in the order they happened. */
    @Transactional(readOnly = true)
    public List<StageChange> stageTrail(String dealRef) {
        return jdbc.query("""
                SELECT s.entered_at, d.title_name, s.stage FROM delivery_stage s JOIN delivery d ON d.id = s.delivery_id
                WHERE d.deal_ref = ? ORDER BY s.entered_at, s.id""",
                (rs, i) -> new StageChange(rs.getTimestamp(1).toInstant(), rs.getString(2), DeliveryStage.valueOf(rs.getString(3))), dealRef);
    }

    /** The days Netflix accepted the deal's deliveries (UTC), one per accepted title. */
    public List<LocalDate> acceptedDays(String dealRef) {
        return jdbc.queryForList("SELECT accepted_at FROM delivery WHERE deal_ref = ? AND accepted_at IS NOT NULL",
                java.sql.Timestamp.class, dealRef).stream().map(t -> LocalDate.ofInstant(t.toInstant(), java.time.ZoneOffset.UTC)).toList();
    }

    @Transactional(readOnly = true)
    public List<Delivery> ofDeal(String dealRef) {
        return jdbc.query("SELECT * FROM delivery WHERE deal_ref = ? ORDER BY id", (rs, i) -> delivery(rs), dealRef);
    }

    @Transactional(readOnly = true)
    public List<Track> tracks(long deliveryId) {
        return jdbc.query("SELECT * FROM delivery_track WHERE delivery_id = ? ORDER BY kind, language", (rs, i) -> track(rs), deliveryId);
    }

    @Transactional(readOnly = true)
    public Track track(long trackId) {
        return jdbc.queryForObject("SELECT * FROM delivery_track WHERE id = ?", (rs, i) -> track(rs), trackId);
    }

    /** Tracks still to be (re)delivered: never ordered, or sent back after a QC rejection. */
    @Transactional(readOnly = true)
    public List<Long> pendingTrackIds(long deliveryId) {
        return jdbc.queryForList("SELECT id FROM delivery_track WHERE delivery_id = ? AND status IN ('PENDING', 'REWORK') ORDER BY id",
                Long.class, deliveryId);
    }

    @Transactional
    public void recordBacklotSetup(long deliveryId, String backlotTitleId, String sourceRequests) {
        jdbc.update("UPDATE delivery SET backlot_title_id = ?, source_requests = ?, updated_at = now() WHERE id = ?",
                backlotTitleId, sourceRequests, deliveryId);
        enterStage(deliveryId, DeliveryStage.PREPARING);
    }

    @Transactional
    public void recordImfOrder(long deliveryId, String postHouse, String purchaseOrder) {
        jdbc.update("""
                UPDATE delivery SET post_house = ?, purchase_order = ?, package_status = 'ORDERED', updated_at = now() WHERE id = ?""",
                postHouse, purchaseOrder, deliveryId);
    }

    /** What the deal ordered for this delivery's package: the inspector checks the composition against it. */
    public DeliveryOrder deliveryOrder(long deliveryId) {
        Delivery d = get(deliveryId);
        return DeliveryOrder.of(DeliveryOrder.Resolution.valueOf(d.resolution()), DeliveryOrder.DynamicRange.valueOf(d.dynamicRange()),
                d.originalLanguage());
    }

    /** Records the outcome of the package's inspection (the findings themselves are in {@code inspection_finding}). */
    @Transactional
    public void recordPackageInspection(long deliveryId, String location, boolean passed, String summary) {
        jdbc.update("UPDATE delivery SET package_location = ?, package_status = ?, package_findings = ?, updated_at = now() WHERE id = ?",
                location, passed ? "ACCEPTED" : "FAILED", summary, deliveryId);
    }

    @Transactional
    public void recordTrackOrder(long trackId, String vendor) {
        recordTrackOrder(trackId, vendor, null);
    }

    @Transactional
    public void recordTrackOrder(long trackId, String vendor, String purchaseOrder) {
        jdbc.update("UPDATE delivery_track SET vendor = ?, purchase_order = ?, status = 'ORDERED', attempts = attempts + 1 WHERE id = ?",
                vendor, purchaseOrder, trackId);
    }

    /** The purchase order of a track's latest order, or null. */
    @Transactional(readOnly = true)
    public String trackPurchaseOrder(long trackId) {
        return jdbc.queryForObject("SELECT purchase_order FROM delivery_track WHERE id = ?", String.class, trackId);
    }

    /** The QC items of the delivery's latest rejection that were routed to a track (its vendor fixes them). */
    @Transactional(readOnly = true)
    public List<String> qcItemsOfTrack(long deliveryId, long trackId) {
        return jdbc.query("""
                SELECT attempt, category, code, timecode, note FROM qc_item
                WHERE delivery_id = ? AND track_id = ? AND attempt = (SELECT max(attempt) FROM qc_item WHERE delivery_id = ? AND track_id = ?)
                ORDER BY id""", (rs, i) -> "submission " + rs.getInt(1) + ": " + rs.getString(2)
                        + (rs.getString(3) == null ? "" : " " + rs.getString(3)) + (rs.getString(4) == null ? "" : " at " + rs.getString(4))
                        + (rs.getString(5) == null ? "" : " — " + rs.getString(5)), deliveryId, trackId, deliveryId, trackId);
    }

    /** The QC items of the delivery's latest rejection that went to the post house (a new package). */
    @Transactional(readOnly = true)
    public List<String> qcItemsOfPackage(long deliveryId) {
        return jdbc.query("""
                SELECT attempt, category, code, timecode, note FROM qc_item
                WHERE delivery_id = ? AND track_id IS NULL AND category IN ('VIDEO', 'COLOR_HDR_METADATA')
                  AND attempt = (SELECT max(attempt) FROM qc_item WHERE delivery_id = ?)
                ORDER BY id""", (rs, i) -> "submission " + rs.getInt(1) + ": " + rs.getString(2)
                        + (rs.getString(3) == null ? "" : " " + rs.getString(3)) + (rs.getString(4) == null ? "" : " at " + rs.getString(4))
                        + (rs.getString(5) == null ? "" : " — " + rs.getString(5)), deliveryId, deliveryId);
    }

    /** What a timed-text track is checked against: its language's rules, the title's runtime, kids' rules, forced narratives. */
    @Transactional(readOnly = true)
    public TimedTextExpectations timedTextExpectations(long trackId) {
        Track t = track(trackId);
        Delivery d = get(t.deliveryId());
        TimedTextExpectations expected = TimedTextExpectations.of(t.language());
        Integer runtime = jdbc.queryForObject("SELECT runtime_minutes FROM title WHERE id = ?", Integer.class, d.titleId());
        if (runtime != null) expected = expected.withRuntimeSeconds(Rational.of(runtime * 60L));
        Boolean kids = jdbc.queryForObject("SELECT kids FROM title WHERE id = ?", Boolean.class, d.titleId());
        if (Boolean.TRUE.equals(kids)) expected = expected.forKids();
        if (t.kind() == TrackKind.FORCED_NARRATIVE) expected = expected.asForcedNarrative();
        return expected;
    }

    /** Records the outcome of a track's check (the findings themselves are in {@code inspection_finding}). */
    @Transactional
    public void recordTrackInspection(long trackId, String location, boolean passed, String summary, BigDecimal durationSeconds) {
        jdbc.update("UPDATE delivery_track SET file_location = ?, status = ?, findings = ?, duration_seconds = ? WHERE id = ?",
                location, passed ? "ACCEPTED" : "FAILED", summary, durationSeconds, trackId);
    }

    /**
     * The readiness gate: the package accepted, every required track accepted with exactly the
     * language the deal asked for, dubs and audio description as long as the picture.
     */
    @Transactional
    public Readiness readiness(long deliveryId) {
        Delivery d = get(deliveryId);
        List<Track> tracks = tracks(deliveryId);
        Map<Long, BigDecimal> seconds = new java.util.HashMap<>();
        jdbc.query("SELECT id, duration_seconds FROM delivery_track WHERE delivery_id = ?",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> seconds.put(rs.getLong(1), rs.getBigDecimal(2)), deliveryId);
        Optional<Deliveries.Composition> composition = d.packageLocation() == null ? Optional.empty()
                : Deliveries.composition(Path.of(d.packageLocation()));
        // the completeness check of the inspection library: every required track accepted, in exactly its language
        List<RequiredTrack> required = tracks.stream().map(t -> new RequiredTrack(t.kind(), t.language())).toList();
        List<AcceptedTrack> accepted = new ArrayList<>();
        for (Track t : tracks) {
            if (!"ACCEPTED".equals(t.status())) continue;
            BigDecimal length = seconds.get(t.id());
            accepted.add(t.kind().isAudio()
                    ? AcceptedTrack.audio(t.kind(), t.language(), length == null || composition.isEmpty() ? null
                            : io.reelflow.inspection.MediaDuration.ofSeconds(Rational.parse(length.toPlainString())))
                    : AcceptedTrack.timedText(t.kind(), t.language()));
        }
        List<String> incomplete = CompletenessCheck.check(required, accepted, composition.map(Deliveries.Composition::duration).orElse(null),
                        composition.map(Deliveries.Composition::editRate).orElse(Rational.of(24))).stream()
                .filter(f -> f.severity() == Severity.ERROR).map(f -> f.element() + ": " + f.message()).toList();
        ReadinessGate.Picture picture = composition.map(c -> new ReadinessGate.Picture(c.duration().seconds().numerator(),
                c.duration().seconds().denominator(), c.editRate().numerator(), c.editRate().denominator(), c.duration().toString())).orElse(null);
        ReadinessGate.Verdict verdict = ReadinessGate.decide(d.packageStatus(), d.packageLocation(), d.backlotTitleId(), d.sourceRequests(),
                tracks.stream().map(t -> new ReadinessGate.Track(t.id(), t.label(), t.kind().isAudio(), t.status(), seconds.get(t.id()),
                        t.fileLocation())).toList(), picture, incomplete);
        // a dub or audio description out of sync with the picture goes back to its vendor
        for (ReadinessGate.Rework r : verdict.rework()) {
            jdbc.update("UPDATE delivery_track SET status = 'REWORK', findings = ? WHERE id = ?", r.findings(), r.trackId());
        }
        if (verdict.ready()) enterStage(deliveryId, DeliveryStage.READY);
        return new Readiness(verdict.ready(), String.join("\n", verdict.missing()), verdict.checklist());
    }

    /** The coordinator uploaded: submission n. */
    @Transactional
    public int submitted(long deliveryId) {
        jdbc.update("UPDATE delivery SET attempt = attempt + 1, updated_at = now() WHERE id = ?", deliveryId);
        enterStage(deliveryId, DeliveryStage.SUBMITTED);
        return get(deliveryId).attempt();
    }

    /** Records Netflix's QC answer; a rejection routes every item to whoever fixes it. Repeatable for the same event. */
    @Transactional
    public QcOutcome recordQc(long deliveryId, String eventId) {
        Delivery d = get(deliveryId);
        JsonNode payload = readPayload(eventId);
        boolean accepted = "ACCEPTED".equals(payload.path("result").asText());
        if (accepted) {
            return new QcOutcome(true, false, d.rejections(), false, false, false, "");
        }
        if (count("SELECT count(*) FROM qc_item WHERE delivery_id = ? AND attempt = ?", deliveryId, d.attempt()) > 0) {
            jdbc.update("DELETE FROM qc_item WHERE delivery_id = ? AND attempt = ?", deliveryId, d.attempt()); // a repeated job
        } else {
            jdbc.update("UPDATE delivery SET rejections = rejections + 1 WHERE id = ?", deliveryId);
        }
        List<QcRouting.Item> items = new ArrayList<>();
        for (JsonNode i : payload.path("items")) {
            items.add(new QcRouting.Item(QcCategory.valueOf(i.path("category").asText()), text(i, "code"), text(i, "timecode"),
                    text(i, "note"), text(i, "language"), i.hasNonNull("kind") ? TrackKind.valueOf(i.get("kind").asText()) : null));
        }
        List<QcRouting.Track> tracks = tracks(deliveryId).stream().map(t -> new QcRouting.Track(t.id(), t.kind(), t.language())).toList();
        QcRouting.Plan plan = QcRouting.route(items, tracks);
        StringBuilder metadata = new StringBuilder();
        for (QcRouting.Routed r : plan.items()) {
            jdbc.update("""
                    INSERT INTO qc_item (delivery_id, attempt, category, code, timecode, note, language, track_id, routed_to)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", deliveryId, d.attempt(), r.item().category().name(), r.item().code(),
                    r.item().timecode(), r.item().note(), r.item().language(), r.trackId(), r.routedTo());
            if (r.routedTo().startsWith("delivery coordinator")) {
                metadata.append(r.item().category()).append(' ').append(nz(r.item().code())).append(' ').append(nz(r.item().timecode()))
                        .append(": ").append(nz(r.item().note())).append('\n');
            }
        }
        if (plan.packageRework()) jdbc.update("UPDATE delivery SET package_status = 'REWORK' WHERE id = ?", deliveryId);
        for (Long trackId : plan.tracksToRedo()) jdbc.update("UPDATE delivery_track SET status = 'REWORK' WHERE id = ?", trackId);
        jdbc.update("UPDATE delivery SET metadata_fix = ? WHERE id = ?", plan.metadataFix() ? metadata.toString().strip() : null, deliveryId);
        enterStage(deliveryId, DeliveryStage.REJECTED);
        Delivery after = get(deliveryId);
        return new QcOutcome(false, after.rejections() >= 3, after.rejections(), plan.packageRework(), !plan.tracksToRedo().isEmpty(),
                plan.metadataFix(), qcItemsSummary(deliveryId));
    }

    @Transactional
    public void accept(long deliveryId) {
        jdbc.update("UPDATE delivery SET accepted_at = coalesce(accepted_at, now()), updated_at = now() WHERE id = ?", deliveryId);
        enterStage(deliveryId, DeliveryStage.ACCEPTED);
    }

    /** What a manager may decide on a delivery at risk. */
    public enum RiskDecision {
        RESUBMIT("resubmit"), CHANGE_VENDOR("change vendor"), EXTENSION("ask Netflix for an extension"), CANCEL("cancel the title's delivery");

        public final String label;

        RiskDecision(String label) {
            this.label = label;
        }
    }

    /** A manager's decision on a delivery at risk, taken after its {@code rejections}-th rejection. */
    public record Decision(long id, long deliveryId, int rejections, RiskDecision decision, String note, String newVendor,
                           LocalDate previousDue, LocalDate extendedDue, String decidedBy, java.time.Instant decidedAt) {
        /** One line for the deal's trail and the tasks that follow it. */
        public String text() {
            return switch (decision) {
                case RESUBMIT -> "resubmit";
                case CHANGE_VENDOR -> "change vendor to " + newVendor;
                case EXTENSION -> "ask Netflix for an extension: due " + (previousDue == null ? "(not set)" : previousDue) + " → " + extendedDue;
                case CANCEL -> "cancel the title's delivery";
            } + " — " + note;
        }
    }

    /**
     * Records a manager's decision on a delivery at risk. Changing vendor needs the new vendor (or post house); an
     * extension needs the day Netflix is asked for, later than the current due day and not in the past.
     */
    @Transactional
    public Decision decideAtRisk(long deliveryId, RiskDecision decision, String note, String newVendor, LocalDate extendedDue,
                                 String decidedBy, LocalDate today) {
        Delivery d = get(deliveryId);
        if (note == null || note.isBlank()) throw new io.reelflow.platform.web.InvalidInputException("riskNote", "say why (required)");
        if (note.length() > 1000) throw new io.reelflow.platform.web.InvalidInputException("riskNote", "at most 1000 characters");
        String vendor = null;
        LocalDate extended = null;
        if (decision == RiskDecision.CHANGE_VENDOR) {
            if (newVendor == null || newVendor.isBlank()) {
                throw new io.reelflow.platform.web.InvalidInputException("newVendor", "name the vendor or post house to order from instead");
            }
            String v = newVendor.strip();
            vendor = v;
            if (v.length() > 200) throw new io.reelflow.platform.web.InvalidInputException("newVendor", "at most 200 characters");
            // the vendor that made a rejected asset is the one being changed
            boolean same = "REWORK".equals(d.packageStatus()) && v.equalsIgnoreCase(nz(d.postHouse()))
                    || tracks(deliveryId).stream().anyMatch(t -> "REWORK".equals(t.status()) && v.equalsIgnoreCase(nz(t.vendor())));
            if (same) {
                throw new io.reelflow.platform.web.InvalidInputException("newVendor", "'" + v + "' made the rejected asset: name another vendor");
            }
        }
        if (decision == RiskDecision.EXTENSION) {
            if (extendedDue == null) throw new io.reelflow.platform.web.InvalidInputException("extendedDueDate", "the new due day asked of Netflix is required (YYYY-MM-DD)");
            if (d.dueDate() != null && !extendedDue.isAfter(d.dueDate())) {
                throw new io.reelflow.platform.web.InvalidInputException("extendedDueDate", "must be after the current due day " + d.dueDate());
            }
            if (extendedDue.isBefore(today)) throw new io.reelflow.platform.web.InvalidInputException("extendedDueDate", "must not be in the past");
            extended = extendedDue;
        }
        long id = jdbc.queryForObject("""
                INSERT INTO delivery_decision (delivery_id, rejections, decision, note, new_vendor, previous_due, extended_due, decided_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", Long.class, deliveryId, d.rejections(), decision.name(), note.strip(), vendor,
                d.dueDate() == null ? null : Date.valueOf(d.dueDate()), extended == null ? null : Date.valueOf(extended), decidedBy);
        return decisions(deliveryId).stream().filter(x -> x.id() == id).findFirst().orElseThrow();
    }

    /** The delivery's decisions at risk, oldest first. */
    @Transactional(readOnly = true)
    public List<Decision> decisions(long deliveryId) {
        return jdbc.query("SELECT * FROM delivery_decision WHERE delivery_id = ? ORDER BY id", (rs, i) -> decision(rs), deliveryId);
    }

    /** The decision taken on the delivery's latest rejection, if a manager took one: the re-order tasks follow it. */
    @Transactional(readOnly = true)
    public Optional<Decision> currentDecision(long deliveryId) {
        Delivery d = get(deliveryId);
        List<Decision> all = decisions(deliveryId);
        if (all.isEmpty()) return Optional.empty();
        Decision last = all.get(all.size() - 1);
        return last.rejections() == d.rejections() ? Optional.of(last) : Optional.empty();
    }

    /** Each decision on the deal's deliveries, with its title, oldest first: the deal's event trail shows them. */
    @Transactional(readOnly = true)
    public List<TitleDecision> decisionsOfDeal(String dealRef) {
        return jdbc.query("""
                SELECT c.*, d.title_name FROM delivery_decision c JOIN delivery d ON d.id = c.delivery_id WHERE d.deal_ref = ?
                ORDER BY c.decided_at, c.id""",
                (rs, i) -> new TitleDecision(rs.getString("title_name"), decision(rs)), dealRef);
    }

    /** A decision on an at-risk delivery, with the title it was taken for. */
    public record TitleDecision(String titleName, Decision decision) {
    }

    /** Applies the extension of the current decision: the delivery's due day moves (repeatable). */
    @Transactional
    public LocalDate extend(long deliveryId) {
        Decision c = currentDecision(deliveryId).filter(x -> x.decision() == RiskDecision.EXTENSION)
                .orElseThrow(() -> new IllegalStateException("delivery " + deliveryId + " has no extension decided on its latest rejection"));
        jdbc.update("UPDATE delivery SET due_date = ?, updated_at = now() WHERE id = ?", Date.valueOf(c.extendedDue()), deliveryId);
        return c.extendedDue();
    }

    /** Cancels the title's delivery as the manager decided: nothing more is ordered, uploaded or awaited (repeatable). */
    @Transactional
    public void cancel(long deliveryId) {
        currentDecision(deliveryId).filter(x -> x.decision() == RiskDecision.CANCEL)
                .orElseThrow(() -> new IllegalStateException("delivery " + deliveryId + " has no cancellation decided on its latest rejection"));
        enterStage(deliveryId, DeliveryStage.CANCELLED);
    }

    private static Decision decision(ResultSet rs) throws SQLException {
        Date previous = rs.getDate("previous_due");
        Date extended = rs.getDate("extended_due");
        return new Decision(rs.getLong("id"), rs.getLong("delivery_id"), rs.getInt("rejections"), RiskDecision.valueOf(rs.getString("decision")),
                rs.getString("note"), rs.getString("new_vendor"), previous == null ? null : previous.toLocalDate(),
                extended == null ? null : extended.toLocalDate(), rs.getString("decided_by"), rs.getTimestamp("decided_at").toInstant());
    }

    @Transactional(readOnly = true)
    public String qcItemsSummary(long deliveryId) {
        return String.join("\n", jdbc.query("""
                SELECT attempt, category, code, timecode, note, language, routed_to FROM qc_item WHERE delivery_id = ? ORDER BY attempt, id""",
                (rs, i) -> "#" + rs.getInt(1) + " " + rs.getString(2) + " " + nz(rs.getString(3)) + " " + nz(rs.getString(4)) + " "
                        + nz(rs.getString(6)) + ": " + nz(rs.getString(5)) + " → " + rs.getString(7), deliveryId));
    }

    /** Closes the current stage and opens the next (idempotent: re-entering the current stage changes nothing). */
    void enterStage(long deliveryId, DeliveryStage stage) {
        String current = jdbc.query("SELECT stage FROM delivery_stage WHERE delivery_id = ? AND left_at IS NULL ORDER BY id DESC LIMIT 1",
                (rs, i) -> rs.getString(1), deliveryId).stream().findFirst().orElse(null);
        if (stage.name().equals(current)) return;
        // the moment of the change, not the transaction's start: one job may grant a deal and create its delivery
        jdbc.update("UPDATE delivery_stage SET left_at = clock_timestamp() WHERE delivery_id = ? AND left_at IS NULL", deliveryId);
        jdbc.update("INSERT INTO delivery_stage (delivery_id, stage, entered_at) VALUES (?, ?, clock_timestamp())", deliveryId, stage.name());
        jdbc.update("UPDATE delivery SET stage = ?, updated_at = now() WHERE id = ?", stage.name(), deliveryId);
        tell(deliveryId, stage);
    }

    /** The stages the CRM hears of (submitted, rejected with the items, accepted), into the outbox in this transaction. */
    private void tell(long deliveryId, DeliveryStage stage) {
        io.reelflow.webhook.WebhookEventKind kind = switch (stage) {
            case SUBMITTED -> io.reelflow.webhook.WebhookEventKind.DELIVERY_SUBMITTED;
            case REJECTED -> io.reelflow.webhook.WebhookEventKind.DELIVERY_REJECTED;
            case ACCEPTED -> io.reelflow.webhook.WebhookEventKind.DELIVERY_ACCEPTED;
            default -> null;
        };
        if (kind == null) return;
        Delivery d = get(deliveryId);
        java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("deliveryId", d.id());
        data.put("titleId", d.titleId());
        data.put("titleName", d.titleName());
        data.put("stage", stage.name());
        data.put("attempt", d.attempt());
        data.put("rejections", d.rejections());
        if (stage == DeliveryStage.REJECTED) {
            data.put("items", jdbc.query("SELECT category, code, timecode, note, language, routed_to FROM qc_item "
                    + "WHERE delivery_id = ? AND attempt = ? ORDER BY id", (rs, i) -> {
                        java.util.Map<String, Object> item = new java.util.LinkedHashMap<>();
                        item.put("category", rs.getString(1));
                        item.put("code", rs.getString(2));
                        item.put("timecode", rs.getString(3));
                        item.put("note", rs.getString(4));
                        item.put("language", rs.getString(5));
                        item.put("routedTo", rs.getString(6));
                        return item;
                    }, deliveryId, d.attempt()));
        }
        outbox.publish(kind, d.dealRef(), data);
    }

    private JsonNode readPayload(String eventId) {
        String raw = jdbc.queryForObject("SELECT payload::text FROM delivery_event WHERE event_id = ?", String.class, eventId);
        try {
            return json.readTree(raw);
        } catch (Exception e) {
            throw new IllegalStateException("event " + eventId + " has an unreadable payload", e);
        }
    }

    private int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        Date due = rs.getDate("due_date");
        return new Delivery(rs.getLong("id"), rs.getString("deal_ref"), rs.getLong("title_id"), rs.getString("title_name"),
                rs.getString("resolution"), rs.getString("dynamic_range"), rs.getString("original_language"), due == null ? null : due.toLocalDate(),
                DeliveryStage.valueOf(rs.getString("stage")), rs.getInt("attempt"), rs.getInt("rejections"), rs.getString("backlot_title_id"),
                rs.getString("source_requests"), rs.getString("post_house"), rs.getString("purchase_order"), rs.getString("package_location"),
                rs.getString("package_status"), rs.getString("package_findings"), rs.getString("metadata_fix"));
    }

    private static Track track(ResultSet rs) throws SQLException {
        return new Track(rs.getLong("id"), rs.getLong("delivery_id"), TrackKind.valueOf(rs.getString("kind")), rs.getString("language"),
                rs.getString("status"), rs.getString("vendor"), rs.getString("file_location"), rs.getString("findings"), rs.getInt("attempts"));
    }
}
