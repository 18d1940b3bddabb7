package io.reelflow.royalty.rules;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of a payment schedule as written in the agreement: either a {@code percentage} of the total
 * or a fixed {@code amount} (exactly one of the two is set), payable {@code creditDays} after its trigger.
 *
 * @param percentage share of the total in percent (0 &lt; p &lt;= 100), or null when {@code amount} is set
 * @param amount fixed amount, or null when {@code percentage} is set
 * @param trigger event starting the credit period
 * @param fixedDate the trigger date, required when {@code trigger} is {@link InstalmentTrigger#DATE}, null otherwise
 * @param creditDays days of credit after the trigger (0 = due on the trigger day)
 */
public record InstalmentTerm(BigDecimal percentage, Money amount, InstalmentTrigger trigger, LocalDate fixedDate,
                             int creditDays) {

    public InstalmentTerm {
        if ((percentage == null) == (amount == null)) {
            throw new IllegalArgumentException("InstalmentTerm needs exactly one of percentage or amount, got "
                    + (percentage == null ? "neither" : "both"));
        }
        if (percentage != null) {
            Checks.percent(percentage, "InstalmentTerm.percentage", false);
        } else {
            Checks.positive(amount, "InstalmentTerm.amount");
        }
        Checks.required(trigger, "InstalmentTerm.trigger");
        if (trigger == InstalmentTrigger.DATE && fixedDate == null) {
            throw new IllegalArgumentException("InstalmentTerm.fixedDate is required when trigger is DATE");
        }
        if (trigger != InstalmentTrigger.DATE && fixedDate != null) {
            throw new IllegalArgumentException("InstalmentTerm.fixedDate is only allowed with trigger DATE, trigger was " + trigger);
        }
        Checks.nonNegative(creditDays, "InstalmentTerm.creditDays");
    }

    /** e.g. {@code percent("40", DELIVERY_ACCEPTED, 30)}: 40% due 30 days after delivery acceptance. */
    public static InstalmentTerm percent(String percentage, InstalmentTrigger trigger, int creditDays) {
        return new InstalmentTerm(new BigDecimal(Checks.required(percentage, "InstalmentTerm.percentage")), null,
                trigger, null, creditDays);
    }

    public static InstalmentTerm percentOnDate(String percentage, LocalDate fixedDate, int creditDays) {
        return new InstalmentTerm(new BigDecimal(Checks.required(percentage, "InstalmentTerm.percentage")), null,
                InstalmentTrigger.DATE, Checks.required(fixedDate, "InstalmentTerm.fixedDate"), creditDays);
    }

    public static InstalmentTerm amount(Money amount, InstalmentTrigger trigger, int creditDays) {
        return new InstalmentTerm(null, amount, trigger, null, creditDays);
    }

    public static InstalmentTerm amountOnDate(Money amount, LocalDate fixedDate, int creditDays) {
        return new InstalmentTerm(null, amount, InstalmentTrigger.DATE,
                Checks.required(fixedDate, "InstalmentTerm.fixedDate"), creditDays);
    }

    public boolean isPercentage() {
        return percentage != null;
    }
}
