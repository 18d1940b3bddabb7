package io.reelflow.royalty.rules;

import java.time.LocalDate;

/**
 * A cost we incurred for the licensor's title that we may recoup from receipts (IMF mastering,
 * localization, ...). It must be in the agreement currency: convert before recording it.
 *
 * @param id unique within the agreement; shown on the recoupment posting
 * @param incurredOn decides the recoupment order (oldest first)
 */
public record RecoupableExpense(String id, LocalDate incurredOn, Money amount, String description) {

    public RecoupableExpense {
        Checks.requiredText(id, "RecoupableExpense.id");
        Checks.required(incurredOn, "RecoupableExpense.incurredOn");
        Checks.positive(amount, "RecoupableExpense.amount");
        description = description == null ? "" : description;
    }
}
