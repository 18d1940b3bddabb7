package io.reelflow.royalty.rules;

import java.math.BigDecimal;
import java.util.List;

/**
 * A total (fixed licence fee or minimum guarantee) and how it is split into instalments.
 *
 * <p>Validated on construction: the instalments are either all percentages summing to exactly 100,
 * or all amounts in the total's currency summing to exactly the total. Mixing both kinds is refused
 * because the remainder rule ("rounding remainder goes to the last instalment") would be ambiguous.
 *
 * @param total the fee or MG, positive
 * @param instalments in payment order, at least one
 */
public record FeeTerms(Money total, List<InstalmentTerm> instalments) {

    public FeeTerms {
        Checks.positive(total, "FeeTerms.total");
        Checks.required(instalments, "FeeTerms.instalments");
        if (instalments.isEmpty()) {
            throw new IllegalArgumentException("FeeTerms.instalments must contain at least one instalment");
        }
        for (int i = 0; i < instalments.size(); i++) {
            Checks.required(instalments.get(i), "FeeTerms.instalments[" + i + "]");
        }
        instalments = List.copyOf(instalments);
        boolean percentages = instalments.get(0).isPercentage();
        for (int i = 1; i < instalments.size(); i++) {
            if (instalments.get(i).isPercentage() != percentages) {
                throw new IllegalArgumentException("FeeTerms.instalments must be all percentages or all amounts; instalments["
                        + i + "] differs from instalments[0]");
            }
        }
        if (percentages) {
            BigDecimal sum = instalments.stream().map(InstalmentTerm::percentage).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.compareTo(Checks.HUNDRED) != 0) {
                throw new IllegalArgumentException("FeeTerms.instalments percentages must sum to 100, sum to "
                        + sum.toPlainString());
            }
        } else {
            for (int i = 0; i < instalments.size(); i++) {
                Checks.inCurrency(instalments.get(i).amount(), total.currency(), "FeeTerms.instalments[" + i + "].amount");
            }
            Money sum = Money.sum(total.currency(), instalments.stream().map(InstalmentTerm::amount).toList());
            if (!sum.equals(total)) {
                throw new IllegalArgumentException("FeeTerms.instalments amounts must sum to the total " + total
                        + ", sum to " + sum);
            }
        }
    }

    public static FeeTerms of(Money total, InstalmentTerm... instalments) {
        return new FeeTerms(total, List.of(instalments));
    }
}
