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

    /** First-pass acceptance, rejections by category and by vendor, average days per stage. */
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
        return new QcReport(withResult, firstPass, rate, byCategory, byVendor, days, List.of());
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
