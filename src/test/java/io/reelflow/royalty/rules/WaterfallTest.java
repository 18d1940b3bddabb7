package io.reelflow.royalty.rules;

import static io.reelflow.royalty.rules.PostingKind.ADVANCE_RECOUPMENT;
import static io.reelflow.royalty.rules.PostingKind.DISTRIBUTION_FEE;
import static io.reelflow.royalty.rules.PostingKind.EXPENSE_RECOUPMENT;
import static io.reelflow.royalty.rules.PostingKind.FX;
import static io.reelflow.royalty.rules.PostingKind.RECEIPT;
import static io.reelflow.royalty.rules.PostingKind.ROYALTY_PAYABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WaterfallTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final LocalDate DAY = LocalDate.of(2027, 2, 10);

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static Money jpy(String amount) {
        return Money.of(amount, "JPY");
    }

    private static LicensorTerms terms(Currency currency, String feePercent, Money cap, Money advance) {
        return new LicensorTerms(currency, new BigDecimal(feePercent), cap, advance, StatementFrequency.QUARTERLY);
    }

    private static Receipt receipt(String id, Money gross) {
        return new Receipt(id, "DEAL-1", "TITLE-1", DAY, gross);
    }

    private static Receipt receipt(String id, Money gross, FxRate rate) {
        return new Receipt(id, "DEAL-1", "TITLE-1", DAY, gross, rate);
    }

    private static RecoupableExpense expense(String id, String incurredOn, Money amount, String description) {
        return new RecoupableExpense(id, LocalDate.parse(incurredOn), amount, description);
    }

    private static Tuple p(PostingKind kind, Money amount) {
        return tuple(kind, amount, null);
    }

    private static Tuple p(PostingKind kind, Money amount, String expenseId) {
        return tuple(kind, amount, expenseId);
    }

    /** One receipt's expected postings and the balances after it. */
    record Step(Receipt receipt, List<Tuple> postings, Money advanceOutstandingAfter, Money expensesRecoupableAfter) {
    }

    static Stream<Arguments> waterfalls() {
        LicensorTerms feeOnly = terms(EUR, "25", null, eur("0"));
        LicensorTerms capped = terms(EUR, "20", eur("50000.00"), eur("0"));
        LicensorTerms advance = terms(EUR, "30", null, eur("100000.00"));
        LicensorTerms everything = terms(EUR, "20", null, eur("10000.00"));
        LicensorTerms usdIntoEur = terms(EUR, "15", null, eur("50000.00"));
        LicensorTerms yen = terms(JPY, "17.5", null, jpy("500000"));
        return Stream.of(
                Arguments.of("fee only", feeOnly, LedgerState.opening(feeOnly), List.of(
                        // 1,000.00 x 25% = 250.00 fee; 1,000.00 - 250.00 = 750.00 royalty
                        new Step(receipt("R1", eur("1000.00")), List.of(
                                p(RECEIPT, eur("1000.00")),
                                p(DISTRIBUTION_FEE, eur("250.00")),
                                p(ROYALTY_PAYABLE, eur("750.00"))), eur("0"), eur("0")))),

                Arguments.of("fee rounded half-even", terms(EUR, "12.5", null, eur("0")),
                        LedgerState.opening(terms(EUR, "12.5", null, eur("0"))), List.of(
                        // 0.20 x 12.5% = 0.025, a tie -> 0.02; royalty 0.20 - 0.02 = 0.18
                        new Step(receipt("R1", eur("0.20")), List.of(
                                p(RECEIPT, eur("0.20")),
                                p(DISTRIBUTION_FEE, eur("0.02")),
                                p(ROYALTY_PAYABLE, eur("0.18"))), eur("0"), eur("0")))),

                Arguments.of("expenses above the cap", capped, LedgerState.opening(capped)
                                .withExpense(expense("E2", "2027-02-01", eur("40000.00"), "localization"))
                                // recorded later but incurred earlier: recouped first
                                .withExpense(expense("E1", "2027-01-10", eur("30000.00"), "IMF mastering")),
                        List.of(
                                // fee 100,000.00 x 20% = 20,000.00; left 80,000.00
                                // expense budget = min(80,000.00, cap 50,000.00) = 50,000.00:
                                //   E1 (oldest) 30,000.00, E2 20,000.00 of 40,000.00; cap now 0
                                // royalty 80,000.00 - 50,000.00 = 30,000.00
                                new Step(receipt("R1", eur("100000.00")), List.of(
                                        p(RECEIPT, eur("100000.00")),
                                        p(DISTRIBUTION_FEE, eur("20000.00")),
                                        p(EXPENSE_RECOUPMENT, eur("30000.00"), "E1"),
                                        p(EXPENSE_RECOUPMENT, eur("20000.00"), "E2"),
                                        p(ROYALTY_PAYABLE, eur("30000.00"))), eur("0"),
                                        // E2's other 20,000.00 is above the cap and never recouped
                                        eur("0")),
                                // fee 10,000.00 x 20% = 2,000.00; cap exhausted; royalty 8,000.00
                                new Step(receipt("R2", eur("10000.00")), List.of(
                                        p(RECEIPT, eur("10000.00")),
                                        p(DISTRIBUTION_FEE, eur("2000.00")),
                                        p(ROYALTY_PAYABLE, eur("8000.00"))), eur("0"), eur("0")))),

                Arguments.of("advance recouped across three receipts", advance, LedgerState.opening(advance), List.of(
                        // fee 50,000.00 x 30% = 15,000.00; left 35,000.00 all to the advance (100,000.00 -> 65,000.00)
                        new Step(receipt("R1", eur("50000.00")), List.of(
                                p(RECEIPT, eur("50000.00")),
                                p(DISTRIBUTION_FEE, eur("15000.00")),
                                p(ADVANCE_RECOUPMENT, eur("35000.00")),
                                p(ROYALTY_PAYABLE, eur("0.00"))), eur("65000.00"), eur("0")),
                        // fee 80,000.00 x 30% = 24,000.00; left 56,000.00 all to the advance (65,000.00 -> 9,000.00)
                        new Step(receipt("R2", eur("80000.00")), List.of(
                                p(RECEIPT, eur("80000.00")),
                                p(DISTRIBUTION_FEE, eur("24000.00")),
                                p(ADVANCE_RECOUPMENT, eur("56000.00")),
                                p(ROYALTY_PAYABLE, eur("0.00"))), eur("9000.00"), eur("0")),
                        // fee 40,000.00 x 30% = 12,000.00; left 28,000.00: 9,000.00 closes the advance,
                        // royalty 28,000.00 - 9,000.00 = 19,000.00
                        new Step(receipt("R3", eur("40000.00")), List.of(
                                p(RECEIPT, eur("40000.00")),
                                p(DISTRIBUTION_FEE, eur("12000.00")),
                                p(ADVANCE_RECOUPMENT, eur("9000.00")),
                                p(ROYALTY_PAYABLE, eur("19000.00"))), eur("0.00"), eur("0")))),

                Arguments.of("fee, expense, advance and royalty in one receipt", everything,
                        LedgerState.opening(everything).withExpense(expense("E1", "2027-01-05", eur("5000.00"), "IMF")),
                        List.of(
                                // fee 20,000.00 x 20% = 4,000.00 -> 16,000.00; expense 5,000.00 -> 11,000.00;
                                // advance 10,000.00 -> 1,000.00 royalty
                                new Step(receipt("R1", eur("20000.00")), List.of(
                                        p(RECEIPT, eur("20000.00")),
                                        p(DISTRIBUTION_FEE, eur("4000.00")),
                                        p(EXPENSE_RECOUPMENT, eur("5000.00"), "E1"),
                                        p(ADVANCE_RECOUPMENT, eur("10000.00")),
                                        p(ROYALTY_PAYABLE, eur("1000.00"))), eur("0"), eur("0")))),

                Arguments.of("USD receipt for a EUR agreement", usdIntoEur, LedgerState.opening(usdIntoEur), List.of(
                        // 123,456.78 USD x 0.9134 = 112,765.422852 -> 112,765.42 EUR
                        // fee 112,765.42 x 15% = 16,914.813 -> 16,914.81; left 95,850.61
                        // advance 50,000.00; royalty 95,850.61 - 50,000.00 = 45,850.61
                        new Step(receipt("R1", Money.of("123456.78", "USD"), FxRate.of("USD", "EUR", "0.9134")), List.of(
                                p(RECEIPT, Money.of("123456.78", "USD")),
                                p(FX, eur("112765.42")),
                                p(DISTRIBUTION_FEE, eur("16914.81")),
                                p(ADVANCE_RECOUPMENT, eur("50000.00")),
                                p(ROYALTY_PAYABLE, eur("45850.61"))), eur("0"), eur("0")))),

                Arguments.of("JPY agreement, no decimals", yen, LedgerState.opening(yen), List.of(
                        // fee 1,234,567 x 17.5% = 216,049.225 -> 216,049; left 1,018,518;
                        // advance 500,000; royalty 518,518
                        new Step(receipt("R1", jpy("1234567")), List.of(
                                p(RECEIPT, jpy("1234567")),
                                p(DISTRIBUTION_FEE, jpy("216049")),
                                p(ADVANCE_RECOUPMENT, jpy("500000")),
                                p(ROYALTY_PAYABLE, jpy("518518"))), jpy("0"), jpy("0")),
                        // 10,000.05 USD x 151.237 = 1,512,377.56185 -> 1,512,378 JPY
                        // fee 1,512,378 x 17.5% = 264,666.15 -> 264,666; royalty 1,512,378 - 264,666 = 1,247,712
                        new Step(receipt("R2", Money.of("10000.05", "USD"), FxRate.of("USD", "JPY", "151.237")), List.of(
                                p(RECEIPT, Money.of("10000.05", "USD")),
                                p(FX, jpy("1512378")),
                                p(DISTRIBUTION_FEE, jpy("264666")),
                                p(ROYALTY_PAYABLE, jpy("1247712"))), jpy("0"), jpy("0")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("waterfalls")
    void splitsEachReceiptDownTheWaterfall(String description, LicensorTerms terms, LedgerState opening, List<Step> steps) {
        LedgerState state = opening;
        for (Step step : steps) {
            WaterfallResult result = Waterfall.apply(terms, state, step.receipt());

            assertThat(result.postings()).as(step.receipt().id())
                    .extracting(Posting::kind, Posting::amount, Posting::expenseId)
                    .containsExactlyElementsOf(step.postings());
            assertThat(result.allocated()).as("conservation").isEqualTo(result.convertedGross());
            assertThat(result.after().advanceOutstanding()).isEqualTo(step.advanceOutstandingAfter());
            assertThat(result.after().expensesRecoupable()).isEqualTo(step.expensesRecoupableAfter());
            assertThat(result.before()).isSameAs(state);
            state = result.after();
        }
    }

    @Test
    void carriesExpenseAndCapBalancesForward() {
        LicensorTerms terms = terms(EUR, "20", eur("50000.00"), eur("0"));
        LedgerState opening = LedgerState.opening(terms)
                .withExpense(expense("E1", "2027-01-10", eur("30000.00"), "IMF mastering"))
                .withExpense(expense("E2", "2027-02-01", eur("40000.00"), "localization"));

        // fee 60,000.00 x 20% = 12,000.00; left 48,000.00 -> E1 30,000.00, E2 18,000.00; cap 50,000 - 48,000 = 2,000.00
        LedgerState after = Waterfall.apply(terms, opening, receipt("R1", eur("60000.00"))).after();

        assertThat(after.expensesIncurred()).isEqualTo(eur("70000.00"));
        assertThat(after.expensesRecouped()).isEqualTo(eur("48000.00"));
        assertThat(after.expensesUnrecouped()).isEqualTo(eur("22000.00"));
        assertThat(after.capRemaining()).isEqualTo(eur("2000.00"));
        assertThat(after.expensesRecoupable()).isEqualTo(eur("2000.00"));
        assertThat(after.expenses()).extracting(ExpenseBalance::outstanding).containsExactly(eur("0.00"), eur("22000.00"));
        assertThat(after.receiptsToDate()).isEqualTo(eur("60000.00"));
        assertThat(after.distributionFeesToDate()).isEqualTo(eur("12000.00"));
        assertThat(after.royaltyPayableToDate()).isEqualTo(eur("0.00"));
    }

    @Test
    void recordsTheRateUsed() {
        LicensorTerms terms = terms(EUR, "15", null, eur("0"));
        FxRate rate = FxRate.of("USD", "EUR", "0.9134");

        WaterfallResult result = Waterfall.apply(terms, LedgerState.opening(terms),
                receipt("R1", Money.of("123456.78", "USD"), rate));

        assertThat(result.fxRateApplied()).isEqualTo(rate);
        assertThat(result.convertedGross()).isEqualTo(eur("112765.42"));
        assertThat(result.postings(FX)).singleElement().extracting(Posting::note).asString()
                .contains("123456.78 USD").contains("1 USD = 0.9134 EUR");
        assertThat(result.total(RECEIPT)).isEqualTo(Money.of("123456.78", "USD"));
        assertThat(result.after().receiptsToDate()).isEqualTo(eur("112765.42"));
    }

    @Test
    void refusesAReceiptInAnotherCurrencyWithoutARate() {
        LicensorTerms terms = terms(EUR, "15", null, eur("0"));
        LedgerState opening = LedgerState.opening(terms);

        assertThatThrownBy(() -> Waterfall.apply(terms, opening, receipt("R1", Money.of("10.00", "USD"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("receipt R1 is in USD but the agreement is in EUR: Receipt.fxRate from USD to EUR is required");
        assertThatThrownBy(() -> Waterfall.apply(terms, opening,
                receipt("R2", Money.of("10.00", "USD"), FxRate.of("USD", "GBP", "0.8"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Receipt.fxRate from USD to EUR is required");
        assertThatThrownBy(() -> Waterfall.apply(terms, opening, receipt("R3", eur("10.00"), FxRate.of("EUR", "USD", "1.1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("receipt R3 is already in EUR");
        assertThatThrownBy(() -> receipt("R4", eur("10.00"), FxRate.of("USD", "EUR", "0.9")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Receipt.fxRate converts from USD but the receipt is in EUR");
    }

    @Test
    void refusesALedgerInAnotherCurrency() {
        LicensorTerms eurTerms = terms(EUR, "15", null, eur("0"));
        LicensorTerms yenTerms = terms(JPY, "15", null, jpy("0"));

        assertThatThrownBy(() -> Waterfall.apply(eurTerms, LedgerState.opening(yenTerms), receipt("R1", eur("1.00"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ledger state is in JPY but the agreement is in EUR");
    }

    @Test
    void validatesTermsReceiptsAndExpenses() {
        assertThatThrownBy(() -> terms(EUR, "100.01", null, eur("0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LicensorTerms.distributionFeePercent must be between 0 and 100, was 100.01");
        assertThatThrownBy(() -> terms(EUR, "20", Money.of("1.00", "USD"), eur("0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LicensorTerms.expenseCap is in USD but must be in EUR");
        assertThatThrownBy(() -> terms(EUR, "20", null, eur("-1.00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LicensorTerms.advance must not be negative");
        assertThatThrownBy(() -> receipt("R1", eur("0.00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Receipt.gross must be positive");
        assertThatThrownBy(() -> new Receipt("R1", " ", "T", DAY, eur("1.00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Receipt.dealRef must not be blank");
        LedgerState state = LedgerState.opening(terms(EUR, "20", null, eur("0")))
                .withExpense(expense("E1", "2027-01-01", eur("1.00"), "x"));
        assertThatThrownBy(() -> state.withExpense(expense("E1", "2027-01-02", eur("1.00"), "y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LedgerState.expenses[1].id E1 is not unique");
        assertThatThrownBy(() -> state.withExpense(expense("E2", "2027-01-02", Money.of("1.00", "USD"), "y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expense.amount is in USD but must be in EUR");
        assertThatThrownBy(() -> expense("E3", "2027-01-02", eur("0.00"), "y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RecoupableExpense.amount must be positive");
    }

    @Test
    void applyAllChainsTheStates() {
        LicensorTerms terms = terms(EUR, "30", null, eur("100000.00"));
        List<WaterfallResult> results = Waterfall.applyAll(terms, LedgerState.opening(terms), List.of(
                receipt("R1", eur("50000.00")), receipt("R2", eur("80000.00")), receipt("R3", eur("40000.00"))));

        assertThat(results).extracting(WaterfallResult::royaltyPayable)
                .containsExactly(eur("0.00"), eur("0.00"), eur("19000.00"));
        assertThat(results.get(1).before()).isEqualTo(results.get(0).after());
        LedgerState last = results.get(2).after();
        // 170,000.00 received = 51,000.00 fees + 100,000.00 advance + 19,000.00 royalty
        assertThat(last.receiptsToDate()).isEqualTo(eur("170000.00"));
        assertThat(last.distributionFeesToDate()).isEqualTo(eur("51000.00"));
        assertThat(last.advanceRecoupedToDate()).isEqualTo(eur("100000.00"));
        assertThat(last.royaltyPayableToDate()).isEqualTo(eur("19000.00"));
    }
}
