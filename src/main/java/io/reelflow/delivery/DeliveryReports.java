package io.reelflow.delivery;

import io.reelflow.delivery.DeliveryController.QcItemView;
import io.reelflow.delivery.DeliveryController.QcReport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Read-only queries behind the delivery API: the QC report, a delivery's open QC items and its events waiting in the inbox. */
@Repository
public class DeliveryReports {

    private final JdbcTemplate jdbc;

    public DeliveryReports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** First-pass acceptance, rejections by category and by vendor, average days per stage, the inspections waived. */
    public QcReport qcReport() {
        int withResult = count("SELECT count(*) FROM delivery WHERE stage = 'ACCEPTED' OR rejections > 0");
        int firstPass = count("SELECT count(*) FROM delivery WHERE stage = 'ACCEPTED' AND rejections = 0");
        BigDecimal rate = withResult == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(firstPass).divide(BigDecimal.valueOf(withResult), 4, RoundingMode.HALF_EVEN);
        Map<String, Integer> byCategory = new TreeMap<>();
        jdbc.query("SELECT category, count(*) FROM qc_item GROUP BY category", rs -> {
            byCategory.put(rs.getString(1), rs.getInt(2));
        });
        Map<String, Integer> byVendor = new TreeMap<>();
        jdbc.query("""
                SELECT coalesce(t.vendor, CASE WHEN q.routed_to LIKE 'post house%' THEN d.post_house END, 'coordinator') AS vendor, count(*)
                FROM qc_item q JOIN delivery d ON d.id = q.delivery_id LEFT JOIN delivery_track t ON t.id = q.track_id
                GROUP BY 1""", rs -> {
            byVendor.put(rs.getString(1) == null ? "unknown" : rs.getString(1), rs.getInt(2));
        });
        Map<String, BigDecimal> days = new TreeMap<>();
        jdbc.query("""
                SELECT stage, avg(extract(epoch FROM (left_at - entered_at)) / 86400.0) FROM delivery_stage
                WHERE left_at IS NOT NULL GROUP BY stage""", rs -> {
            days.put(rs.getString(1), rs.getBigDecimal(2).setScale(2, RoundingMode.HALF_EVEN));
        });
        return new QcReport(withResult, firstPass, rate, byCategory, byVendor, days, waived());
    }

