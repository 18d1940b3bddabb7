package io.reelflow.royalty.rules;

/**
 * Revenue Netflix reports for one quarter (the revenue of that quarter alone, not cumulative).
 *
 * @param quarter label such as {@code "2027-Q1"} (see {@link RevenueQuarters#labelOf})
 * @param revenue the quarter's revenue, not negative
 */
public record RevenueReport(String quarter, Money revenue) {

    public RevenueReport {
        Checks.requiredText(quarter, "RevenueReport.quarter");
        Checks.nonNegative(revenue, "RevenueReport.revenue");
    }
}
