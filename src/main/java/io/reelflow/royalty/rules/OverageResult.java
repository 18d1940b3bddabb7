package io.reelflow.royalty.rules;

/**
 * Overage computed for the latest reported quarter.
 *
 * @param quarter label of the latest report
 * @param cumulativeRevenue revenue of all quarters reported so far
 * @param cumulativeShare revenue share of {@code cumulativeRevenue}, rounded once
 * @param minimumGuarantee the MG that the share must exceed before overage is paid
 * @param overagePaidBefore overage already paid for earlier quarters
 * @param overageDue overage payable for this quarter, never negative
 */
public record OverageResult(String quarter, Money cumulativeRevenue, Money cumulativeShare, Money minimumGuarantee,
                            Money overagePaidBefore, Money overageDue) {

    /** Overage paid in total once {@link #overageDue()} is paid. */
    public Money overagePaidAfter() {
        return overagePaidBefore.plus(overageDue);
    }
}
