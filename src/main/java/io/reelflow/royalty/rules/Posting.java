package io.reelflow.royalty.rules;

/**
 * One line of the waterfall.
 *
 * @param expenseId the recouped expense for {@link PostingKind#EXPENSE_RECOUPMENT}, null for every other kind
 */
public record Posting(PostingKind kind, Money amount, String note, String expenseId) {

    public Posting {
        Checks.required(kind, "Posting.kind");
        Checks.nonNegative(amount, "Posting.amount");
        note = note == null ? "" : note;
        if ((kind == PostingKind.EXPENSE_RECOUPMENT) != (expenseId != null)) {
            throw new IllegalArgumentException("Posting.expenseId is required for EXPENSE_RECOUPMENT and only for it, kind was "
                    + kind);
        }
    }

    public Posting(PostingKind kind, Money amount, String note) {
        this(kind, amount, note, null);
    }
}
