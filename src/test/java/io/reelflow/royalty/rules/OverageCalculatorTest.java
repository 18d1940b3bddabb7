package io.reelflow.royalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OverageCalculatorTest {

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static RevenueReport report(String quarter, String revenue) {
        return new RevenueReport(quarter, eur(revenue));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("MG 500,000.00 at 20%: overage from Q3",
                        eur("500000.00"), "20",
                        List.of(report("2027-Q1", "1000000.00"), report("2027-Q2", "1500000.00"),
                                report("2027-Q3", "1250000.03"), report("2027-Q4", "100000.00")),
                        List.of(
                                // cum 1,000,000.00 x 20% = 200,000.00 < MG -> 0
                                eur("0.00"),
                                // cum 2,500,000.00 x 20% = 500,000.00 = MG -> 0
                                eur("0.00"),
                                // cum 3,750,000.03 x 20% = 750,000.006 -> 750,000.01; - 500,000.00 - 0 = 250,000.01
                                eur("250000.01"),
                                // cum 3,850,000.03 x 20% = 770,000.006 -> 770,000.01; - 500,000.00 - 250,000.01 = 20,000.00
                                eur("20000.00"))),
                Arguments.of("MG 1,000,000.00 at 25%: never exceeded",
                        eur("1000000.00"), "25",
                        List.of(report("2027-Q1", "1000000.00"), report("2027-Q2", "1000000.00"),
                                report("2027-Q3", "1000000.00")),
                        List.of(
                                eur("0.00"),  // cum share 250,000.00
                                eur("0.00"),  // cum share 500,000.00
                                eur("0.00"))), // cum share 750,000.00, still under the MG
                Arguments.of("no MG, 10%: cumulative rounding keeps the cent per-quarter rounding would lose",
                        eur("0.00"), "10",
                        List.of(report("2027-Q1", "0.05"), report("2027-Q2", "0.05")),
                        List.of(
                                // 0.05 x 10% = 0.005, a tie, half-even -> 0.00
                                eur("0.00"),
                                // cum 0.10 x 10% = 0.01 -> 0.01 - 0 - 0.00 = 0.01 (rounding 0.005 per
                                // quarter would have paid 0.00 + 0.00)
                                eur("0.01"))),
                Arguments.of("JPY MG 50,000,000 at 12.5%",
                        Money.of("50000000", "JPY"), "12.5",
                        List.of(new RevenueReport("2027-Q1", Money.of("300000003", "JPY")),
                                new RevenueReport("2027-Q2", Money.of("200000005", "JPY"))),
                        List.of(
                                // 300,000,003 x 12.5% = 37,500,000.375 -> 37,500,000 < MG -> 0
                                Money.of("0", "JPY"),
                                // cum 500,000,008 x 12.5% = 62,500,001 -> - 50,000,000 - 0 = 12,500,001
                                Money.of("12500001", "JPY"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void paysOnlyTheShareAboveTheMinimumGuarantee(String description, Money mg, String share,
                                                  List<RevenueReport> reports, List<Money> expectedOverage) {
        List<OverageResult> results = OverageCalculator.overageByQuarter(mg, new BigDecimal(share), reports);

        assertThat(results).extracting(OverageResult::overageDue).containsExactlyElementsOf(expectedOverage);
        OverageResult last = results.get(results.size() - 1);
        // in total: max(0, cumulative share - MG)
        assertThat(last.overagePaidAfter()).isEqualTo(last.cumulativeShare().minus(mg).max(Money.zero(mg.currency())));
    }

    @Test
    void computesTheNewQuarterFromTheReportsSoFarAndWhatWasPaid() {
        OverageResult q3 = OverageCalculator.overageDue(eur("500000.00"), new BigDecimal("20"),
                List.of(report("2027-Q1", "1000000.00"), report("2027-Q2", "1500000.00"), report("2027-Q3", "1250000.03")),
                eur("0.00"));

        assertThat(q3).isEqualTo(new OverageResult("2027-Q3", eur("3750000.03"), eur("750000.01"), eur("500000.00"),
                eur("0.00"), eur("250000.01")));
    }

    @Test
    void neverAsksForMoneyBackWhenMoreOverageWasPaidThanNowDue() {
        // cum share 600,000.00 - MG 500,000.00 - paid 150,000.00 = -50,000.00 -> 0
        OverageResult result = OverageCalculator.overageDue(eur("500000.00"), new BigDecimal("20"),
                List.of(report("2027-Q1", "3000000.00")), eur("150000.00"));

        assertThat(result.overageDue()).isEqualTo(eur("0.00"));
    }

    @Test
    void validatesItsInputs() {
        List<RevenueReport> one = List.of(report("2027-Q1", "1.00"));
        assertThatThrownBy(() -> OverageCalculator.overageDue(eur("1.00"), new BigDecimal("0"), one, eur("0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sharePercent must be above 0");
        assertThatThrownBy(() -> OverageCalculator.overageDue(eur("-1.00"), BigDecimal.TEN, one, eur("0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minimumGuarantee must not be negative");
        assertThatThrownBy(() -> OverageCalculator.overageDue(eur("1.00"), BigDecimal.TEN,
                List.of(new RevenueReport("2027-Q1", Money.of("1.00", "USD"))), eur("0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reports[0].revenue is in USD but must be in EUR");
        assertThatThrownBy(() -> OverageCalculator.overageDue(eur("1.00"), BigDecimal.TEN,
                List.of(report("2027-Q1", "1.00"), report("2027-Q1", "2.00")), eur("0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reports[1].quarter 2027-Q1 is reported twice");
        assertThatThrownBy(() -> OverageCalculator.overageDue(eur("1.00"), BigDecimal.TEN, List.of(), eur("0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reportsToDate must contain");
        assertThatThrownBy(() -> OverageCalculator.overageDue(eur("1.00"), BigDecimal.TEN, one, eur("-0.01")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overageAlreadyPaid must not be negative");
        assertThatThrownBy(() -> report("2027-Q1", "-5.00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RevenueReport.revenue must not be negative");
        assertThatThrownBy(() -> report(" ", "5.00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RevenueReport.quarter must not be blank");
    }
}
