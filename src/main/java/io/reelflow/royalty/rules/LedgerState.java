package io.reelflow.royalty.rules;

import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The balances of one licensor agreement carried from receipt to receipt. Immutable: the waterfall and
 * {@link #withExpense} return new states. All amounts are in the agreement currency and never negative.
 *
 * @param currency agreement currency
 * @param expenses recoupable expenses, oldest first, with what has been recouped of each
 * @param capRemaining how much more expense may still be recouped under the cap, or null when uncapped
 * @param advanceOutstanding part of the licensor advance not yet recouped
 * @param receiptsToDate converted gross receipts so far
 * @param distributionFeesToDate distribution fees taken so far
 * @param advanceRecoupedToDate advance recouped so far
 * @param royaltyPayableToDate royalties that became payable so far
 */
public record LedgerState(Currency currency, List<ExpenseBalance> expenses, Money capRemaining,
                          Money advanceOutstanding, Money receiptsToDate, Money distributionFeesToDate,
                          Money advanceRecoupedToDate, Money royaltyPayableToDate) {

    public LedgerState {
        Checks.required(currency, "LedgerState.currency");
        Checks.required(expenses, "LedgerState.expenses");
        expenses = List.copyOf(expenses);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < expenses.size(); i++) {
            ExpenseBalance balance = expenses.get(i);
            Checks.inCurrency(balance.expense().amount(), currency, "LedgerState.expenses[" + i + "].amount");
            if (!ids.add(balance.expense().id())) {
                throw new IllegalArgumentException("LedgerState.expenses[" + i + "].id " + balance.expense().id()
                        + " is not unique");
            }
            if (i > 0 && balance.expense().incurredOn().isBefore(expenses.get(i - 1).expense().incurredOn())) {
                throw new IllegalArgumentException("LedgerState.expenses must be ordered oldest first; expenses[" + i
                        + "] is older than expenses[" + (i - 1) + "]");
            }
        }
        if (capRemaining != null) {
            nonNegativeIn(capRemaining, currency, "LedgerState.capRemaining");
        }
        nonNegativeIn(advanceOutstanding, currency, "LedgerState.advanceOutstanding");
        nonNegativeIn(receiptsToDate, currency, "LedgerState.receiptsToDate");
        nonNegativeIn(distributionFeesToDate, currency, "LedgerState.distributionFeesToDate");
        nonNegativeIn(advanceRecoupedToDate, currency, "LedgerState.advanceRecoupedToDate");
        nonNegativeIn(royaltyPayableToDate, currency, "LedgerState.royaltyPayableToDate");
    }

    /** The state of a new agreement: no receipts, no expenses, the whole advance outstanding, the whole cap free. */
    public static LedgerState opening(LicensorTerms terms) {
        Checks.required(terms, "terms");
        Money zero = Money.zero(terms.currency());
        return new LedgerState(terms.currency(), List.of(), terms.expenseCap(), terms.advance(), zero, zero, zero, zero);
    }

    /** This state with a newly incurred expense, placed by date (after existing expenses of the same day). */
    public LedgerState withExpense(RecoupableExpense expense) {
        Checks.required(expense, "expense");
        Checks.inCurrency(expense.amount(), currency, "expense.amount");
        List<ExpenseBalance> updated = new ArrayList<>(expenses);
        int at = updated.size();
        while (at > 0 && updated.get(at - 1).expense().incurredOn().isAfter(expense.incurredOn())) {
            at--;
        }
        updated.add(at, new ExpenseBalance(expense, Money.zero(currency)));
        return withExpenses(updated);
    }

    public boolean isCapped() {
        return capRemaining != null;
    }

    public Money expensesIncurred() {
        return Money.sum(currency, expenses.stream().map(b -> b.expense().amount()).toList());
    }

    public Money expensesRecouped() {
        return Money.sum(currency, expenses.stream().map(ExpenseBalance::recouped).toList());
    }

    /** Expenses not recouped yet, including any part above the cap that will never be recouped. */
    public Money expensesUnrecouped() {
        return expensesIncurred().minus(expensesRecouped());
    }

    /** What future receipts may still recoup: the unrecouped expenses, limited by the cap. */
    public Money expensesRecoupable() {
        Money unrecouped = expensesUnrecouped();
        return capRemaining == null ? unrecouped : unrecouped.min(capRemaining);
    }

    LedgerState withExpenses(List<ExpenseBalance> updated) {
        return new LedgerState(currency, updated, capRemaining, advanceOutstanding, receiptsToDate,
                distributionFeesToDate, advanceRecoupedToDate, royaltyPayableToDate);
    }

    private static void nonNegativeIn(Money value, Currency currency, String field) {
        Checks.nonNegative(value, field);
        Checks.inCurrency(value, currency, field);
    }
}
