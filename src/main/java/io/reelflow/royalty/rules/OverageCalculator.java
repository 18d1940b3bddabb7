package io.reelflow.royalty.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Revenue-share overage on top of a minimum guarantee: the MG is an advance against the share, so only
 * the cumulative share above the MG is paid, quarter by quarter.
 *
 * <p>The share is always computed on the cumulative revenue and rounded once, so the overage paid over
 * all quarters equals {@code max(0, round(share% x total revenue) - MG)} to the cent; rounding each
 * quarter's share separately could drift by a cent per quarter.
 */
public final class OverageCalculator {

    private OverageCalculator() {
    }

    /**
     * Overage due for the latest quarter in {@code reportsToDate}:
     * {@code max(0, cumulative share - MG - overage already paid)}.
     *
     * @param minimumGuarantee MG, not negative (zero for a pure revenue share)
     * @param sharePercent revenue share in percent, 0 &lt; p &lt;= 100
     * @param reportsToDate every quarterly report so far, oldest first, the new quarter last; each holds
     *     that quarter's revenue only
     * @param overageAlreadyPaid overage paid for the earlier quarters
     */
    public static OverageResult overageDue(Money minimumGuarantee, BigDecimal sharePercent,
                                           List<RevenueReport> reportsToDate, Money overageAlreadyPaid) {
        validateCommon(minimumGuarantee, sharePercent, reportsToDate);
        if (reportsToDate.isEmpty()) {
            throw new IllegalArgumentException("reportsToDate must contain at least the new quarter's report");
        }
        Checks.nonNegative(overageAlreadyPaid, "overageAlreadyPaid");
        Checks.inCurrency(overageAlreadyPaid, minimumGuarantee.currency(), "overageAlreadyPaid");
        Money cumulativeRevenue = Money.sum(minimumGuarantee.currency(),
                reportsToDate.stream().map(RevenueReport::revenue).toList());
        Money cumulativeShare = cumulativeRevenue.percentage(sharePercent);
        Money due = cumulativeShare.minus(minimumGuarantee).minus(overageAlreadyPaid)
                .max(Money.zero(minimumGuarantee.currency()));
        String quarter = reportsToDate.get(reportsToDate.size() - 1).quarter();
        return new OverageResult(quarter, cumulativeRevenue, cumulativeShare, minimumGuarantee, overageAlreadyPaid, due);
    }

    /**
     * Overage quarter by quarter, assuming each quarter's overage was paid before the next report.
     * The overages sum to {@code max(0, cumulative share - MG)} of the last quarter.
     */
    public static List<OverageResult> overageByQuarter(Money minimumGuarantee, BigDecimal sharePercent,
                                                       List<RevenueReport> reports) {
        validateCommon(minimumGuarantee, sharePercent, reports);
        List<OverageResult> results = new ArrayList<>(reports.size());
        Money paid = Money.zero(minimumGuarantee.currency());
        for (int i = 1; i <= reports.size(); i++) {
            OverageResult result = overageDue(minimumGuarantee, sharePercent, reports.subList(0, i), paid);
            results.add(result);
            paid = result.overagePaidAfter();
        }
        return List.copyOf(results);
    }

    private static void validateCommon(Money minimumGuarantee, BigDecimal sharePercent, List<RevenueReport> reports) {
        Checks.nonNegative(minimumGuarantee, "minimumGuarantee");
        Checks.percent(sharePercent, "sharePercent", false);
        Checks.required(reports, "reports");
        Set<String> quarters = new HashSet<>();
        for (int i = 0; i < reports.size(); i++) {
            RevenueReport report = Checks.required(reports.get(i), "reports[" + i + "]");
            Checks.inCurrency(report.revenue(), minimumGuarantee.currency(), "reports[" + i + "].revenue");
            if (!quarters.add(report.quarter())) {
                throw new IllegalArgumentException("reports[" + i + "].quarter " + report.quarter()
                        + " is reported twice; send a corrected report instead");
            }
        }
    }
}