    /** The inspections managers waived, newest first (at most 500), with their delivery and asset: one query. */
    private List<DeliveryController.WaiverView> waived() {
        return jdbc.query("""
                SELECT w.delivery_id, d.deal_ref, d.title_name, t.kind, t.language, w.requested_by, w.requested_note, w.decided_by, w.note,
                       w.decided_at
                FROM inspection_waiver w JOIN delivery d ON d.id = w.delivery_id LEFT JOIN delivery_track t ON t.id = w.track_id
                WHERE w.status = 'WAIVED' ORDER BY w.decided_at DESC, w.id DESC LIMIT 500""",
                (rs, i) -> new DeliveryController.WaiverView(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4) == null ? "IMF package"
                                : Deliveries.label(io.reelflow.inspection.TrackKind.valueOf(rs.getString(4))) + " " + rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant()));
    }

    /** One stage: how many deliveries stand in it now and how long they have been there (days, to the hour). */
    public record StageAge(DeliveryStage stage, int deliveries, BigDecimal averageDaysInStage, BigDecimal oldestDaysInStage) {
    }

    /** A delivery still open (not accepted), with the deal and how long it has stood in its stage. */
    public record WaitingDelivery(long deliveryId, String crmDealId, String titleName, DeliveryStage stage, BigDecimal daysInStage,
                                  int rejections) {
    }

    public record DeliveriesByStage(int total, List<StageAge> byStage, List<WaitingDelivery> longestWaiting) {
    }

    /** Every stage in delivery order, zero included; the open deliveries that have waited longest in their stage. */
    public DeliveriesByStage byStage(java.time.Instant now, int longest) {
        java.sql.Timestamp at = java.sql.Timestamp.from(now);
        Map<String, StageAge> found = new java.util.HashMap<>();
        String age = "greatest(0, extract(epoch FROM (? - coalesce(s.entered_at, d.updated_at))) / 86400.0)";
        jdbc.query("SELECT d.stage, count(*), avg(" + age + "), max(" + age + ") FROM delivery d " + CURRENT_STAGE + " GROUP BY d.stage", rs -> {
            found.put(rs.getString(1), new StageAge(DeliveryStage.valueOf(rs.getString(1)), rs.getInt(2), days(rs.getBigDecimal(3)),
                    days(rs.getBigDecimal(4))));
        }, at, at);
        List<StageAge> stages = new java.util.ArrayList<>();
        for (DeliveryStage s : DeliveryStage.values()) {
            stages.add(found.getOrDefault(s.name(), new StageAge(s, 0, BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2))));
        }
        List<WaitingDelivery> waiting = jdbc.query("SELECT d.id, d.deal_ref, d.title_name, d.stage, " + age + ", d.rejections FROM delivery d "
                + CURRENT_STAGE + " WHERE d.stage <> 'ACCEPTED' ORDER BY 5 DESC, d.id LIMIT ?", (rs, i) -> new WaitingDelivery(rs.getLong(1),
                rs.getString(2), rs.getString(3), DeliveryStage.valueOf(rs.getString(4)), days(rs.getBigDecimal(5)), rs.getInt(6)), at, longest);
        return new DeliveriesByStage(stages.stream().mapToInt(StageAge::deliveries).sum(), stages, waiting);
    }

    private static final String CURRENT_STAGE =
            "LEFT JOIN LATERAL (SELECT entered_at FROM delivery_stage WHERE delivery_id = d.id AND left_at IS NULL ORDER BY id DESC LIMIT 1) s ON true";

    private static BigDecimal days(BigDecimal d) {
        return (d == null ? BigDecimal.ZERO : d).setScale(2, RoundingMode.HALF_EVEN);
    }

    /**
     * Netflix QC in one calendar month (UTC). A delivery's first-pass outcome counts in the month of its first QC verdict
     * (accepted or rejected); each rejection counts in the month it came, with its items by category and by who fixes them.
     */
    public record QcMonth(String month, int firstVerdicts, int acceptedFirstPass, BigDecimal firstPassAcceptanceRate, int accepted,
                          int rejections, Map<String, Integer> rejectedItemsByCategory, Map<String, Integer> rejectedItemsByVendor) {
    }

    /** The last {@code months} calendar months up to the one holding {@code now}, oldest first, every month listed. */
    public List<QcMonth> qcByMonth(java.time.Instant now, int months) {
        java.time.YearMonth last = java.time.YearMonth.from(now.atZone(java.time.ZoneOffset.UTC));
        java.time.YearMonth first = last.minusMonths(months - 1L);
        java.sql.Timestamp from = java.sql.Timestamp.from(first.atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        java.sql.Timestamp to = java.sql.Timestamp.from(last.plusMonths(1).atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        Map<String, int[]> verdicts = new java.util.HashMap<>(); // first verdicts, accepted first pass
        jdbc.query("""
                SELECT to_char(entered_at AT TIME ZONE 'UTC', 'YYYY-MM'), count(*), count(*) FILTER (WHERE stage = 'ACCEPTED') FROM (
                  SELECT DISTINCT ON (delivery_id) delivery_id, stage, entered_at FROM delivery_stage
                  WHERE stage IN ('ACCEPTED', 'REJECTED') ORDER BY delivery_id, entered_at, id) f
                WHERE entered_at >= ? AND entered_at < ? GROUP BY 1""", rs -> {
            verdicts.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3)});
        }, from, to);
        Map<String, int[]> outcomes = new java.util.HashMap<>(); // accepted, rejections
        jdbc.query("""
                SELECT to_char(entered_at AT TIME ZONE 'UTC', 'YYYY-MM'), count(*) FILTER (WHERE stage = 'ACCEPTED'), count(*) FILTER (WHERE stage = 'REJECTED')
                FROM delivery_stage WHERE stage IN ('ACCEPTED', 'REJECTED') AND entered_at >= ? AND entered_at < ? GROUP BY 1""", rs -> {
            outcomes.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3)});
        }, from, to);
        Map<String, Map<String, Integer>> categories = new java.util.HashMap<>();
        Map<String, Map<String, Integer>> vendors = new java.util.HashMap<>();
        // the n-th rejection of a delivery (its n-th REJECTED stage) listed the items of its n-th rejected attempt
        jdbc.query("""
                WITH r AS (SELECT delivery_id, entered_at, row_number() OVER (PARTITION BY delivery_id ORDER BY entered_at, id) AS n
                           FROM delivery_stage WHERE stage = 'REJECTED'),
                     a AS (SELECT delivery_id, attempt, dense_rank() OVER (PARTITION BY delivery_id ORDER BY attempt) AS n
                           FROM (SELECT DISTINCT delivery_id, attempt FROM qc_item) x)
                SELECT to_char(r.entered_at AT TIME ZONE 'UTC', 'YYYY-MM'), q.category,
                       coalesce(t.vendor, CASE WHEN q.routed_to LIKE 'post house%' THEN d.post_house END, 'coordinator'), count(*)
                FROM qc_item q JOIN a ON a.delivery_id = q.delivery_id AND a.attempt = q.attempt
                JOIN r ON r.delivery_id = q.delivery_id AND r.n = a.n
                JOIN delivery d ON d.id = q.delivery_id LEFT JOIN delivery_track t ON t.id = q.track_id
                WHERE r.entered_at >= ? AND r.entered_at < ? GROUP BY 1, 2, 3""", rs -> {
            String month = rs.getString(1);
            int n = rs.getInt(4);
            categories.computeIfAbsent(month, m -> new TreeMap<>()).merge(rs.getString(2), n, Integer::sum);
            vendors.computeIfAbsent(month, m -> new TreeMap<>()).merge(rs.getString(3) == null ? "unknown" : rs.getString(3), n, Integer::sum);
        }, from, to);
        List<QcMonth> result = new java.util.ArrayList<>();
        for (java.time.YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            String key = m.toString();
            int[] v = verdicts.getOrDefault(key, new int[2]);
            int[] o = outcomes.getOrDefault(key, new int[2]);
            BigDecimal rate = v[0] == 0 ? null : BigDecimal.valueOf(v[1]).divide(BigDecimal.valueOf(v[0]), 4, RoundingMode.HALF_EVEN);
            result.add(new QcMonth(key, v[0], v[1], rate, o[0], o[1], categories.getOrDefault(key, Map.of()), vendors.getOrDefault(key, Map.of())));
        }
        return result;
    }

    /** The QC items of one submission attempt, in the order Netflix listed them. */
    public List<QcItemView> qcItems(long deliveryId, int attempt) {
        return jdbc.query("""
                SELECT attempt, category, code, timecode, note, language, routed_to FROM qc_item WHERE delivery_id = ? AND attempt = ?
                ORDER BY id""", (rs, i) -> new QcItemView(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7)), deliveryId, attempt);
    }

    /** Ids of the events kept for the delivery until its process waits for them, oldest first. */
    public List<String> pendingEvents(long deliveryId) {
        return jdbc.queryForList("SELECT event_id FROM delivery_event WHERE delivery_id = ? AND status = 'PENDING' ORDER BY received_at",
                String.class, deliveryId);
    }

    private int count(String sql) {
        Integer n = jdbc.queryForObject(sql, Integer.class);
        return n == null ? 0 : n;
    }
}
