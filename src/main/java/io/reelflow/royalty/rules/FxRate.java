package io.reelflow.royalty.rules;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * An exchange rate: 1 unit of {@code from} buys {@code rate} units of {@code to}
 * (e.g. from USD, to EUR, rate 0.92 means 1 USD = 0.92 EUR).
 */
public record FxRate(Currency from, Currency to, BigDecimal rate) {

    public FxRate {
        Checks.required(from, "FxRate.from");
        Checks.required(to, "FxRate.to");
        Checks.required(rate, "FxRate.rate");
        if (from.equals(to)) {
            throw new IllegalArgumentException("FxRate.from and FxRate.to are both " + from.getCurrencyCode());
        }
        if (rate.signum() <= 0) {
            throw new IllegalArgumentException("FxRate.rate must be positive, was " + rate.toPlainString());
        }
    }

    public static FxRate of(String from, String to, String rate) {
        return new FxRate(Money.currency(from), Money.currency(to), new BigDecimal(Checks.required(rate, "FxRate.rate")));
    }

    /** {@code amount} in {@code to}, rounded half-even once to the target minor unit. */
    public Money convert(Money amount) {
        Checks.required(amount, "amount");
        Checks.inCurrency(amount, from, "amount to convert");
        return Money.rounded(amount.amount().multiply(rate), to);
    }

    /** e.g. {@code "1 USD = 0.92 EUR"}. */
    @Override
    public String toString() {
        return "1 " + from.getCurrencyCode() + " = " + rate.toPlainString() + " " + to.getCurrencyCode();
    }
}
