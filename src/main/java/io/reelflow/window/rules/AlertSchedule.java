package io.reelflow.window.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Renewal alerts for a licence window, counted in calendar days before the window's last day
 * (which is inclusive: the rights revert on the day after, see {@link #expiryDate}).
 */
public final class AlertSchedule {

    /** Lead times used unless the deal configures others: 180, 90 and 30 days before the last day. */
    public static final List<Integer> DEFAULT_LEAD_TIMES_DAYS = List.of(180, 90, 30);

    private AlertSchedule() {
    }

    /** {@link #alertDates(LocalDate, LocalDate, List, LocalDate)} with {@link #DEFAULT_LEAD_TIMES_DAYS}. */
    public static List<Alert> alertDates(LocalDate windowStart, LocalDate lastDay, LocalDate today) {
        return alertDates(windowStart, lastDay, DEFAULT_LEAD_TIMES_DAYS, today);
    }

    /**
     * The renewal alerts still to fire, ordered by date. Rules, in this order:
     * <ol>
     *   <li>Evergreen window ({@code lastDay} null): no alerts. A window already over
     *       ({@code today} after {@code lastDay}): no alerts either, there is nothing left to renew in time.</li>
     *   <li>Lead times may come unsorted and duplicated; each distinct one gives {@code lastDay - leadDays}.</li>
     *   <li>A date before {@code windowStart} is dropped: the window is shorter than that lead time.</li>
     *   <li>If that drops every alert, a single alert fires on {@code windowStart}, standing for the shortest
     *       lead time. Decision: a window shorter than every lead time still needs one renewal decision, and
     *       its first day is the earliest sensible moment to ask for it.</li>
     *   <li>Alerts dated before {@code today} collapse into a single alert on {@code today}, standing for the
     *       shortest (most urgent) of the missed lead times: nobody needs three overdue reminders at once.</li>
     *   <li>At most one alert per day; when two fall on the same day the shorter lead time is kept.</li>
     * </ol>
     *
     * @param windowStart first day of the window
     * @param lastDay last day of the window, inclusive; null for an evergreen window
     * @param leadTimesDays lead times in days, each &gt;= 0, at least one
     * @param today the day the schedule is computed
     */
    public static List<Alert> alertDates(LocalDate windowStart, LocalDate lastDay, List<Integer> leadTimesDays,
                                         LocalDate today) {
        Objects.requireNonNull(windowStart, "windowStart is required");
        Objects.requireNonNull(today, "today is required");
        TreeSet<Integer> leads = distinctLeadTimes(leadTimesDays);
        if (lastDay == null) {
            return List.of();
        }
        requireLastDayNotBeforeStart(windowStart, lastDay);
        if (today.isAfter(lastDay)) {
            return List.of();
        }
        List<Alert> alerts = new ArrayList<>();
        for (int lead : leads.descendingSet()) {
            LocalDate date = lastDay.minusDays(lead);
            if (!date.isBefore(windowStart)) {
                alerts.add(new Alert(lead, date));
            }
        }
        if (alerts.isEmpty()) {
            alerts.add(new Alert(leads.first(), windowStart));
        }
        // Keyed by date: a later put for the same day comes from a shorter lead time (alerts run longest
        // lead first), which is the one to keep.
        TreeMap<LocalDate, Alert> byDate = new TreeMap<>();
        for (Alert alert : alerts) {
            Alert effective = alert.date().isBefore(today) ? new Alert(alert.leadDays(), today) : alert;
            byDate.put(effective.date(), effective);
        }
        return List.copyOf(byDate.values());
    }

    /** The reversion day: the day after the (inclusive) last day of the window. */
    public static LocalDate expiryDate(LocalDate lastDay) {
        Objects.requireNonNull(lastDay, "lastDay is required (an evergreen window has no expiry date)");
        return lastDay.plusDays(1);
    }

    /**
     * When an alert nobody has decided on escalates: on the date of the next (shorter) lead time that
     * falls after the alert, or on the expiry day when the alert stands for the last lead time.
     *
     * @param alert an alert produced by {@link #alertDates} for the same window and lead times
     * @param lastDay last day of the window, inclusive
     * @param leadTimesDays the lead times the alert was produced with
     */
    public static LocalDate escalationDate(Alert alert, LocalDate lastDay, List<Integer> leadTimesDays) {
        Objects.requireNonNull(alert, "alert is required");
        Objects.requireNonNull(lastDay, "lastDay is required (an evergreen window has no alerts to escalate)");
        TreeSet<Integer> leads = distinctLeadTimes(leadTimesDays);
        if (!leads.contains(alert.leadDays())) {
            throw new IllegalArgumentException("alert.leadDays " + alert.leadDays() + " is not one of the lead times "
                    + leads);
        }
        for (int lead : leads.headSet(alert.leadDays(), false).descendingSet()) {
            LocalDate date = lastDay.minusDays(lead);
            if (date.isAfter(alert.date())) {
                return date;
            }
        }
        return expiryDate(lastDay);
    }

    /** {@link #escalationDate(Alert, LocalDate, List)} with {@link #DEFAULT_LEAD_TIMES_DAYS}. */
    public static LocalDate escalationDate(Alert alert, LocalDate lastDay) {
        return escalationDate(alert, lastDay, DEFAULT_LEAD_TIMES_DAYS);
    }

    private static TreeSet<Integer> distinctLeadTimes(List<Integer> leadTimesDays) {
        Objects.requireNonNull(leadTimesDays, "leadTimesDays is required");
        if (leadTimesDays.isEmpty()) {
            throw new IllegalArgumentException("leadTimesDays must contain at least one lead time");
        }
        TreeSet<Integer> leads = new TreeSet<>();
        for (int i = 0; i < leadTimesDays.size(); i++) {
            Integer lead = leadTimesDays.get(i);
            if (lead == null || lead < 0) {
                throw new IllegalArgumentException("leadTimesDays[" + i + "] must be a number of days >= 0, was " + lead);
            }
            leads.add(lead);
        }
        return leads;
    }

    private static void requireLastDayNotBeforeStart(LocalDate windowStart, LocalDate lastDay) {
        if (lastDay.isBefore(windowStart)) {
            throw new IllegalArgumentException("lastDay " + lastDay + " is before windowStart " + windowStart);
        }
    }
}
