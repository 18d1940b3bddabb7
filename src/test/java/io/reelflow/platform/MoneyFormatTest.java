package io.reelflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyFormatTest {

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = ';', value = {
            "125000;EUR;EUR 125,000.00",
            "9162.01;USD;USD 9,162.01",
            "-1162.01;USD;USD -1,162.01",
            "1250000;JPY;JPY 1,250,000",
            "1250000.50;JPY;JPY 1,250,000",
            "1250001.50;JPY;JPY 1,250,002",
            "1234.5;BHD;BHD 1,234.500",
            "0.125;EUR;EUR 0.12",
            "0.135;EUR;EUR 0.14",
            "999999999.99;GBP;GBP 999,999,999.99",
            "12.3;XYZ;XYZ 12.30"})
    void anAmountIsShownInItsCurrencysFormat(String amount, String currency, String shown) {
        assertThat(MoneyFormat.format(new BigDecimal(amount), currency)).isEqualTo(shown);
    }
}
