package io.reelflow.royalty.rules;

import java.time.LocalDate;

/**
 * A calendar quarter that intersects a licence window.
 *
 * @param label e.g. {@code "2027-Q1"}
 * @param start first day of the calendar quarter
 * @param end last day of the calendar quarter
 * @param coveredFrom first day of the quarter inside the window
 * @param coveredTo last day of the quarter inside the window
 * @param reportDueDate day by which Netflix's revenue report for this quarter is due
 */
public record RevenueQuarter(String label, LocalDate start, LocalDate end, LocalDate coveredFrom, LocalDate coveredTo,
                             LocalDate reportDueDate) {

    /** True if the window covers only part of this quarter (first or last quarter of the window). */
    public boolean isPartial() {
        return !coveredFrom.equals(start) || !coveredTo.equals(end);
    }
}
