package io.reelflow.royalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FxRateTest {

    @ParameterizedTest(name = "{0} {1} at 1 {1} = {2} {4} -> {3} {4}")
    @CsvSource({
            "123456.78, USD, 0.9134,  112765.42, EUR",  // 112765.422852
            "100.25,    USD, 0.5,     50.12,     EUR",  // 50.125 is a tie, half-even keeps 50.12
            "100.35,    USD, 0.5,     50.18,     EUR",  // 50.175 is a tie, half-even goes to 50.18
            "10000.05,  USD, 151.237, 1512378,   JPY",  // 1512377.56185
            "1512378,   JPY, 0.0066,  9981.69,   USD",  // 9981.6948
    })
    void convertsAndRoundsOnceHalfEven(String amount, String from, String rate, String expected, String to) {
        assertThat(FxRate.of(from, to, rate).convert(Money.of(amount, from))).isEqualTo(Money.of(expected, to));
    }

    @Test
    void validatesItsInputs() {
        assertThatThrownBy(() -> FxRate.of("USD", "USD", "1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FxRate.from and FxRate.to are both USD");
        assertThatThrownBy(() -> FxRate.of("USD", "EUR", "0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FxRate.rate must be positive");
        assertThatThrownBy(() -> FxRate.of("USD", "EUR", "0.9").convert(Money.of("1", "GBP")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("amount to convert is in GBP but must be in USD");
    }

    @Test
    void describesItself() {
        assertThat(FxRate.of("USD", "EUR", "0.9134")).hasToString("1 USD = 0.9134 EUR");
    }
}
