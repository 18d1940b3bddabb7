package io.reelflow.royalty;

import io.reelflow.royalty.rules.LicensorTerms;
import io.reelflow.royalty.rules.Money;
import io.reelflow.royalty.rules.StatementFrequency;
import io.reelflow.royalty.rules.StatementPeriod;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

/**
 * A licensor agreement with the money terms in force: those of its latest correction ({@code correctionId}), or as first
 * recorded in {@code licensor_agreement} when it has none.
 */
record LicensorAgreement(long id, String licensor, Currency currency, BigDecimal distributionFeePercent,
                         BigDecimal expenseCap, BigDecimal advance, StatementFrequency statementFrequency, Long correctionId) {

    LicensorTerms terms() {
        return new LicensorTerms(currency, distributionFeePercent, expenseCap == null ? null : money(expenseCap),
                money(advance), statementFrequency);
    }

    Money money(BigDecimal amount) {
        return Money.of(amount, currency);
    }

    Money zero() {
        return Money.zero(currency);
    }

    String currencyCode() {
        return currency.getCurrencyCode();
    }

    StatementPeriod periodContaining(LocalDate date) {
        return StatementPeriod.containing(statementFrequency, date);
    }
}
