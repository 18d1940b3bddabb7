package io.reelflow.royalty.rules;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Sums a period's waterfall results into a {@link RoyaltyStatement}. */
public final class StatementCalculator {

    private StatementCalculator() {
    }

    /**
     * Statement whose closing balances are those after the last receipt (or the opening ones when there
     * was none). Use {@link #calculate(StatementPeriod, LedgerState, List, LedgerState)} when expenses were
     * recorded after the last receipt of the period.
     */
    public static RoyaltyStatement calculate(StatementPeriod period, LedgerState opening, List<WaterfallResult> results) {
        Checks.required(results, "results");
        return calculate(period, opening, results, results.isEmpty() ? opening : results.get(results.size() - 1).after());
    }

    /**
     * @param opening ledger at the start of the period
     * @param results the period's receipts in the order they were applied; each must start from the state
     *     the previous one (or {@code opening}) left, give or take newly recorded expenses
     * @param closing ledger at the end of the period: the last result's state, possibly with expenses added
     * @throws IllegalArgumentException if a receipt falls outside the period or the states do not chain
     */
    public static RoyaltyStatement calculate(StatementPeriod period, LedgerState opening, List<WaterfallResult> results,
                                             LedgerState closing) {
        Checks.required(period, "period");
        Checks.required(opening, "opening");
        Checks.required(results, "results");
        Checks.required(closing, "closing");
        var currency = opening.currency();
        Money zero = Money.zero(currency);
        Map<String, Money> byDeal = new TreeMap<>();
        Map<String, Money> byTitle = new TreeMap<>();
        Money receipts = zero;
        Money fees = zero;
        Money expensesRecouped = zero;
        Money advanceRecouped = zero;
        Money royalty = zero;
        LedgerState previous = opening;
        for (int i = 0; i < results.size(); i++) {
            WaterfallResult result = Checks.required(results.get(i), "results[" + i + "]");
            Receipt receipt = result.receipt();
            if (!period.contains(receipt.receivedOn())) {
                throw new IllegalArgumentException("results[" + i + "]: receipt " + receipt.id() + " received "
                        + receipt.receivedOn() + " is outside statement period " + period);
            }
            requireContinues(previous, result.before(), "results[" + i + "].before");
            Money converted = result.convertedGross();
            byDeal.merge(receipt.dealRef(), converted, Money::plus);
            byTitle.merge(receipt.titleRef(), converted, Money::plus);
            receipts = receipts.plus(converted);
            fees = fees.plus(result.distributionFee());
            expensesRecouped = expensesRecouped.plus(result.expensesRecouped());
            advanceRecouped = advanceRecouped.plus(result.advanceRecouped());
            royalty = royalty.plus(result.royaltyPayable());
            previous = result.after();
        }
        requireContinues(previous, closing, "closing");
        Money allocated = fees.plus(expensesRecouped).plus(advanceRecouped).plus(royalty);
        if (!allocated.equals(receipts)) {
            throw new IllegalStateException("statement does not balance: receipts " + receipts + ", allocated " + allocated);
        }
        return new RoyaltyStatement(period, currency, opening, closing, byDeal, byTitle, receipts, fees,
                closing.expensesIncurred().minus(opening.expensesIncurred()), expensesRecouped, advanceRecouped, royalty);
    }

    /**
     * {@code next} must be {@code previous}, possibly with more expenses recorded: every balance moved by
     * receipts is unchanged and every earlier expense is still there with the same recouped amount.
     */
    private static void requireContinues(LedgerState previous, LedgerState next, String field) {
        if (!next.currency().equals(previous.currency())) {
            throw new IllegalArgumentException(field + " is in " + next.currency().getCurrencyCode() + ", expected "
                    + previous.currency().getCurrencyCode());
        }
        mustEqual(previous.advanceOutstanding(), next.advanceOutstanding(), field, "advanceOutstanding");
        mustEqual(previous.receiptsToDate(), next.receiptsToDate(), field, "receiptsToDate");
        mustEqual(previous.distributionFeesToDate(), next.distributionFeesToDate(), field, "distributionFeesToDate");
        mustEqual(previous.royaltyPayableToDate(), next.royaltyPayableToDate(), field, "royaltyPayableToDate");
        mustEqual(previous.capRemaining(), next.capRemaining(), field, "capRemaining");
        for (ExpenseBalance earlier : previous.expenses()) {
            ExpenseBalance now = next.expenses().stream()
                    .filter(b -> b.expense().id().equals(earlier.expense().id())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(field + " lost expense " + earlier.expense().id()));
            if (!now.equals(earlier)) {
                throw new IllegalArgumentException(field + " changed expense " + earlier.expense().id() + " from "
                        + earlier + " to " + now);
            }
        }
    }

    private static void mustEqual(Money expected, Money actual, String field, String balance) {
        if (expected == null ? actual != null : !expected.equals(actual)) {
            throw new IllegalArgumentException(field + "." + balance + " is " + actual + " but the previous state ended at "
                    + expected + ": results do not chain");
        }
    }
}
