package io.reelflow.royalty.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a payment for a multi-title deal into one receipt per title: equal shares rounded down to the minor
 * unit, the last title taking the remainder, so the shares always add up to the payment exactly.
 */
public final class ReceiptSplit {

    private ReceiptSplit() {
    }

    public static List<Money> equally(Money payment, int titles) {
        Checks.positive(payment, "payment");
        if (titles < 1) throw new IllegalArgumentException("titles must be at least 1, was " + titles);
        BigDecimal share = payment.amount().divide(BigDecimal.valueOf(titles), Money.minorUnitDigits(payment.currency()), RoundingMode.DOWN);
        Money each = Money.of(share, payment.currency());
        if (!each.isPositive()) {
            throw new IllegalArgumentException("payment " + payment + " is too small to split over " + titles + " titles");
        }
        List<Money> shares = new ArrayList<>(titles);
        Money allocated = Money.zero(payment.currency());
        for (int i = 0; i < titles - 1; i++) {
            shares.add(each);
            allocated = allocated.plus(each);
        }
        shares.add(payment.minus(allocated));
        return List.copyOf(shares);
    }
}
