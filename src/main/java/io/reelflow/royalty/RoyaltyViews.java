package io.reelflow.royalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the royalty API answers. Amounts are in the currency named next to them. */
public final class RoyaltyViews {

    private RoyaltyViews() {
    }

    /** @param termsCorrectionId the correction whose terms are in force; null while the terms are as first recorded */
    public record AgreementView(long id, String licensor, String currency, BigDecimal distributionFeePercent,
                                BigDecimal expenseCap, BigDecimal advance, String statementFrequency, Long termsCorrectionId,
                                List<ExpenseView> expenses) {
    }

    /**
     * A correction of an agreement's money terms: what they were before it and what they are by it.
     *
     * @param correctsCorrectionId the correction it supersedes; null when it corrects the terms as first recorded
     */
    public record AgreementCorrectionView(long id, long agreementId, Long correctsCorrectionId, String currency, Terms before,
                                          Terms after, String reason, String correctedBy, Instant correctedAt) {

        /** @param expenseCap null: uncapped */
        public record Terms(BigDecimal distributionFeePercent, BigDecimal expenseCap, BigDecimal advance) {
        }
    }

    /** @param correctsExpenseId the expense this record corrects (and replaces), if it is a correction */
    public record ExpenseView(long id, long agreementId, LocalDate incurredOn, BigDecimal amount, String currency,
                              String description, Long correctsExpenseId) {
    }

    public record FxRateView(long id, String fromCurrency, String toCurrency, LocalDate rateDate, BigDecimal rate,
                             String enteredBy) {
    }

    public record PostingView(long id, String kind, BigDecimal amount, String currency, BigDecimal fxRateUsed,
                              String period, Long expenseId, Long reversesEntryId, String note) {
    }

    public record ReceiptView(long id, String externalReference, long agreementId, String licensor, String dealRef,
                              long titleId, LocalDate receivedOn, BigDecimal amount, String currency,
                              BigDecimal fxRate, BigDecimal convertedAmount, String agreementCurrency, boolean reversed,
                              List<PostingView> postings) {
    }

    /** Balances of an agreement at a point: before the period (opening) or after it (closing). */
    public record Balances(BigDecimal advanceOutstanding, BigDecimal expensesIncurred, BigDecimal expensesRecouped,
                           BigDecimal expensesUnrecouped, BigDecimal expenseCapRemaining, BigDecimal receiptsToDate,
                           BigDecimal distributionFeesToDate, BigDecimal royaltyPayableToDate) {
    }

    public record TitleAmount(long titleId, String titleName, BigDecimal receipts) {
    }

    public record DealAmount(String dealRef, BigDecimal receipts, List<TitleAmount> titles) {
    }

    /** One receipt (or one reversal of a receipt) in the period, split by the waterfall. */
    public record StatementLine(long receiptId, String externalReference, String dealRef, long titleId,
                                LocalDate receivedOn, boolean reversal, BigDecimal grossAmount, String grossCurrency,
                                BigDecimal fxRate, BigDecimal receipts, BigDecimal distributionFee,
                                BigDecimal expensesRecouped, BigDecimal advanceRecouped, BigDecimal royaltyPayable) {
    }

    public record Totals(BigDecimal receipts, BigDecimal distributionFees, BigDecimal expensesIncurred,
                         BigDecimal expensesRecouped, BigDecimal advanceRecouped, BigDecimal royaltyPayable) {
    }

    public record StatementView(long agreementId, String licensor, String currency, String period, LocalDate periodStart,
                                LocalDate periodEnd, String status, Instant issuedAt, String issuedBy,
                                Balances opening, List<DealAmount> receiptsByDeal, List<TitleAmount> receiptsByTitle,
                                List<StatementLine> lines, Totals totals, Balances closing) {

        StatementView issued(Instant at, String by) {
            return new StatementView(agreementId, licensor, currency, period, periodStart, periodEnd, "ISSUED", at, by,
                    opening, receiptsByDeal, receiptsByTitle, lines, totals, closing);
        }
    }
}
