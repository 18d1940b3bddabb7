package io.reelflow.rights;

import io.reelflow.rights.rules.DateWindow;
import io.reelflow.rights.rules.ExistingGrant;
import io.reelflow.rights.rules.Holdback;
import io.reelflow.rights.rules.Media;
import io.reelflow.rights.rules.RightsHeld;
import java.sql.Array;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads what the conflict rules need for some titles in three indexed queries, sent together: rights held,
 * holdbacks, and the days each grant holds (pending, active, expired, or released after some days passed).
 */
@Repository
public class RightsSnapshots {

    public record Snapshot(List<RightsHeld> held, List<Holdback> holdbacks, List<ExistingGrant> grants) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public RightsSnapshots(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Snapshot load(Collection<Long> titleIds) {
        Long[] ids = titleIds.toArray(Long[]::new);
        // the three queries in one round trip: the driver sends them together and answers three result sets
        return jdbc.getJdbcOperations().execute((org.springframework.jdbc.core.ConnectionCallback<Snapshot>) con -> {
            try (PreparedStatement ps = con.prepareStatement("""
                    SELECT id, title_id, licensor, territories, media, term_start, term_end, exclusive
                    FROM rights_in WHERE title_id = ANY (?);
                    SELECT id, title_id, territories, media, period_start, period_end, reason
                    FROM holdback WHERE title_id = ANY (?);
                    SELECT id, title_id, territory, media, lower(held_period) AS held_start, upper(held_period) - 1 AS held_end,
                           exclusive, licensee, deal_ref
                    FROM grant_out WHERE title_id = ANY (?) AND NOT isempty(held_period)""")) {
                Array array = con.createArrayOf("bigint", ids);
                for (int i = 1; i <= 3; i++) ps.setArray(i, array);
                ps.execute();
                List<RightsHeld> held = rows(ps.getResultSet(), rs -> new RightsHeld(
                        rs.getLong("id"), rs.getLong("title_id"), rs.getString("licensor"), strings(rs.getArray("territories")),
                        media(rs.getArray("media")), new DateWindow(date(rs, "term_start"), date(rs, "term_end")), rs.getBoolean("exclusive")));
                ps.getMoreResults();
                List<Holdback> holdbacks = rows(ps.getResultSet(), rs -> new Holdback(
                        rs.getLong("id"), rs.getLong("title_id"), strings(rs.getArray("territories")), media(rs.getArray("media")),
                        new DateWindow(date(rs, "period_start"), date(rs, "period_end")), rs.getString("reason")));
                // a grant counts for the days it holds: its window while pending, active or expired, its days before the
                // release once released (a day that has passed never returns to the avails)
                ps.getMoreResults();
                List<ExistingGrant> grants = rows(ps.getResultSet(), rs -> new ExistingGrant(
                        rs.getLong("id"), rs.getLong("title_id"), rs.getString("territory"), Media.valueOf(rs.getString("media")),
                        new DateWindow(date(rs, "held_start"), date(rs, "held_end")), rs.getBoolean("exclusive"),
                        rs.getString("licensee"), rs.getString("deal_ref")));
                return new Snapshot(held, holdbacks, grants);
            }
        });
    }

    private interface Row<T> {
        T of(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> rows(ResultSet rs, Row<T> row) throws SQLException {
        List<T> out = new java.util.ArrayList<>();
        try (rs) {
            while (rs.next()) out.add(row.of(rs));
        }
        return out;
    }

    static Set<String> strings(Array array) throws SQLException {
        return new LinkedHashSet<>(Arrays.asList((String[]) array.getArray()));
    }

    static Set<Media> media(Array array) throws SQLException {
        return media((String[]) array.getArray());
    }

    static Set<Media> media(String[] names) {
        Set<Media> media = EnumSet.noneOf(Media.class);
        for (String n : names) media.add(Media.valueOf(n));
        return media;
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }
}
