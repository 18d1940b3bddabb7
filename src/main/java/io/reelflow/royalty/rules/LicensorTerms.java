package io.reelflow.royalty.rules;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * The money terms of a rights-in agreement with a licensor (producer).
 *
 * @param currency currency of the agreement: receipts are converted to it and royalties are paid in it
 * @param distributionFeePercent our distribution fee, off the top of gross receipts, 0..100
 * @param expenseCap the most recoupable expenses we may recoup in total, or null when uncapped
 * @param advance advance / minimum guarantee paid to the licensor, recouped from the licensor's share;
 *     zero when there is none
 * @param statementFrequency how often statements are sent
 */
public record LicensorTerms(Currency currency, BigDecimal distributionFeePercent, Money expenseCap, Money advance,
                            StatementFrequency statementFrequency) {

    public LicensorTerms {
        Checks.required(currency, "LicensorTerms.currency");
        Money.minorUnitDigits(currency);
        Checks.percent(distributionFeePercent, "LicensorTerms.distributionFeePercent", true);
        if (expenseCap != null) {
            Checks.nonNegative(expenseCap, "LicensorTerms.expenseCap");
            Checks.inCurrency(expenseCap, currency, "LicensorTerms.expenseCap");
        }
        Checks.nonNegative(advance, "LicensorTerms.advance");
        Checks.inCurrency(advance, currency, "LicensorTerms.advance");
        Checks.required(statementFrequency, "LicensorTerms.statementFrequency");
    }

    public boolean hasExpenseCap() {
        return expenseCap != null;
    }
}
