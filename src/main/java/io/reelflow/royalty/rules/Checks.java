package io.reelflow.royalty.rules;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/** Input checks shared by the records of this package; every message names the offending field. */
final class Checks {

    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Checks() {
    }

    static <T> T required(T value, String field) {
        return Objects.requireNonNull(value, field + " is required");
    }

    static String requiredText(String value, String field) {
        required(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    static Money nonNegative(Money value, String field) {
        required(value, field);
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }

    static Money positive(Money value, String field) {
        required(value, field);
        if (!value.isPositive()) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
        return value;
    }

    static Money inCurrency(Money value, Currency currency, String field) {
        if (value != null && !value.hasCurrency(currency)) {
            throw new IllegalArgumentException(field + " is in " + value.currency().getCurrencyCode()
                    + " but must be in " + currency.getCurrencyCode());
        }
        return value;
    }

    /** 0 &lt;= percent &lt;= 100 (or 0 &lt; percent when {@code allowZero} is false). */
    static BigDecimal percent(BigDecimal value, String field, boolean allowZero) {
        required(value, field);
        boolean tooLow = allowZero ? value.signum() < 0 : value.signum() <= 0;
        if (tooLow || value.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException(field + " must be " + (allowZero ? "between 0 and 100" : "above 0 and at most 100")
                    + ", was " + value.toPlainString());
        }
        return value;
    }

    static int nonNegative(int value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        return value;
    }
}
