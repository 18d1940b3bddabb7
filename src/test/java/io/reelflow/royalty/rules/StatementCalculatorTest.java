package io.reelflow.royalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatementCalculatorTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final LicensorTerms TERMS = new LicensorTerms(EUR, new BigDecimal("20"), eur("10000.00"),
            eur("50000.00"), StatementFrequency.QUARTERLY);
    private static final StatementPeriod Q1_2027 = StatementPeriod.containing(StatementFrequency.QUARTERLY,
            LocalDate.of(2027, 1, 1));

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static LedgerState opening() {
        // E1 incurred before the period: part of the opening balances
        return LedgerState.opening(TERMS).withExpense(
                new RecoupableExpense("E1", LocalDate.of(2026, 12, 15), eur("8000.00"), "IMF mastering"));
    }

    /** The quarter worked out by hand; see the comments for the arithmetic. */
    private static List<WaterfallResult> quarter(LedgerState opening) {
        // R1 40,000.00: fee 8,000.00 -> 32,000.00; expense budget min(32,000.00, cap 10,000.00): E1 8,000.00
        //   (cap left 2,000.00) -> 24,000.00; advance 24,000.00 (50,000.00 -> 26,000.00); royalty 0.00
        WaterfallResult r1 = Waterfall.apply(TERMS, opening,
                new Receipt("R1", "D1", "T1", LocalDate.of(2027, 1, 20), eur("40000.00")));
        // E2 incurred during the period
        LedgerState withE2 = r1.after().withExpense(
                new RecoupableExpense("E2", LocalDate.of(2027, 2, 1), eur("5000.00"), "localization"));
        // R2 20,000.00 USD x 0.90 = 18,000.00 EUR: fee 3,600.00 -> 14,400.00; E2 min(5,000.00, cap 2,000.00)
        //   = 2,000.00 -> 12,400.00; advance 12,400.00 (26,000.00 -> 13,600.00); royalty 0.00
        WaterfallResult r2 = Waterfall.apply(TERMS, withE2, new Receipt("R2", "D2", "T1", LocalDate.of(2027, 2, 15),
                Money.of("20000.00", "USD"), FxRate.of("USD", "EUR", "0.90")));
        // R3 30,000.00: fee 6,000.00 -> 24,000.00; cap used up; advance 13,600.00 -> royalty 10,400.00
        WaterfallResult r3 = Waterfall.apply(TERMS, r2.after(),
                new Receipt("R3", "D1", "T2", LocalDate.of(2027, 3, 31), eur("30000.00")));
        return List.of(r1, r2, r3);
    }

    @Test
    void totalsAQuarter() {
        LedgerState opening = opening();

        RoyaltyStatement statement = StatementCalculator.calculate(Q1_2027, opening, quarter(opening));

        assertThat(statement.period().label()).isEqualTo("2027-Q1");
        assertThat(statement.currency()).isEqualTo(EUR);
        // 40,000.00 + 18,000.00 + 30,000.00
        assertThat(statement.receipts()).isEqualTo(eur("88000.00"));
        assertThat(statement.receiptsByDeal()).containsExactly(
                Map.entry("D1", eur("70000.00")),   // R1 + R3
                Map.entry("D2", eur("18000.00")));  // R2 converted
        assertThat(statement.receiptsByTitle()).containsExactly(
                Map.entry("T1", eur("58000.00")),   // R1 + R2
                Map.entry("T2", eur("30000.00")));  // R3
        assertThat(statement.distributionFees()).isEqualTo(eur("17600.00"));  // 8,000 + 3,600 + 6,000
        assertThat(statement.expensesIncurred()).isEqualTo(eur("5000.00"));   // E2 only
        assertThat(statement.expensesRecouped()).isEqualTo(eur("10000.00"));  // E1 8,000 + E2 2,000 = the cap
        assertThat(statement.advanceRecouped()).isEqualTo(eur("50000.00"));   // 24,000 + 12,400 + 13,600
        assertThat(statement.royaltyPayable()).isEqualTo(eur("10400.00"));
        // 17,600 + 10,000 + 50,000 + 10,400 = 88,000
        assertThat(statement.distributionFees().plus(statement.expensesRecouped()).plus(statement.advanceRecouped())
                .plus(statement.royaltyPayable())).isEqualTo(statement.receipts());

        assertThat(statement.openingAdvanceOutstanding()).isEqualTo(eur("50000.00"));
        assertThat(statement.closingAdvanceOutstanding()).isEqualTo(eur("0.00"));
        assertThat(statement.openingExpensesUnrecouped()).isEqualTo(eur("8000.00"));
        // E2's remaining 3,000.00 lies above the cap: unrecouped, and no longer recoupable
        assertThat(statement.closingExpensesUnrecouped()).isEqualTo(eur("3000.00"));
        assertThat(statement.closing().expensesRecoupable()).isEqualTo(eur("0.00"));
        assertThat(statement.opening().capRemaining()).isEqualTo(eur("10000.00"));
        assertThat(statement.closing().capRemaining()).isEqualTo(eur("0.00"));
    }

    @Test
    void anEmptyPeriodClosesWhereItOpened() {
        RoyaltyStatement statement = StatementCalculator.calculate(Q1_2027, opening(), List.of());

        assertThat(statement.receipts()).isEqualTo(eur("0.00"));
        assertThat(statement.royaltyPayable()).isEqualTo(eur("0.00"));
        assertThat(statement.receiptsByDeal()).isEmpty();
        assertThat(statement.closing()).isEqualTo(statement.opening());
    }

    @Test
    void countsExpensesRecordedAfterTheLastReceiptWhenGivenTheClosingState() {
        LedgerState opening = opening();
        List<WaterfallResult> results = quarter(opening);
        LedgerState closing = results.get(2).after().withExpense(
                new RecoupableExpense("E3", LocalDate.of(2027, 3, 31), eur("700.00"), "subtitles"));

        RoyaltyStatement statement = StatementCalculator.calculate(Q1_2027, opening, results, closing);

        assertThat(statement.expensesIncurred()).isEqualTo(eur("5700.00"));  // E2 5,000 + E3 700
        assertThat(statement.closing()).isEqualTo(closing);
    }

    @Test
    void refusesReceiptsOutsideThePeriod() {
        LedgerState opening = opening();
        List<WaterfallResult> results = quarter(opening);

        assertThatThrownBy(() -> StatementCalculator.calculate(Q1_2027.next(), opening, results))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("results[0]: receipt R1 received 2027-01-20 is outside statement period 2027-Q2");
    }

    @Test
    void refusesResultsThatDoNotChain() {
        LedgerState opening = opening();
        List<WaterfallResult> results = quarter(opening);

        // R2 left out: R3 starts from a state R1 did not produce
        assertThatThrownBy(() -> StatementCalculator.calculate(Q1_2027, opening, List.of(results.get(0), results.get(2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("results[1].before.advanceOutstanding is 13600.00 EUR but the previous state ended at 26000.00 EUR");
        // applied to another opening state (one where R1 was already counted)
        assertThatThrownBy(() -> StatementCalculator.calculate(Q1_2027, results.get(0).after(), results))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("results[0].before");
    }
}
