package io.reelflow.royalty.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Calendar quarters of a licence window, for quarterly revenue reporting. */
public final class RevenueQuarters {

    /** Reports are due this many days after the end of the calendar quarter unless the deal says otherwise. */
    public static final int DEFAULT_REPORT_DUE_DAYS = 45;

    private RevenueQuarters() {
    }

    /** {@link #of(LocalDate, LocalDate, int)} with {@link #DEFAULT_REPORT_DUE_DAYS}. */
    public static List<RevenueQuarter> of(LocalDate windowStart, LocalDate windowEnd) {
        return of(windowStart, windowEnd, DEFAULT_REPORT_DUE_DAYS);
    }

    /**
     * The calendar quarters intersecting the window, in order. A partial first or last quarter is still
     * reported after the end of its calendar quarter, like the others.
     *
     * @param windowStart first day of the window
     * @param windowEnd last day of the window, inclusive; an evergreen window has none, so pass the
     *     reporting horizon instead
     * @param reportDueDaysAfterQuarterEnd days after the quarter's last day the report is due
     */
    public static List<RevenueQuarter> of(LocalDate windowStart, LocalDate windowEnd, int reportDueDaysAfterQuarterEnd) {
        Checks.required(windowStart, "windowStart");
        Checks.required(windowEnd, "windowEnd (for an evergreen window pass the reporting horizon)");
        Checks.nonNegative(reportDueDaysAfterQuarterEnd, "reportDueDaysAfterQuarterEnd");
        if (windowEnd.isBefore(windowStart)) {
            throw new IllegalArgumentException("windowEnd " + windowEnd + " is before windowStart " + windowStart);
        }
        List<RevenueQuarter> quarters = new ArrayList<>();
        for (LocalDate start = quarterStart(windowStart); !start.isAfter(windowEnd); start = start.plusMonths(3)) {
            LocalDate end = start.plusMonths(3).minusDays(1);
            quarters.add(new RevenueQuarter(labelOf(start), start, end,
                    windowStart.isAfter(start) ? windowStart : start,
                    windowEnd.isBefore(end) ? windowEnd : end,
                    end.plusDays(reportDueDaysAfterQuarterEnd)));
        }
        return List.copyOf(quarters);
    }

    /** Label of the calendar quarter containing {@code date}, e.g. {@code "2027-Q1"}. */
    public static String labelOf(LocalDate date) {
        Checks.required(date, "date");
        return date.getYear() + "-Q" + ((date.getMonthValue() - 1) / 3 + 1);
    }

    /** First day of the quarter labelled {@code "2027-Q1"}. */
    public static LocalDate startOf(String label) {
        Checks.required(label, "label");
        if (!label.matches("\\d{4}-Q[1-4]")) {
            throw new IllegalArgumentException("'" + label + "' is not a quarter label such as 2027-Q1");
        }
        return LocalDate.of(Integer.parseInt(label.substring(0, 4)), (label.charAt(6) - '1') * 3 + 1, 1);
    }

    static LocalDate quarterStart(LocalDate date) {
        return LocalDate.of(date.getYear(), (date.getMonthValue() - 1) / 3 * 3 + 1, 1);
    }
}
