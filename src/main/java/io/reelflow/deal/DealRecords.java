package io.reelflow.deal;

import io.reelflow.rights.rules.Conflict;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The deal's satellites: its titles, the conflicts of its latest check, and its event trail. */
@Repository
public class DealRecords {

    public record DealTitle(long titleId, String name) {
    }

    public record ConflictRow(String rule, long titleId, String titleName, String territory, String media, LocalDate from, LocalDate to,
                              String recordType, Long recordId, String message) {
    }

    public record DealEvent(Instant at, String kind, String detail, String actor) {
    }

    private final JdbcTemplate jdbc;
    private final DealWebhookEvents webhooks;
    /** Deals whose conflicts this transaction has already replaced by none (a clean deal's check, then its grant). */
    private final io.reelflow.platform.TransactionMemo<Long, Boolean> clearedConflicts = new io.reelflow.platform.TransactionMemo<>("cleared-conflicts");

    public DealRecords(JdbcTemplate jdbc, DealWebhookEvents webhooks) {
        this.jdbc = jdbc;
        this.webhooks = webhooks;
    }

    public void addTitles(long dealId, List<Long> titleIds) {
        for (int i = 0; i < titleIds.size(); i++) {
            jdbc.update("INSERT INTO deal_title (deal_id, title_id, position) VALUES (?, ?, ?)", dealId, titleIds.get(i), i);
        }
    }

    /**
     * The row id of the deal with this CRM deal id, if one is recorded. Plain SQL: a new deal's request asks it first, and
     * the same question through the repository (a JPA query) took 8 % of the request's CPU for a row that is
     * almost never there.
     */
    public java.util.Optional<Long> idOfCrmDeal(String crmDealId) {
        return jdbc.queryForList("SELECT id FROM deal WHERE crm_deal_id = ?", Long.class, crmDealId).stream().findFirst();
    }

    /** The names of those titles that exist, by id: one query for all of them. */
    public java.util.Map<Long, String> titleNames(List<Long> titleIds) {
        java.util.Map<Long, String> names = new java.util.HashMap<>();
        List<Long> ids = titleIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) return names;
        jdbc.query("SELECT id, name FROM title WHERE id = ANY (?)", rs -> {
            names.put(rs.getLong(1), rs.getString(2));
        }, (Object) ids.toArray(Long[]::new));
        return names;
    }

    public List<DealTitle> titles(long dealId) {
        return jdbc.query("""
                SELECT t.id, t.name FROM deal_title dt JOIN title t ON t.id = dt.title_id
                WHERE dt.deal_id = ? ORDER BY dt.position""", (rs, i) -> new DealTitle(rs.getLong(1), rs.getString(2)), dealId);
    }

    public String originalLanguage(long titleId) {
        return jdbc.queryForObject("SELECT original_language FROM title WHERE id = ?", String.class, titleId);
    }

    /** Replaces the conflicts of the previous check: a check is idempotent. */
    public void replaceConflicts(long dealId, List<Conflict> conflicts) {
        if (conflicts.isEmpty() && clearedConflicts.kept(dealId) != null) return; // none already, in this transaction
        jdbc.update("DELETE FROM deal_conflict WHERE deal_id = ?", dealId);
        if (conflicts.isEmpty()) clearedConflicts.put(dealId, Boolean.TRUE);
        else clearedConflicts.forget(dealId);
        jdbc.batchUpdate("""
                INSERT INTO deal_conflict (deal_id, rule, title_id, territory, media, date_from, date_to, record_type, record_id, message)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", conflicts, 500, (ps, c) -> {
            ps.setLong(1, dealId);
            ps.setString(2, c.rule().name());
            ps.setLong(3, c.titleId());
            ps.setString(4, c.territory());
            ps.setString(5, c.media() == null ? "" : c.media().name());
            ps.setDate(6, c.from() == null ? null : Date.valueOf(c.from()));
            ps.setDate(7, c.to() == null ? null : Date.valueOf(c.to()));
            ps.setString(8, c.recordType());
            if (c.recordId() == null) ps.setNull(9, java.sql.Types.BIGINT); else ps.setLong(9, c.recordId());
            ps.setString(10, c.message());
        });
    }

    public List<ConflictRow> conflicts(long dealId) {
        return jdbc.query("""
                SELECT c.rule, c.title_id, t.name, c.territory, c.media, c.date_from, c.date_to, c.record_type, c.record_id, c.message
                FROM deal_conflict c JOIN title t ON t.id = c.title_id WHERE c.deal_id = ?
                ORDER BY t.name, c.territory, c.media, c.rule, c.date_from""", (rs, i) -> new ConflictRow(
                rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), date(rs.getDate(6)), date(rs.getDate(7)),
                rs.getString(8), (Long) rs.getObject(9), rs.getString(10)), dealId);
    }

    public void event(long dealId, String kind, String detail, String actor) {
        event(dealId, kind, detail, actor, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    /** Records an event at a given instant (the deal's own time of receipt, say) and returns it as {@link #events} would. */
    public DealEvent event(long dealId, String kind, String detail, String actor, Instant at) {
        jdbc.update("INSERT INTO deal_event (deal_id, at, kind, detail, actor) VALUES (?, ?, ?, ?, ?)", dealId, Timestamp.from(at), kind, detail, actor);
        webhooks.recorded(dealId, kind, detail, actor); // the outbox, in this transaction
        return new DealEvent(at, kind, detail, actor);
    }

    public List<DealEvent> events(long dealId) {
        return jdbc.query("SELECT at, kind, detail, actor FROM deal_event WHERE deal_id = ? ORDER BY id",
                (rs, i) -> new DealEvent(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4)), dealId);
    }

    private static LocalDate date(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
