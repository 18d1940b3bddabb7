package io.reelflow.royalty.rules;

import java.time.LocalDate;

/**
 * One scheduled instalment. While its trigger has not happened yet, {@code triggeredOn} and
 * {@code dueDate} are null; once it happens, {@code dueDate = triggeredOn + creditDays}.
 *
 * @param number 1-based position in the schedule
 */
public record Instalment(int number, Money amount, InstalmentTrigger trigger, int creditDays,
                         LocalDate triggeredOn, LocalDate dueDate) {

    public Instalment {
        if (number < 1) {
            throw new IllegalArgumentException("Instalment.number must be at least 1, was " + number);
        }
        Checks.positive(amount, "Instalment.amount");
        Checks.required(trigger, "Instalment.trigger");
        Checks.nonNegative(creditDays, "Instalment.creditDays");
        if ((triggeredOn == null) != (dueDate == null)) {
            throw new IllegalArgumentException("Instalment.triggeredOn and Instalment.dueDate are set together");
        }
        if (triggeredOn != null && !dueDate.equals(InstalmentScheduler.dueDate(triggeredOn, creditDays))) {
            throw new IllegalArgumentException("Instalment.dueDate must be triggeredOn + creditDays ("
                    + InstalmentScheduler.dueDate(triggeredOn, creditDays) + "), was " + dueDate);
        }
    }

    /** True while the trigger has not happened, i.e. there is no due date yet. */
    public boolean isPending() {
        return dueDate == null;
    }

    /**
     * This instalment with its trigger having happened on {@code occurredOn}.
     *
     * @throws IllegalStateException if it was already triggered on another day
     */
    public Instalment triggered(LocalDate occurredOn) {
        Checks.required(occurredOn, "occurredOn");
        if (triggeredOn != null && !triggeredOn.equals(occurredOn)) {
            throw new IllegalStateException("instalment " + number + " was already triggered on " + triggeredOn);
        }
        return new Instalment(number, amount, trigger, creditDays, occurredOn,
                InstalmentScheduler.dueDate(occurredOn, creditDays));
    }
}
