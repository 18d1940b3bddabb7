package io.reelflow.window;

import io.reelflow.platform.EngineClock;
import io.reelflow.rights.RightsService;
import io.reelflow.window.rules.Alert;
import io.reelflow.window.rules.AlertSchedule;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Licence windows: when they go live, when renewal alerts fall due, and reversion of the rights
 * on the day after the last day. Timer dates are instants at 00:00 UTC of the contract's day.
 */
@Service
public class WindowService {

    /** A window as the API and the processes see it. */
    public record LicenceWindow(String dealRef, String licensee, String titleNames, LocalDate start, LocalDate end, WindowState state,
                                RenewalStatus renewalStatus, Integer lastAlertLeadDays, String renewalNote) {
        public boolean evergreen() {
            return end == null;
        }
    }

    /** What the window-watch process arms next. */
    public record WindowPlan(boolean live, java.util.Date startsAt, boolean evergreen, boolean alertDue, java.util.Date nextAlertAt,
                             int nextAlertLeadDays, java.util.Date escalationAt, java.util.Date expiresAt, String windowEndLabel) {
    }

    private final JdbcTemplate jdbc;
    private final RightsService rights;
    private final List<Integer> leadTimes;
    /**
     * Windows opened or read in the current transaction, by deal (the job that opens a window plans its timers from it);
     * every other write to a window forgets it first.
     */
    private final io.reelflow.platform.TransactionMemo<String, LicenceWindow> windows = new io.reelflow.platform.TransactionMemo<>("windows");
    /** Timer plans stored or read in the current transaction, by deal: a window's timers each read the plan its job stored. */
    private final io.reelflow.platform.TransactionMemo<String, WindowPlan> plans = new io.reelflow.platform.TransactionMemo<>("window-plans");

    public WindowService(JdbcTemplate jdbc, RightsService rights, @Value("${reelflow.window.alert-lead-days:180,90,30}") List<Integer> leadTimes) {
        this.jdbc = jdbc;
        this.rights = rights;
        this.leadTimes = List.copyOf(leadTimes);
    }

    /** Records the window of a granted deal; repeating it changes nothing. */
    @Transactional
    public void open(String dealRef, String licensee, String titleNames, LocalDate start, LocalDate end) {
        jdbc.query("""
                INSERT INTO licence_window (deal_ref, licensee, title_names, window_start, window_end, state)
                VALUES (?, ?, ?, ?, ?, 'SCHEDULED') ON CONFLICT (deal_ref) DO NOTHING RETURNING *""",
                (rs, i) -> map(rs), dealRef, licensee, titleNames, Date.valueOf(start), end == null ? null : Date.valueOf(end))
                .forEach(opened -> windows.put(dealRef, opened));
    }

    @Transactional(readOnly = true)
    public Optional<LicenceWindow> find(String dealRef) {
        return Optional.ofNullable(windows.get(dealRef, key ->
                jdbc.query("SELECT * FROM licence_window WHERE deal_ref = ?", (rs, i) -> map(rs), dealRef).stream().findFirst().orElse(null)));
    }

    /** The next timers of the window, as of {@code today}. */
    @Transactional(readOnly = true)
    public WindowPlan plan(String dealRef, LocalDate today) {
        LicenceWindow w = require(dealRef);
        boolean live = !today.isBefore(w.start());
        if (w.evergreen()) {
            return new WindowPlan(live, EngineClock.startOf(w.start()), true, false, null, 0, null, null, "never (evergreen)");
        }
        java.util.Date expiresAt = EngineClock.startOf(AlertSchedule.expiryDate(w.end()));
        boolean decided = w.renewalStatus() == RenewalStatus.LET_EXPIRE || w.renewalStatus() == RenewalStatus.RELICENSE;
        List<Alert> alerts = decided ? List.of() : AlertSchedule.alertDates(w.start(), w.end(), leadTimes, today);
        if (alerts.isEmpty()) {
            return new WindowPlan(live, EngineClock.startOf(w.start()), false, false, null, 0, null, expiresAt, w.end().toString());
        }
        Alert next = alerts.get(0);
        return new WindowPlan(live, EngineClock.startOf(w.start()), false, true, EngineClock.startOf(next.date()), next.leadDays(),
                EngineClock.startOf(AlertSchedule.escalationDate(next, w.end(), leadTimes)), expiresAt, w.end().toString());
    }

    /** Keeps the plan the process arms its timers from (the plan of the day it was made, until the next one). */
    @Transactional
    public void storePlan(String dealRef, WindowPlan plan) {
        int updated = jdbc.update("""
                UPDATE licence_window SET plan_live = ?, plan_starts_at = ?, plan_evergreen = ?, plan_alert_due = ?, plan_next_alert_at = ?,
                       plan_next_alert_lead = ?, plan_escalation_at = ?, plan_expires_at = ?, plan_end_label = ?
                WHERE deal_ref = ?""", plan.live(), timestamp(plan.startsAt()), plan.evergreen(), plan.alertDue(),
                timestamp(plan.nextAlertAt()), plan.nextAlertLeadDays(), timestamp(plan.escalationAt()), timestamp(plan.expiresAt()),
                plan.windowEndLabel(), dealRef);
        if (updated != 1) throw new IllegalStateException("no licence window for deal " + dealRef);
        plans.put(dealRef, plan);
    }

