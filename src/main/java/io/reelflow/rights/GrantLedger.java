package io.reelflow.rights;

import io.reelflow.rights.rules.DateWindow;
import io.reelflow.rights.rules.Media;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes grants. The exclusion constraint {@code grant_no_exclusive_overlap} is the final judge, over the days each
 * grant holds ({@code held_period}: its window, or its days before the release once released):
 * a row that would overlap another deal's exclusive grant is silently not inserted
 * ({@code ON CONFLICT DO NOTHING} waits for a racing transaction and then yields to it).
 */
@Repository
public class GrantLedger {

    public record GrantLine(long titleId, String territory, Media media) {
    }

    private final JdbcTemplate jdbc;

    public GrantLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return how many of the lines were recorded; fewer than asked means another deal holds some. */
    public int recordActive(String dealRef, String licensee, DateWindow window, boolean exclusive, List<GrantLine> lines) {
        return insert("ACTIVE", dealRef, licensee, window, exclusive, lines);
    }

    /**
     * One statement for all the lines, whatever their number: its count is the rows recorded, exact whatever the
     * driver does with batches (rewritten into multi-row inserts, a batch answers "no count" per row).
     */
    private int insert(String status, String dealRef, String licensee, DateWindow window, boolean exclusive, List<GrantLine> lines) {
        if (lines.isEmpty()) return 0;
        Long[] titles = new Long[lines.size()];
        String[] territories = new String[lines.size()];
        String[] media = new String[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            titles[i] = lines.get(i).titleId();
            territories[i] = lines.get(i).territory();
            media[i] = lines.get(i).media().name();
        }
        return jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    INSERT INTO grant_out (title_id, territory, media, window_start, window_end, exclusive, licensee, deal_ref, status)
                    SELECT l.title_id, l.territory, l.media, ?, ?, ?, ?, ?, ?
                    FROM unnest(?::bigint[], ?::text[], ?::text[]) WITH ORDINALITY AS l (title_id, territory, media, n)
                    ORDER BY l.n
                    ON CONFLICT DO NOTHING""");
            ps.setDate(1, Date.valueOf(window.start()));
            ps.setDate(2, window.end() == null ? null : Date.valueOf(window.end()));
            ps.setBoolean(3, exclusive);
            ps.setString(4, licensee);
            ps.setString(5, dealRef);
            ps.setString(6, status);
            ps.setArray(7, con.createArrayOf("bigint", titles));
            ps.setArray(8, con.createArrayOf("text", territories));
            ps.setArray(9, con.createArrayOf("text", media));
            return ps;
        });
    }

    /**
     * Records a deal of the past for the record: its grants as EXPIRED. They hold their whole window, so the
     * exclusion constraint refuses history that collides with other grants, past or present.
     *
     * @return how many of the lines were recorded; fewer than asked means another deal holds some of those days
     */
    public int recordExpired(String dealRef, String licensee, DateWindow window, boolean exclusive, List<GrantLine> lines) {
        return insert("EXPIRED", dealRef, licensee, window, exclusive, lines);
    }

    /**
     * A withdrawn deal gives back its days from {@code today}: its pending and active grants are released from
     * today (or from their first day, when that is later); the days that have passed stay held.
     */
    public int withdraw(String dealRef, java.time.LocalDate today) {
        return jdbc.update("""
                UPDATE grant_out SET status = 'RELEASED', released_on = GREATEST(window_start, ?)
                WHERE deal_ref = ? AND status IN ('PENDING', 'ACTIVE')""", Date.valueOf(today), dealRef);
    }

    /** Removes a deal's blocking grants, so that a repeated or lost grant attempt starts clean. */
    public int removeBlocking(String dealRef) {
        return jdbc.update("DELETE FROM grant_out WHERE deal_ref = ? AND status IN ('PENDING', 'ACTIVE')", dealRef);
    }

    /** The window ended: the rights return to the avails from {@code on}; the days before stay held. */
    public int release(String dealRef, java.time.LocalDate on) {
        return jdbc.update("""
                UPDATE grant_out SET status = 'RELEASED', released_on = ?
                WHERE deal_ref = ? AND status IN ('PENDING', 'ACTIVE')""", Date.valueOf(on), dealRef);
    }

    /** Moves the end of a deal's blocking grants; the exclusion constraint refuses a collision. */
    public int changeEnd(String dealRef, java.time.LocalDate newEnd) {
        return jdbc.update("""
                UPDATE grant_out SET window_end = ?
                WHERE deal_ref = ? AND status IN ('PENDING', 'ACTIVE')""", newEnd == null ? null : Date.valueOf(newEnd), dealRef);
    }

    /** Grants of other deals on the same titles and media that start after {@code after}: what a renewal would run into. */
    public List<GrantView> startingAfter(String dealRef, List<Long> titleIds, java.time.LocalDate after) {
        if (titleIds.isEmpty()) return List.of();
        return jdbc.query("""
                SELECT g.id, g.title_id, g.territory, g.media, g.window_start, g.window_end, g.exclusive, g.licensee, g.deal_ref, g.status, g.released_on
                FROM grant_out g
                WHERE g.title_id = ANY (?::bigint[]) AND g.deal_ref <> ? AND g.status IN ('PENDING', 'ACTIVE') AND g.window_start > ?
                  AND EXISTS (SELECT 1 FROM grant_out mine WHERE mine.deal_ref = ? AND mine.title_id = g.title_id
                              AND mine.territory = g.territory AND mine.media = g.media)
                ORDER BY g.window_start, g.territory""", (rs, i) -> view(rs),
                titleIds.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",", "{", "}")), dealRef, Date.valueOf(after), dealRef);
    }

    public List<GrantView> forDeal(String dealRef) {
        return jdbc.query("""
                SELECT id, title_id, territory, media, window_start, window_end, exclusive, licensee, deal_ref, status, released_on
                FROM grant_out WHERE deal_ref = ? ORDER BY title_id, territory, media""", (rs, i) -> view(rs), dealRef);
    }

    public List<GrantView> forTitle(long titleId) {
        return jdbc.query("""
                SELECT id, title_id, territory, media, window_start, window_end, exclusive, licensee, deal_ref, status, released_on
                FROM grant_out WHERE title_id = ? ORDER BY territory, media, window_start""", (rs, i) -> view(rs), titleId);
    }

    private static GrantView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        Date end = rs.getDate("window_end");
        return new GrantView(rs.getLong("id"), rs.getLong("title_id"), rs.getString("territory"), rs.getString("media"),
                rs.getDate("window_start").toLocalDate(), end == null ? null : end.toLocalDate(), rs.getBoolean("exclusive"),
                rs.getString("licensee"), rs.getString("deal_ref"), GrantStatus.valueOf(rs.getString("status")),
                rs.getObject("released_on", java.time.LocalDate.class));
    }

    static List<GrantLine> lines(List<Long> titleIds, Iterable<String> territories, Iterable<Media> media) {
        List<GrantLine> lines = new ArrayList<>();
        for (long t : titleIds) for (String c : territories) for (Media m : media) lines.add(new GrantLine(t, c, m));
        return lines;
    }
}
