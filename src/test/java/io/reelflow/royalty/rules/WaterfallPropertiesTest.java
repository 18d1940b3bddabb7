package io.reelflow.royalty.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random agreements and random sequences of receipts (some in foreign currencies) and expenses:
 * the waterfall must never create or lose a minor unit, nor drive a balance below zero.
 */
class WaterfallPropertiesTest {

    private static final List<Currency> CURRENCIES = List.of(
            Currency.getInstance("EUR"), Currency.getInstance("USD"), Currency.getInstance("JPY"));
    private static final StatementPeriod PERIOD = StatementPeriod.containing(StatementFrequency.QUARTERLY,
            LocalDate.of(2027, 1, 1));

    /** A receipt or an expense, before ids and dates are assigned. */
    sealed interface Event permits ReceiptEvent, ExpenseEvent {
    }

    record ReceiptEvent(Money gross, BigDecimal rate, String deal, String title) implements Event {
    }

    record ExpenseEvent(Money amount, int daysBack) implements Event {
    }

    record Scenario(LicensorTerms terms, List<Event> events) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Arbitraries.of(CURRENCIES).flatMap(currency -> {
            Arbitrary<BigDecimal> feePercent = Arbitraries.oneOf(
                    Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.valueOf(100)).ofScale(3),
                    Arbitraries.of(BigDecimal.ZERO, BigDecimal.valueOf(100), new BigDecimal("12.5")));
            Arbitrary<Money> cap = money(currency, 0, 2_000_000).injectNull(0.4);
            Arbitrary<Money> advance = Arbitraries.oneOf(money(currency, 0, 3_000_000), Arbitraries.just(Money.zero(currency)));
            Arbitrary<Event> event = Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(3, receipt(currency)),
                    net.jqwik.api.Tuple.of(1, expense(currency)));
            return Combinators.combine(feePercent, cap, advance, event.list().ofMinSize(1).ofMaxSize(25))
                    .as((fee, c, a, events) -> new Scenario(
                            new LicensorTerms(currency, fee, c, a, StatementFrequency.QUARTERLY), events));
        });
    }

    private static Arbitrary<Event> receipt(Currency agreement) {
        Arbitrary<Currency> received = Arbitraries.of(CURRENCIES);
        return received.flatMap(currency -> Combinators.combine(
                money(currency, 1, 5_000_000).filter(Money::isPositive),
                Arbitraries.bigDecimals().between(new BigDecimal("0.0001"), new BigDecimal("500")).ofScale(6),
                Arbitraries.of("D1", "D2", "D3"),
                Arbitraries.of("T1", "T2"))
                .as((gross, rate, deal, title) -> new ReceiptEvent(gross, currency.equals(agreement) ? null : rate, deal, title)));
    }

    private static Arbitrary<Event> expense(Currency currency) {
        return Combinators.combine(money(currency, 1, 500_000).filter(Money::isPositive), Arbitraries.integers().between(0, 60))
                .as(ExpenseEvent::new);
    }

    /** Amounts with every minor unit possible, up to {@code maxMajor} major units. */
    private static Arbitrary<Money> money(Currency currency, long minMinor, long maxMajor) {
        int digits = currency.getDefaultFractionDigits();
        long maxMinor = maxMajor * BigDecimal.TEN.pow(digits).longValueExact();
        return Arbitraries.longs().between(minMinor, maxMinor).edgeCases(c -> c.add(Math.max(1L, minMinor)))
                .map(unscaled -> new Money(BigDecimal.valueOf(unscaled, digits), currency));
    }

    @Property(tries = 400)
    void neverCreatesOrLosesMoneyAndNeverGoesNegative(@ForAll("scenarios") Scenario scenario) {
        LicensorTerms terms = scenario.terms();
        Currency currency = terms.currency();
        Money zero = Money.zero(currency);
        LedgerState opening = LedgerState.opening(terms);
        LedgerState state = opening;
        List<WaterfallResult> results = new ArrayList<>();
        int n = 0;
        for (Event event : scenario.events()) {
            n++;
            LocalDate day = PERIOD.start().plusDays(n);
            if (event instanceof ExpenseEvent e) {
                state = state.withExpense(new RecoupableExpense("E" + n, day.minusDays(e.daysBack()), e.amount(), "cost"));
                continue;
            }
            ReceiptEvent r = (ReceiptEvent) event;
            FxRate rate = r.rate() == null ? null : new FxRate(r.gross().currency(), currency, r.rate());
            WaterfallResult result = Waterfall.apply(terms, state,
                    new Receipt("R" + n, r.deal(), r.title(), day, r.gross(), rate));

            // conservation, per receipt
            assertThat(result.allocated()).isEqualTo(result.convertedGross());
            assertThat(result.postings()).allSatisfy(p -> assertThat(p.amount().isNegative()).isFalse());
            // the fee is the only rounded split
            BigDecimal exactFee = result.convertedGross().amount().multiply(terms.distributionFeePercent())
                    .divide(BigDecimal.valueOf(100));
            assertThat(result.distributionFee().amount().subtract(exactFee).abs())
                    .isLessThanOrEqualTo(BigDecimal.ONE.movePointLeft(Money.minorUnitDigits(currency) + 1).multiply(BigDecimal.valueOf(5)));

            LedgerState after = result.after();
            assertNonNegative(after, zero);
            // waterfall priority: no royalty while anything recoupable is still outstanding
            if (result.royaltyPayable().isPositive()) {
                assertThat(after.advanceOutstanding()).isEqualTo(zero);
                assertThat(after.expensesRecoupable()).isEqualTo(zero);
            }
            results.add(result);
            state = after;
        }

        // conservation, cumulative
        assertThat(state.distributionFeesToDate().plus(state.expensesRecouped()).plus(state.advanceRecoupedToDate())
                .plus(state.royaltyPayableToDate())).isEqualTo(state.receiptsToDate());
        assertThat(state.advanceOutstanding().plus(state.advanceRecoupedToDate())).isEqualTo(terms.advance());
        if (terms.hasExpenseCap()) {
            assertThat(state.capRemaining().plus(state.expensesRecouped())).isEqualTo(terms.expenseCap());
        }

        // and the statement adds up to the same totals
        RoyaltyStatement statement = StatementCalculator.calculate(PERIOD, opening, results, state);
        assertThat(statement.receipts()).isEqualTo(state.receiptsToDate());
        assertThat(statement.distributionFees().plus(statement.expensesRecouped()).plus(statement.advanceRecouped())
                .plus(statement.royaltyPayable())).isEqualTo(statement.receipts());
        assertThat(Money.sum(currency, statement.receiptsByDeal().values())).isEqualTo(statement.receipts());
        assertThat(Money.sum(currency, statement.receiptsByTitle().values())).isEqualTo(statement.receipts());
        assertThat(statement.expensesIncurred()).isEqualTo(state.expensesIncurred());
    }

    private static void assertNonNegative(LedgerState state, Money zero) {
        assertThat(state.advanceOutstanding().isNegative()).isFalse();
        if (state.isCapped()) {
            assertThat(state.capRemaining().isNegative()).isFalse();
        }
        assertThat(state.expensesRecoupable().isNegative()).isFalse();
        assertThat(state.expenses()).allSatisfy(b -> {
            assertThat(b.recouped().isNegative()).isFalse();
            assertThat(b.outstanding().isNegative()).isFalse();
        });
        assertThat(state.royaltyPayableToDate().compareTo(zero)).isGreaterThanOrEqualTo(0);
    }

    @Property(tries = 300)
    void instalmentsAlwaysSumToTheTotal(@ForAll("feeSplits") FeeTerms terms) {
        List<Instalment> schedule = InstalmentScheduler.schedule(terms, LocalDate.of(2027, 1, 1), LocalDate.of(2027, 6, 1));

        assertThat(Money.sum(terms.total().currency(), schedule.stream().map(Instalment::amount).toList()))
                .isEqualTo(terms.total());
        assertThat(schedule).allSatisfy(i -> assertThat(i.amount().isPositive()).isTrue());
        assertThat(schedule).extracting(Instalment::number)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, schedule.size()).boxed().toList());
    }

    @Provide
    Arbitrary<FeeTerms> feeSplits() {
        // at least 100,000 minor units, so that even the smallest generated share (1/12,000) is worth a few units
        Arbitrary<Money> total = Arbitraries.of(CURRENCIES).flatMap(c -> money(c, 100_000, 100_000_000));
        Arbitrary<List<Integer>> weights = Arbitraries.integers().between(1, 1000).list().ofMinSize(1).ofMaxSize(12);
        Arbitrary<InstalmentTrigger> trigger = Arbitraries.of(InstalmentTrigger.SIGNATURE, InstalmentTrigger.DELIVERY_ACCEPTED,
                InstalmentTrigger.WINDOW_START);
        return Combinators.combine(total, weights, trigger.list().ofSize(12)).as((t, w, triggers) -> {
            int sum = w.stream().mapToInt(Integer::intValue).sum();
            List<InstalmentTerm> lines = new ArrayList<>();
            BigDecimal allocated = BigDecimal.ZERO;
            for (int i = 0; i < w.size(); i++) {
                BigDecimal pct = i == w.size() - 1
                        ? BigDecimal.valueOf(100).subtract(allocated)
                        : BigDecimal.valueOf(w.get(i) * 100L).divide(BigDecimal.valueOf(sum), 4, java.math.RoundingMode.HALF_EVEN);
                allocated = allocated.add(pct);
                lines.add(new InstalmentTerm(pct, null, triggers.get(i), null, i * 10));
            }
            return new FeeTerms(t, lines);
        });
    }

    @Property(tries = 300)
    void overagesSumToTheShareAboveTheGuarantee(@ForAll("overageCases") OverageCase c) {
        List<OverageResult> results = OverageCalculator.overageByQuarter(c.mg(), c.sharePercent(), c.reports());

        Money zero = Money.zero(c.mg().currency());
        Money paid = Money.sum(c.mg().currency(), results.stream().map(OverageResult::overageDue).toList());
        Money totalRevenue = Money.sum(c.mg().currency(), c.reports().stream().map(RevenueReport::revenue).toList());
        assertThat(paid).isEqualTo(totalRevenue.percentage(c.sharePercent()).minus(c.mg()).max(zero));
        assertThat(results).allSatisfy(r -> assertThat(r.overageDue().isNegative()).isFalse());
    }

    record OverageCase(Money mg, BigDecimal sharePercent, List<RevenueReport> reports) {
    }

    @Provide
    Arbitrary<OverageCase> overageCases() {
        return Arbitraries.of(CURRENCIES).flatMap(c -> Combinators.combine(
                money(c, 0, 5_000_000),
                Arbitraries.bigDecimals().between(new BigDecimal("0.01"), BigDecimal.valueOf(100)).ofScale(2),
                money(c, 0, 20_000_000).list().ofMinSize(1).ofMaxSize(16))
                .as((mg, share, revenues) -> {
                    List<RevenueReport> reports = new ArrayList<>();
                    for (int i = 0; i < revenues.size(); i++) {
                        reports.add(new RevenueReport("Q" + i, revenues.get(i)));
                    }
                    return new OverageCase(mg, share, reports);
                }));
    }
}
