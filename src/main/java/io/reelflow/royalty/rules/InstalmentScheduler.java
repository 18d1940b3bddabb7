package io.reelflow.royalty.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Turns {@link FeeTerms} into concrete instalments and dates them as their triggers happen. */
public final class InstalmentScheduler {

    private InstalmentScheduler() {
    }

    /**
     * Splits the total into instalments. Percentage instalments are rounded half-even to the minor unit;
     * the last one takes the rounding remainder so that the instalments sum to the total exactly.
     * Due dates are filled in for triggers whose date is already known: SIGNATURE (if {@code signedOn}
     * is given), WINDOW_START (if {@code windowStart} is given) and DATE; DELIVERY_ACCEPTED stays pending.
     *
     * @param signedOn signature date, or null if not signed yet
     * @param windowStart first day of the licence window, or null if not fixed yet
     */
    public static List<Instalment> schedule(FeeTerms terms, LocalDate signedOn, LocalDate windowStart) {
        Checks.required(terms, "terms");
        List<InstalmentTerm> lines = terms.instalments();
        Money total = terms.total();
        List<Instalment> result = new ArrayList<>(lines.size());
        Money allocated = Money.zero(total.currency());
        for (int i = 0; i < lines.size(); i++) {
            InstalmentTerm line = lines.get(i);
            boolean last = i == lines.size() - 1;
            Money amount;
            if (!line.isPercentage()) {
                amount = line.amount();
            } else if (last) {
                amount = total.minus(allocated);
            } else {
                amount = total.percentage(line.percentage());
            }
            if (!amount.isPositive()) {
                // Only reachable with absurdly small percentages, e.g. 0.0001% of 1.00 EUR.
                throw new IllegalArgumentException("FeeTerms.instalments[" + i + "] rounds to " + amount
                        + "; the percentage is too small for a total of " + total);
            }
            allocated = allocated.plus(amount);
            LocalDate triggerDate = switch (line.trigger()) {
                case SIGNATURE -> signedOn;
                case WINDOW_START -> windowStart;
                case DATE -> line.fixedDate();
                case DELIVERY_ACCEPTED -> null;
            };
            Instalment pending = new Instalment(i + 1, amount, line.trigger(), line.creditDays(), null, null);
            result.add(triggerDate == null ? pending : pending.triggered(triggerDate));
        }
        return List.copyOf(result);
    }

    /** The due date of an instalment whose trigger happened on {@code triggeredOn}: trigger date + credit days. */
    public static LocalDate dueDate(LocalDate triggeredOn, int creditDays) {
        Checks.required(triggeredOn, "triggeredOn");
        Checks.nonNegative(creditDays, "creditDays");
        return triggeredOn.plusDays(creditDays);
    }

    /**
     * Records that {@code trigger} happened on {@code occurredOn}: every pending instalment with that trigger
     * gets its due date; all other instalments are returned unchanged.
     *
     * @throws IllegalArgumentException for {@link InstalmentTrigger#DATE}, whose dates are fixed by the agreement
     */
    public static List<Instalment> onTrigger(List<Instalment> schedule, InstalmentTrigger trigger, LocalDate occurredOn) {
        Checks.required(schedule, "schedule");
        Checks.required(trigger, "trigger");
        Checks.required(occurredOn, "occurredOn");
        if (trigger == InstalmentTrigger.DATE) {
            throw new IllegalArgumentException("trigger DATE cannot happen: fixed-date instalments are dated when scheduled");
        }
        return schedule.stream()
                .map(i -> i.trigger() == trigger && i.isPending() ? i.triggered(occurredOn) : i)
                .toList();
    }
}
