package io.reelflow.platform;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;

/**
 * An amount as finance reads it on a form: the ISO 4217 code, digits grouped by thousands, exactly the currency's
 * minor unit ({@code EUR 125,000.00}, {@code JPY 1,250,000}, {@code BHD 1,234.500}, {@code USD -1,162.01}). Shown
 * amounts only: what finance types is read by {@link io.reelflow.platform.web.FormValues#amount}, which takes the
 * same grouping. An amount with more digits than the minor unit is rounded half-even, as the ledger rounds.
 */
public final class MoneyFormat {

    private MoneyFormat() {
    }

    public static String format(BigDecimal amount, String currency) {
        if (amount == null) return "";
        int digits = minorUnit(currency);
        DecimalFormat f = new DecimalFormat(digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits), DecimalFormatSymbols.getInstance(Locale.UK));
        f.setRoundingMode(RoundingMode.HALF_EVEN);
        return (currency == null || currency.isBlank() ? "" : currency + " ") + f.format(amount.setScale(digits, RoundingMode.HALF_EVEN));
    }

    /** The currency's minor unit (2 where the currency is unknown or has none defined). */
    static int minorUnit(String currency) {
        try {
            int d = Currency.getInstance(currency).getDefaultFractionDigits();
            return d < 0 ? 2 : d;
        } catch (RuntimeException unknown) {
            return 2;
        }
    }
}
