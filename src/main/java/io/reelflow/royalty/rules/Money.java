package io.reelflow.royalty.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in one ISO 4217 currency, always held at exactly the currency's minor unit
 * (2 decimals for EUR/USD, 0 for JPY).
 *
 * <p>Because every {@code Money} is already at the minor unit, arithmetic between two {@code Money}
 * values ({@link #plus}, {@link #minus}, {@link #min}) is exact and never rounds. Rounding happens
 * only where a new amount is derived from a rate or a percentage ({@link #rounded}, {@link #percentage},
 * {@link #times}), half-even, exactly once per derived amount. Mixing currencies is refused.
 *
 * <p>Equality is that of the record: same currency and same amount (the scale is normalised on
 * construction, so {@code 10.0 EUR} equals {@code 10.00 EUR}).
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * @throws IllegalArgumentException if the amount has more decimals than the currency's minor unit
     *     (use {@link #rounded} to round explicitly) or the currency has no minor unit (e.g. XAU, XXX)
     */
    public Money {
        Objects.requireNonNull(amount, "Money.amount is required");
        Objects.requireNonNull(currency, "Money.currency is required");
        int digits = minorUnitDigits(currency);
        if (amount.stripTrailingZeros().scale() > digits) {
            throw new IllegalArgumentException("Money.amount " + amount.toPlainString() + " has more decimals than "
                    + currency.getCurrencyCode() + " allows (" + digits + "); round it explicitly with Money.rounded(..)");
        }
        amount = amount.setScale(digits, RoundingMode.UNNECESSARY);
    }

    public static Money of(BigDecimal amount, Currency currency) {
        return new Money(amount, currency);
    }

    /** Convenience for tests and literals: {@code Money.of("1200000.00", "EUR")}. */
    public static Money of(String amount, String currencyCode) {
        Objects.requireNonNull(amount, "Money.amount is required");
        return new Money(new BigDecimal(amount), currency(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /** Rounds an arbitrary-precision amount half-even to the currency's minor unit. */
    public static Money rounded(BigDecimal amount, Currency currency) {
        Objects.requireNonNull(amount, "Money.amount is required");
        Objects.requireNonNull(currency, "Money.currency is required");
        return new Money(amount.setScale(minorUnitDigits(currency), RoundingMode.HALF_EVEN), currency);
    }

    /** Sum of the given amounts, all in {@code currency}; zero for an empty collection. */
    public static Money sum(Currency currency, Collection<Money> amounts) {
        Money total = zero(currency);
        for (Money m : amounts) {
            total = total.plus(m);
        }
        return total;
    }

    /** Number of decimals of the currency's minor unit (JPY: 0, EUR: 2, BHD: 3). */
    public static int minorUnitDigits(Currency currency) {
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw new IllegalArgumentException("currency " + currency.getCurrencyCode()
                    + " has no minor unit and cannot be used for money");
        }
        return digits;
    }

    public Money plus(Money other) {
        requireSameCurrency(other, "add");
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other, "subtract");
        return new Money(amount.subtract(other.amount), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    /** {@code percent}% of this amount, rounded half-even once. */
    public Money percentage(BigDecimal percent) {
        Objects.requireNonNull(percent, "percent is required");
        return rounded(amount.multiply(percent).divide(HUNDRED), currency);
    }

    /** This amount times {@code factor}, rounded half-even once. */
    public Money times(BigDecimal factor) {
        Objects.requireNonNull(factor, "factor is required");
        return rounded(amount.multiply(factor), currency);
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public boolean hasCurrency(Currency expected) {
        return currency.equals(expected);
    }

    /** @throws IllegalArgumentException when the currencies differ (amounts in different currencies are not ordered) */
    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other, "compare");
        return amount.compareTo(other.amount);
    }

    /** e.g. {@code "1200000.00 EUR"}, {@code "1500 JPY"}. */
    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }

    static Currency currency(String code) {
        Objects.requireNonNull(code, "currency code is required");
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown ISO 4217 currency code '" + code + "'", e);
        }
    }

    private void requireSameCurrency(Money other, String operation) {
        Objects.requireNonNull(other, "other amount is required");
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot " + operation + " " + other + " and " + this
                    + ": different currencies");
        }
    }
}
