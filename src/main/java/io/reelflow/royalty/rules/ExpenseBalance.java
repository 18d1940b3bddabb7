package io.reelflow.royalty.rules;

/** How much of one expense has been recouped so far. */
public record ExpenseBalance(RecoupableExpense expense, Money recouped) {

    public ExpenseBalance {
        Checks.required(expense, "ExpenseBalance.expense");
        Checks.nonNegative(recouped, "ExpenseBalance.recouped");
        Checks.inCurrency(recouped, expense.amount().currency(), "ExpenseBalance.recouped");
        if (recouped.isGreaterThan(expense.amount())) {
            throw new IllegalArgumentException("ExpenseBalance.recouped " + recouped + " exceeds expense "
                    + expense.id() + " of " + expense.amount());
        }
    }

    public Money outstanding() {
        return expense.amount().minus(recouped);
    }

    ExpenseBalance recoup(Money more) {
        return new ExpenseBalance(expense, recouped.plus(more));
    }
}
