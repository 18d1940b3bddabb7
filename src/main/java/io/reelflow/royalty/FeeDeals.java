package io.reelflow.royalty;

import io.reelflow.royalty.rules.InstalmentTerm;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What {@code licence-fee} and {@code fee-instalment} ask of the deal whose fee they collect, by the instance's
 * business key (the CRM deal id). The deal capability answers it ({@code deal/DealFees}): the royalty side reads the
 * deal's fee terms in one call and never the deal's records, and the deal keeps knowing royalty, not the other way
 * round.
 */
public interface FeeDeals {

    /** The deal's fee as the royalty side needs it; a key that names no deal is a technical error. */
    FeeDeal feeDeal(String crmDealId);

    /**
     * When a finance task is created: if the API already recorded what it asks for (an invoice, a payment, a revenue
     * report), the task is completed with that record once its creation commits.
     */
    void completeWhenAlreadyRecorded(String taskId, String taskKey, String crmDealId, Object which);

    /** Whether any {@code fee-instalment} of the deal is still running (read under the deal's lock for its children). */
    boolean feeInstalmentsRunning(String crmDealId);

    /** A title of the deal: whose licensor's waterfall its share of a payment goes through. */
    record DealTitle(long titleId, String name) {
    }

    /**
     * The deal's fee: the fixed fee or minimum guarantee ({@code total}) with its instalments and their trigger names,
     * the revenue share (null for a fixed fee), the day it was signed and its window (the last day null when
     * evergreen).
     */
    record FeeDeal(String crmDealId, String licensee, List<DealTitle> titles, String currency, boolean revenueShare,
                   BigDecimal total, BigDecimal revenueSharePercent, List<InstalmentTerm> instalments, List<String> triggers,
                   LocalDate signedOn, LocalDate windowStart, LocalDate windowEnd) {

        public String titleNames() {
            return String.join(", ", titles.stream().map(DealTitle::name).distinct().toList());
        }
    }
}
