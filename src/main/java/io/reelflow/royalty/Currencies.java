package io.reelflow.royalty;

import io.reelflow.platform.web.FieldProblem;
import io.reelflow.royalty.rules.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/** Turns request values into currencies and money, reporting problems by field. */
final class Currencies {

    private Currencies() {
    }

    /** The ISO 4217 currency with a minor unit, or null after adding a problem. */
    static Currency parse(String code, String field, List<FieldProblem> problems) {
        if (code == null) return null;
        try {
            Currency c = Currency.getInstance(code);
            Money.minorUnitDigits(c);
            return c;
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(field, "'" + code + "' is not an ISO 4217 currency with a minor unit"));
            return null;
        }
    }

    /** The amount as money, or null (null in, or a problem added when it has more decimals than the currency allows). */
    static Money money(BigDecimal amount, Currency currency, String field, List<FieldProblem> problems) {
        if (amount == null || currency == null) return null;
        try {
            return Money.of(amount, currency);
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(field, amount.toPlainString() + " has more decimals than "
                    + currency.getCurrencyCode() + " allows (" + Money.minorUnitDigits(currency) + ")"));
            return null;
        }
    }
}