    /** The plan last stored for the window (the timers of one job read it once; it is written by storePlan only). */
    @Transactional(readOnly = true)
    public WindowPlan storedPlan(String dealRef) {
        return plans.get(dealRef, key -> jdbc.query("""
                SELECT plan_live, plan_starts_at, plan_evergreen, plan_alert_due, plan_next_alert_at, plan_next_alert_lead,
                       plan_escalation_at, plan_expires_at, plan_end_label
                FROM licence_window WHERE deal_ref = ? AND plan_live IS NOT NULL""",
                (rs, i) -> new WindowPlan(rs.getBoolean(1), date(rs.getTimestamp(2)), rs.getBoolean(3), rs.getBoolean(4),
                        date(rs.getTimestamp(5)), rs.getInt(6), date(rs.getTimestamp(7)), date(rs.getTimestamp(8)), rs.getString(9)), dealRef)
                .stream().findFirst().orElseThrow(() -> new IllegalStateException("no timer plan for the licence window of deal " + dealRef)));
    }

    private static java.sql.Timestamp timestamp(java.util.Date d) {
        return d == null ? null : new java.sql.Timestamp(d.getTime());
    }

    private static java.util.Date date(java.sql.Timestamp t) {
        return t == null ? null : new java.util.Date(t.getTime());
    }

    @Transactional
    public void goLive(String dealRef) {
        windows.forget(dealRef);
        jdbc.update("UPDATE licence_window SET state = 'LIVE', updated_at = now() WHERE deal_ref = ? AND state = 'SCHEDULED'", dealRef);
    }

    /** A renewal alert fell due: a decision is now pending. */
    @Transactional
    public void alertRaised(String dealRef, int leadDays) {
        windows.forget(dealRef);
        jdbc.update("""
                UPDATE licence_window SET renewal_status = 'DECISION_PENDING', last_alert_lead_days = ?, updated_at = now()
                WHERE deal_ref = ?""", leadDays, dealRef);
    }

    @Transactional
    public void decided(String dealRef, RenewalStatus status, String note) {
        windows.forget(dealRef);
        jdbc.update("UPDATE licence_window SET renewal_status = ?, renewal_note = ?, updated_at = now() WHERE deal_ref = ?",
                status.name(), note, dealRef);
    }

    /** A new last day (renewal or CRM amendment); the caller has already moved the grants. */
    @Transactional
    public void changeEnd(String dealRef, LocalDate newEnd, RenewalStatus status) {
        windows.forget(dealRef);
        jdbc.update("UPDATE licence_window SET window_end = ?, renewal_status = ?, updated_at = now() WHERE deal_ref = ?",
                newEnd == null ? null : Date.valueOf(newEnd), status.name(), dealRef);
    }

    /** The day after the last day: the grants are released and the rights are in the avails again. */
    @Transactional
    public int expire(String dealRef) {
        LicenceWindow w = require(dealRef);
        if (w.state() == WindowState.ENDED) return 0;
        int released = rights.release(dealRef, AlertSchedule.expiryDate(w.end()));
        windows.forget(dealRef);
        jdbc.update("UPDATE licence_window SET state = 'ENDED', updated_at = now() WHERE deal_ref = ?", dealRef);
        return released;
    }

    /** Windows whose last day falls between today and today + days, soonest first. */
    @Transactional(readOnly = true)
    public List<LicenceWindow> expiring(LocalDate today, int days) {
        return jdbc.query("""
                SELECT * FROM licence_window WHERE state <> 'ENDED' AND window_end BETWEEN ? AND ?
                ORDER BY window_end, deal_ref""", (rs, i) -> map(rs), Date.valueOf(today), Date.valueOf(today.plusDays(days)));
    }

    public List<Integer> leadTimes() {
        return leadTimes;
    }

    private LicenceWindow require(String dealRef) {
        return find(dealRef).orElseThrow(() -> new IllegalStateException("no licence window for deal " + dealRef));
    }

    private static LicenceWindow map(java.sql.ResultSet rs) throws java.sql.SQLException {
        Date end = rs.getDate("window_end");
        return new LicenceWindow(rs.getString("deal_ref"), rs.getString("licensee"), rs.getString("title_names"),
                rs.getDate("window_start").toLocalDate(), end == null ? null : end.toLocalDate(), WindowState.valueOf(rs.getString("state")),
                RenewalStatus.valueOf(rs.getString("renewal_status")), (Integer) rs.getObject("last_alert_lead_days"), rs.getString("renewal_note"));
    }
}
