package io.reelflow.rights;

import io.reelflow.rights.rules.DateWindow;
import io.reelflow.rights.rules.ExistingGrant;
import io.reelflow.rights.rules.Holdback;
import io.reelflow.rights.rules.Media;
import io.reelflow.rights.rules.RightsHeld;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads what the conflict rules need for some titles in three indexed queries: rights held,
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
        MapSqlParameterSource p = new MapSqlParameterSource("ids", titleIds);
        List<RightsHeld> held = jdbc.query("""
                SELECT id, title_id, licensor, territories, media, term_start, term_end, exclusive
                FROM rights_in WHERE title_id IN (:ids)""", p, (rs, i) -> new RightsHeld(
                rs.getLong("id"), rs.getLong("title_id"), rs.getString("licensor"), strings(rs.getArray("territories")),
                media(rs.getArray("media")), new DateWindow(date(rs, "term_start"), date(rs, "term_end")), rs.getBoolean("exclusive")));
        List<Holdback> holdbacks = jdbc.query("""
                SELECT id, title_id, territories, media, period_start, period_end, reason
                FROM holdback WHERE title_id IN (:ids)""", p, (rs, i) -> new Holdback(
                rs.getLong("id"), rs.getLong("title_id"), strings(rs.getArray("territories")), media(rs.getArray("media")),
                new DateWindow(date(rs, "period_start"), date(rs, "period_end")), rs.getString("reason")));
        // a grant counts for the days it holds: its window while pending, active or expired, its days before the
        // release once released (a day that has passed never returns to the avails)
        List<ExistingGrant> grants = jdbc.query("""
                SELECT id, title_id, territory, media, lower(held_period) AS held_start, upper(held_period) - 1 AS held_end,
                       exclusive, licensee, deal_ref
                FROM grant_out WHERE title_id IN (:ids) AND NOT isempty(held_period)""", p, (rs, i) -> new ExistingGrant(
                rs.getLong("id"), rs.getLong("title_id"), rs.getString("territory"), Media.valueOf(rs.getString("media")),
                new DateWindow(date(rs, "held_start"), date(rs, "held_end")), rs.getBoolean("exclusive"),
                rs.getString("licensee"), rs.getString("deal_ref")));
        return new Snapshot(held, holdbacks, grants);
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
