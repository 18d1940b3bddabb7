package io.reelflow.royalty.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The licensor waterfall: each receipt is split, in this order, into
 * <ol>
 *   <li>our distribution fee ({@code distributionFeePercent} of the converted gross, rounded half-even once),</li>
 *   <li>recoupment of expenses, oldest first, never more than the cap still free,</li>
 *   <li>recoupment of the advance paid to the licensor,</li>
 *   <li>the royalty payable to the licensor: whatever is left.</li>
 * </ol>
 * Only the fee and the FX conversion are rounded; every other step takes an exact minimum of two
 * amounts already at the minor unit, and the royalty is the remainder. So the allocation postings
 * always sum exactly to the converted receipt, and no balance can go below zero.
 */
public final class Waterfall {

    private Waterfall() {
    }

    /**
     * Applies one receipt.
     *
     * @throws IllegalArgumentException if the state is not in the agreement currency, or the receipt is in
     *     another currency without a rate to the agreement currency (or has a rate it does not need)
     */
    public static WaterfallResult apply(LicensorTerms terms, LedgerState before, Receipt receipt) {
        Checks.required(terms, "terms");
        Checks.required(before, "before");
        Checks.required(receipt, "receipt");
        if (!before.currency().equals(terms.currency())) {
            throw new IllegalArgumentException("ledger state is in " + before.currency().getCurrencyCode()
                    + " but the agreement is in " + terms.currency().getCurrencyCode());
        }
        List<Posting> postings = new ArrayList<>();
        postings.add(new Posting(PostingKind.RECEIPT, receipt.gross(),
                "receipt " + receipt.id() + " deal " + receipt.dealRef() + " title " + receipt.titleRef()));

        FxRate rate = requiredRate(terms, receipt);
        Money converted = rate == null ? receipt.gross() : rate.convert(receipt.gross());
        if (rate != null) {
            postings.add(new Posting(PostingKind.FX, converted, receipt.gross() + " at " + rate));
        }

        Money fee = converted.percentage(terms.distributionFeePercent());
        addIfPositive(postings, PostingKind.DISTRIBUTION_FEE, fee,
                terms.distributionFeePercent().toPlainString() + "% of " + converted);
        Money left = converted.minus(fee);

        // Expenses: oldest first, limited by what is left of the receipt and by the cap.
        Money expenseBudget = before.isCapped() ? left.min(before.capRemaining()) : left;
        Money expensesTaken = Money.zero(terms.currency());
        List<ExpenseBalance> expenses = new ArrayList<>(before.expenses());
        for (int i = 0; i < expenses.size() && expenseBudget.isPositive(); i++) {
            ExpenseBalance balance = expenses.get(i);
            Money take = balance.outstanding().min(expenseBudget);
            if (take.isPositive()) {
                expenses.set(i, balance.recoup(take));
                expenseBudget = expenseBudget.minus(take);
                expensesTaken = expensesTaken.plus(take);
                postings.add(new Posting(PostingKind.EXPENSE_RECOUPMENT, take,
                        "expense " + balance.expense().id() + " " + balance.expense().description(),
                        balance.expense().id()));
            }
        }
        left = left.minus(expensesTaken);

        Money advanceTaken = left.min(before.advanceOutstanding());
        addIfPositive(postings, PostingKind.ADVANCE_RECOUPMENT, advanceTaken,
                "advance outstanding " + before.advanceOutstanding());
        Money royalty = left.minus(advanceTaken);
        postings.add(new Posting(PostingKind.ROYALTY_PAYABLE, royalty, "royalty payable to licensor"));

        LedgerState after = new LedgerState(terms.currency(), expenses,
                before.isCapped() ? before.capRemaining().minus(expensesTaken) : null,
                before.advanceOutstanding().minus(advanceTaken),
                before.receiptsToDate().plus(converted),
                before.distributionFeesToDate().plus(fee),
                before.advanceRecoupedToDate().plus(advanceTaken),
                before.royaltyPayableToDate().plus(royalty));
        WaterfallResult result = new WaterfallResult(receipt, rate, converted, postings, before, after);
        if (!result.allocated().equals(converted)) {
            // Cannot happen by construction; guards against a future edit breaking conservation.
            throw new IllegalStateException("waterfall lost money: allocated " + result.allocated() + " of " + converted);
        }
        return result;
    }

    /**
     * Applies receipts in order, each to the state the previous one left.
     */
    public static List<WaterfallResult> applyAll(LicensorTerms terms, LedgerState opening, List<Receipt> receipts) {
        Checks.required(receipts, "receipts");
        List<WaterfallResult> results = new ArrayList<>(receipts.size());
        LedgerState state = opening;
        for (Receipt receipt : receipts) {
            WaterfallResult result = apply(terms, state, receipt);
            results.add(result);
            state = result.after();
        }
        return List.copyOf(results);
    }

    private static FxRate requiredRate(LicensorTerms terms, Receipt receipt) {
        String received = receipt.gross().currency().getCurrencyCode();
        String agreement = terms.currency().getCurrencyCode();
        if (receipt.gross().hasCurrency(terms.currency())) {
            if (receipt.fxRate() != null) {
                throw new IllegalArgumentException("receipt " + receipt.id() + " is already in " + agreement
                        + "; it must not carry an fxRate");
            }
            return null;
        }
        if (receipt.fxRate() == null || !receipt.fxRate().to().equals(terms.currency())) {
            throw new IllegalArgumentException("receipt " + receipt.id() + " is in " + received + " but the agreement is in "
                    + agreement + ": Receipt.fxRate from " + received + " to " + agreement + " is required");
        }
        return receipt.fxRate();
    }

    private static void addIfPositive(List<Posting> postings, PostingKind kind, Money amount, String note) {
        if (amount.isPositive()) {
            postings.add(new Posting(kind, amount, note));
        }
    }
}
