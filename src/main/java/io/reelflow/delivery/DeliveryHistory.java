package io.reelflow.delivery;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a delivery that happened before the service ran it — a past deal's title, delivered to Netflix and judged by
 * its QC — with its stages at their own times, its tracks and vendors, and each rejection's items. It starts no process
 * and tells no webhook: it is history, for the QC and delivery reports (the demo's past months, a migration's import).
 */
@Component
public class DeliveryHistory {

    /** One rejected submission: when Netflix answered and the items it listed (category, track kind or null, language or null). */
    public record Rejection(Instant at, List<Item> items) {
    }

    public record Item(QcCategory category, String code, String note, String trackKind, String language) {
    }

    /** A past delivery: its tracks' vendors, the rejections in order, and when it was accepted (null: still rejected). */
    public record Past(String dealRef, long titleId, String titleName, String originalLanguage, String postHouse, Instant setUpAt,
                       List<Track> tracks, List<Rejection> rejections, Instant acceptedAt) {
    }

    public record Track(String kind, String language, String vendor) {
    }

    private final JdbcTemplate jdbc;

    public DeliveryHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records it once: a delivery of the same deal and title already recorded is left as it is (false). */
    @Transactional
    public boolean record(Past p) {
        int created = jdbc.update("""
                INSERT INTO delivery (deal_ref, title_id, title_name, resolution, dynamic_range, original_language, stage, attempt, rejections,
                                      backlot_title_id, post_house, package_status, accepted_at, created_at, updated_at)
                VALUES (?, ?, ?, 'UHD', 'HDR10', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (deal_ref, title_id) DO NOTHING""",
                p.dealRef(), p.titleId(), p.titleName(), p.originalLanguage(), p.acceptedAt() != null ? "ACCEPTED" : "REJECTED",
                p.rejections().size() + (p.acceptedAt() != null ? 1 : 0), p.rejections().size(), "BL-" + p.dealRef() + "-" + p.titleId(),
                p.postHouse(), p.acceptedAt() != null ? "ACCEPTED" : "REWORK", ts(p.acceptedAt()), ts(p.setUpAt()),
                ts(p.acceptedAt() != null ? p.acceptedAt() : p.rejections().get(p.rejections().size() - 1).at()));
        if (created == 0) return false;
        long id = jdbc.queryForObject("SELECT id FROM delivery WHERE deal_ref = ? AND title_id = ?", Long.class, p.dealRef(), p.titleId());
        for (Track t : p.tracks()) {
            jdbc.update("INSERT INTO delivery_track (delivery_id, kind, language, status, vendor, attempts) VALUES (?, ?, ?, ?, ?, 1)",
                    id, t.kind(), t.language(), p.acceptedAt() != null ? "ACCEPTED" : "REWORK", t.vendor());
        }
        // set up → preparing → ready → submitted, then per rejection: rejected → preparing → ready → submitted again
        Instant at = p.setUpAt();
        Instant submitted = stages(id, at, firstVerdict(p).minus(Duration.ofDays(3)));
        int attempt = 1;
        for (Rejection r : p.rejections()) {
            stage(id, "SUBMITTED", submitted, r.at());
            boolean last = r == p.rejections().get(p.rejections().size() - 1);
            Instant next = last && p.acceptedAt() == null ? null : (p.acceptedAt() != null && last ? p.acceptedAt()
                    : p.rejections().get(p.rejections().indexOf(r) + 1).at());
            if (next == null) {
                stage(id, "REJECTED", r.at(), null);
            } else {
                Instant resubmitted = next.minus(Duration.ofDays(2));
                stage(id, "REJECTED", r.at(), r.at().plus(Duration.ofDays(1)));
                stage(id, "PREPARING", r.at().plus(Duration.ofDays(1)), resubmitted.minus(Duration.ofHours(12)));
                stage(id, "READY", resubmitted.minus(Duration.ofHours(12)), resubmitted);
                submitted = resubmitted;
            }
            for (Item item : r.items()) {
                Long trackId = item.trackKind() == null ? null : jdbc.query("SELECT id FROM delivery_track WHERE delivery_id = ? AND kind = ? AND language = ?",
                        (rs, i) -> rs.getLong(1), id, item.trackKind(), item.language()).stream().findFirst().orElse(null);
                String routedTo = switch (item.category().fixer()) {
                    case POST_HOUSE -> "post house (re-grade and new IMF package)";
                    case COORDINATOR -> "delivery coordinator (metadata)";
                    default -> trackId == null ? "post house (audio of the IMF package)" : "vendor of " + item.trackKind() + " " + item.language();
                };
                jdbc.update("""
                        INSERT INTO qc_item (delivery_id, attempt, category, code, note, language, track_id, routed_to)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", id, attempt, item.category().name(), item.code(), item.note(), item.language(), trackId, routedTo);
            }
            attempt++;
        }
        if (p.acceptedAt() != null) {
            stage(id, "SUBMITTED", submitted, p.acceptedAt());
            stage(id, "ACCEPTED", p.acceptedAt(), null);
        }
        return true;
    }

    private static Instant firstVerdict(Past p) {
        return p.rejections().isEmpty() ? p.acceptedAt() : p.rejections().get(0).at();
    }

    /** Set up, preparing and ready between the set-up and the first submission; answers the submission's time. */
    private Instant stages(long id, Instant setUp, Instant submitted) {
        long span = Math.max(Duration.between(setUp, submitted).toHours(), 3);
        Instant preparing = setUp.plus(Duration.ofHours(span / 6));
        Instant ready = setUp.plus(Duration.ofHours(span * 5 / 6));
        stage(id, "BACKLOT_SETUP", setUp, preparing);
        stage(id, "PREPARING", preparing, ready);
        stage(id, "READY", ready, submitted);
        return submitted;
    }

    private void stage(long id, String stage, Instant entered, Instant left) {
        jdbc.update("INSERT INTO delivery_stage (delivery_id, stage, entered_at, left_at) VALUES (?, ?, ?, ?)", id, stage, ts(entered), ts(left));
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
