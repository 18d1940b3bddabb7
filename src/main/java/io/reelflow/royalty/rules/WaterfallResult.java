package io.reelflow.royalty.rules;

import java.util.List;

/**
 * What one receipt did to a licensor agreement.
 *
 * @param receipt the receipt applied
 * @param fxRateApplied the rate used to convert it, or null when it was already in the agreement currency
 * @param convertedGross the receipt in the agreement currency; the allocation postings sum to exactly this
 * @param postings RECEIPT, FX (if converted), then the allocation postings in waterfall order; allocation
 *     postings of zero are left out, except ROYALTY_PAYABLE which is always present
 * @param before ledger state the receipt was applied to
 * @param after ledger state after the receipt
 */
public record WaterfallResult(Receipt receipt, FxRate fxRateApplied, Money convertedGross, List<Posting> postings,
                              LedgerState before, LedgerState after) {

    public WaterfallResult {
        Checks.required(receipt, "WaterfallResult.receipt");
        Checks.required(convertedGross, "WaterfallResult.convertedGross");
        postings = List.copyOf(Checks.required(postings, "WaterfallResult.postings"));
        Checks.required(before, "WaterfallResult.before");
        Checks.required(after, "WaterfallResult.after");
    }

    /** Sum of the postings of {@code kind} (zero if there are none). */
    public Money total(PostingKind kind) {
        Checks.required(kind, "kind");
        return Money.sum(kind == PostingKind.RECEIPT ? receipt.gross().currency() : convertedGross.currency(),
                postings.stream().filter(p -> p.kind() == kind).map(Posting::amount).toList());
    }

    public List<Posting> postings(PostingKind kind) {
        return postings.stream().filter(p -> p.kind() == kind).toList();
    }

    public Money distributionFee() {
        return total(PostingKind.DISTRIBUTION_FEE);
    }

    public Money expensesRecouped() {
        return total(PostingKind.EXPENSE_RECOUPMENT);
    }

    public Money advanceRecouped() {
        return total(PostingKind.ADVANCE_RECOUPMENT);
    }

    public Money royaltyPayable() {
        return total(PostingKind.ROYALTY_PAYABLE);
    }

    /** Sum of the allocation postings; equals {@link #convertedGross()} by construction. */
    public Money allocated() {
        return Money.sum(convertedGross.currency(),
                postings.stream().filter(p -> p.kind().isAllocation()).map(Posting::amount).toList());
    }
}
