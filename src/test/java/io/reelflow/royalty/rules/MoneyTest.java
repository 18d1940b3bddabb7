package io.reelflow.royalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void normalisesTheScaleToTheMinorUnitSoEqualAmountsAreEqual() {
        assertThat(Money.of("10.0", "EUR")).isEqualTo(Money.of("10.00", "EUR"));
        assertThat(Money.of("10", "EUR").amount()).isEqualByComparingTo("10.00").hasToString("10.00");
        assertThat(Money.of("1500", "JPY").amount().scale()).isZero();
        assertThat(Money.of("1.000", "BHD").amount().scale()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0} {1} is refused")
    @CsvSource({
            "0.005, EUR",   // half a cent
            "1500.5, JPY",  // yen has no minor unit
    })
    void refusesAmountsFinerThanTheMinorUnit(String amount, String currency) {
        assertThatThrownBy(() -> Money.of(amount, currency))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more decimals than " + currency)
                .hasMessageContaining("Money.rounded");
    }

    @ParameterizedTest(name = "rounded({0} {1}) = {2}")
    @CsvSource({
            "0.125,   EUR, 0.12",   // half-even: 2 is even, so the tie goes down
            "0.135,   EUR, 0.14",   // 3 is odd, the tie goes up
            "0.1251,  EUR, 0.13",   // not a tie
            "-0.125,  EUR, -0.12",
            "1500.5,  JPY, 1500",   // 0 is even
            "1501.5,  JPY, 1502",
            "1.2345,  BHD, 1.234",  // three decimals
    })
    void roundsHalfEvenToTheMinorUnit(String amount, String currency, String expected) {
        assertThat(Money.rounded(new BigDecimal(amount), Currency.getInstance(currency)))
                .isEqualTo(Money.of(expected, currency));
    }

    @Test
    void arithmeticBetweenAmountsIsExact() {
        Money a = Money.of("0.10", "EUR");
        Money b = Money.of("0.20", "EUR");
        assertThat(a.plus(b)).isEqualTo(Money.of("0.30", "EUR"));
        assertThat(a.minus(b)).isEqualTo(Money.of("-0.10", "EUR"));
        assertThat(a.minus(b).isNegative()).isTrue();
        assertThat(a.minus(a).isZero()).isTrue();
        assertThat(a.negate()).isEqualTo(Money.of("-0.10", "EUR"));
        assertThat(a.min(b)).isEqualTo(a);
        assertThat(a.max(b)).isEqualTo(b);
        assertThat(b.isGreaterThan(a)).isTrue();
        assertThat(a.isLessThan(b)).isTrue();
        assertThat(Money.sum(EUR, List.of(a, b, b))).isEqualTo(Money.of("0.50", "EUR"));
        assertThat(Money.sum(EUR, List.of())).isEqualTo(Money.zero(EUR));
    }

    @ParameterizedTest(name = "{1}% of {0} {2} = {3}")
    @CsvSource({
            "1200000.00, 30,     EUR, 360000.00",
            "0.20,       12.5,   EUR, 0.02",      // 0.025 is a tie, half-even goes to 0.02
            "0.60,       12.5,   EUR, 0.08",      // 0.075 is a tie, half-even goes to 0.08
            "1234567,    17.5,   JPY, 216049",    // 216049.225
            "100.00,     33.335, EUR, 33.34",     // 33.335: tie, 3 is odd
    })
    void percentageIsRoundedOnce(String amount, String percent, String currency, String expected) {
        assertThat(Money.of(amount, currency).percentage(new BigDecimal(percent))).isEqualTo(Money.of(expected, currency));
    }

    @Test
    void refusesToMixCurrencies() {
        Money eur = Money.of("1.00", "EUR");
        Money usd = Money.of("1.00", "USD");
        assertThatThrownBy(() -> eur.plus(usd)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different currencies");
        assertThatThrownBy(() -> eur.minus(usd)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> eur.compareTo(usd)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.sum(EUR, List.of(usd))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesCurrenciesWithoutMinorUnitAndUnknownCodes() {
        assertThatThrownBy(() -> Money.of("1", "XAU")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("XAU has no minor unit");
        assertThatThrownBy(() -> Money.of("1", "EURO")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown ISO 4217 currency code 'EURO'");
        assertThatThrownBy(() -> new Money(null, EUR)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("Money.amount");
    }

    @Test
    void printsAmountAndCode() {
        assertThat(Money.of("1200000", "EUR")).hasToString("1200000.00 EUR");
        assertThat(Money.of("1500", "JPY")).hasToString("1500 JPY");
    }
}
