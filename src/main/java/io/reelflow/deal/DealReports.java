package io.reelflow.deal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Read model behind the deals report: how many deals stand in each status. No terms, no money. */
@Repository
public class DealReports {

    /** Every status with its number of deals (zero included), in the order a deal moves through them. */
    public record DealsByStatus(int total, Map<DealStatus, Integer> byStatus) {
    }

    private final JdbcTemplate jdbc;

    public DealReports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public DealsByStatus byStatus() {
        Map<DealStatus, Integer> counts = new LinkedHashMap<>();
        for (DealStatus s : DealStatus.values()) counts.put(s, 0);
        jdbc.query("SELECT status, count(*) FROM deal GROUP BY status", rs -> {
            counts.put(DealStatus.valueOf(rs.getString(1)), rs.getInt(2));
        });
        return new DealsByStatus(counts.values().stream().mapToInt(Integer::intValue).sum(), counts);
    }
}
