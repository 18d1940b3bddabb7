package io.reelflow.royalty.rules;

import static io.reelflow.royalty.rules.InstalmentTrigger.DATE;
import static io.reelflow.royalty.rules.InstalmentTrigger.DELIVERY_ACCEPTED;
import static io.reelflow.royalty.rules.InstalmentTrigger.SIGNATURE;
import static io.reelflow.royalty.rules.InstalmentTrigger.WINDOW_START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InstalmentSchedulerTest {

    private static final Money FEE = Money.of("1200000.00", "EUR");
    private static final LocalDate SIGNED_ON = LocalDate.of(2026, 11, 2);
    private static final LocalDate WINDOW_START_DAY = LocalDate.of(2027, 3, 1);

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static Instalment pending(int number, Money amount, InstalmentTrigger trigger, int creditDays) {
        return new Instalment(number, amount, trigger, creditDays, null, null);
    }

    private static Instalment dated(int number, Money amount, InstalmentTrigger trigger, int creditDays,
                                    LocalDate triggeredOn, LocalDate dueDate) {
        return new Instalment(number, amount, trigger, creditDays, triggeredOn, dueDate);
    }

    static Stream<Arguments> schedules() {
        return Stream.of(
                Arguments.of("30/40/30 of 1,200,000.00 EUR",
                        FeeTerms.of(FEE,
                                InstalmentTerm.percent("30", SIGNATURE, 0),
                                InstalmentTerm.percent("40", DELIVERY_ACCEPTED, 30),
                                InstalmentTerm.percent("30", WINDOW_START, 45)),
                        List.of(
                                // 30% x 1,200,000.00 = 360,000.00, due on signature day 2026-11-02
                                dated(1, eur("360000.00"), SIGNATURE, 0, SIGNED_ON, LocalDate.of(2026, 11, 2)),
                                // 40% x 1,200,000.00 = 480,000.00, no date until delivery is accepted
                                pending(2, eur("480000.00"), DELIVERY_ACCEPTED, 30),
                                // remainder 1,200,000.00 - 360,000.00 - 480,000.00 = 360,000.00 (= 30%);
                                // 2027-03-01 + 45 days = 2027-04-15 (30 days to 03-31, 15 more)
                                dated(3, eur("360000.00"), WINDOW_START, 45, WINDOW_START_DAY, LocalDate.of(2027, 4, 15)))),
                Arguments.of("same fee, split whose rounding loses a cent",
                        FeeTerms.of(FEE,
                                // 33.33333375 + 33.33333375 + 33.3333325 = 100
                                InstalmentTerm.percent("33.33333375", SIGNATURE, 0),
                                InstalmentTerm.percent("33.33333375", DELIVERY_ACCEPTED, 30),
                                InstalmentTerm.percent("33.3333325", WINDOW_START, 45)),
                        List.of(
                                // 1,200,000.00 x 33.33333375% = 400,000.005, a tie; half-even keeps 400,000.00
                                dated(1, eur("400000.00"), SIGNATURE, 0, SIGNED_ON, SIGNED_ON),
                                pending(2, eur("400000.00"), DELIVERY_ACCEPTED, 30),
                                // its own share would be 1,200,000.00 x 33.3333325% = 399,999.99, and
                                // 400,000.00 + 400,000.00 + 399,999.99 = 1,199,999.99: one cent short.
                                // The last instalment takes the remainder: 1,200,000.00 - 800,000.00 = 400,000.00
                                dated(3, eur("400000.00"), WINDOW_START, 45, WINDOW_START_DAY, LocalDate.of(2027, 4, 15)))),
                Arguments.of("100.00 EUR split whose rounding gains a cent",
                        FeeTerms.of(eur("100.00"),
                                InstalmentTerm.percent("33.335", SIGNATURE, 0),
                                InstalmentTerm.percent("33.335", SIGNATURE, 10),
                                InstalmentTerm.percent("33.33", SIGNATURE, 20)),
                        List.of(
                                // 33.335 is a tie; 3 is odd so half-even rounds up to 33.34
                                dated(1, eur("33.34"), SIGNATURE, 0, SIGNED_ON, SIGNED_ON),
                                dated(2, eur("33.34"), SIGNATURE, 10, SIGNED_ON, LocalDate.of(2026, 11, 12)),
                                // 33.34 + 33.34 + 33.33 = 100.01: one cent too many, so the last gets
                                // 100.00 - 66.68 = 33.32
                                dated(3, eur("33.32"), SIGNATURE, 20, SIGNED_ON, LocalDate.of(2026, 11, 22)))),
                Arguments.of("fixed amounts and a fixed date",
                        FeeTerms.of(FEE,
                                InstalmentTerm.amount(eur("200000.00"), SIGNATURE, 15),
                                InstalmentTerm.amountOnDate(eur("1000000.00"), LocalDate.of(2027, 6, 30), 0)),
                        List.of(
                                // 2026-11-02 + 15 = 2026-11-17
                                dated(1, eur("200000.00"), SIGNATURE, 15, SIGNED_ON, LocalDate.of(2026, 11, 17)),
                                dated(2, eur("1000000.00"), DATE, 0, LocalDate.of(2027, 6, 30), LocalDate.of(2027, 6, 30)))),
                Arguments.of("JPY 10,000,000 in thirds",
                        FeeTerms.of(Money.of("10000000", "JPY"),
                                InstalmentTerm.percent("33.33", SIGNATURE, 0),
                                InstalmentTerm.percent("33.33", SIGNATURE, 0),
                                InstalmentTerm.percent("33.34", SIGNATURE, 0)),
                        List.of(
                                // 10,000,000 x 33.33% = 3,333,000 (yen have no decimals)
                                dated(1, Money.of("3333000", "JPY"), SIGNATURE, 0, SIGNED_ON, SIGNED_ON),
                                dated(2, Money.of("3333000", "JPY"), SIGNATURE, 0, SIGNED_ON, SIGNED_ON),
                                // 10,000,000 - 6,666,000 = 3,334,000
                                dated(3, Money.of("3334000", "JPY"), SIGNATURE, 0, SIGNED_ON, SIGNED_ON))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void schedulesInstalmentsThatSumToTheTotal(String description, FeeTerms terms, List<Instalment> expected) {
        List<Instalment> schedule = InstalmentScheduler.schedule(terms, SIGNED_ON, WINDOW_START_DAY);

        assertThat(schedule).containsExactlyElementsOf(expected);
        assertThat(Money.sum(terms.total().currency(), schedule.stream().map(Instalment::amount).toList()))
                .isEqualTo(terms.total());
    }

    @Test
    void leavesDatesOpenWhileTheirTriggerHasNotHappened() {
        FeeTerms terms = FeeTerms.of(FEE,
                InstalmentTerm.percent("30", SIGNATURE, 0),
                InstalmentTerm.percent("70", WINDOW_START, 45));

        List<Instalment> schedule = InstalmentScheduler.schedule(terms, null, null);

        assertThat(schedule).allMatch(Instalment::isPending);
    }

    @Test
    void datesPendingInstalmentsWhenTheirTriggerHappens() {
        List<Instalment> schedule = InstalmentScheduler.schedule(FeeTerms.of(FEE,
                InstalmentTerm.percent("30", SIGNATURE, 0),
                InstalmentTerm.percent("40", DELIVERY_ACCEPTED, 30),
                InstalmentTerm.percent("30", WINDOW_START, 45)), SIGNED_ON, WINDOW_START_DAY);

        List<Instalment> afterDelivery = InstalmentScheduler.onTrigger(schedule, DELIVERY_ACCEPTED, LocalDate.of(2027, 1, 20));

        // 2027-01-20 + 30 days = 2027-02-19 (11 days to 01-31, 19 more)
        assertThat(afterDelivery.get(1)).isEqualTo(
                dated(2, eur("480000.00"), DELIVERY_ACCEPTED, 30, LocalDate.of(2027, 1, 20), LocalDate.of(2027, 2, 19)));
        assertThat(afterDelivery.get(0)).isEqualTo(schedule.get(0));
        assertThat(afterDelivery.get(2)).isEqualTo(schedule.get(2));
        // a second acceptance event does not move an instalment that is already dated
        assertThat(InstalmentScheduler.onTrigger(afterDelivery, DELIVERY_ACCEPTED, LocalDate.of(2027, 2, 1)))
                .isEqualTo(afterDelivery);
    }

    @Test
    void dueDateIsTriggerDatePlusCreditDays() {
        assertThat(InstalmentScheduler.dueDate(LocalDate.of(2028, 2, 1), 28)).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(InstalmentScheduler.dueDate(LocalDate.of(2027, 12, 15), 30)).isEqualTo(LocalDate.of(2028, 1, 14));
        assertThatThrownBy(() -> InstalmentScheduler.dueDate(LocalDate.of(2027, 1, 1), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("creditDays must not be negative");
    }

    @Test
    void refusesToRetriggerADatedInstalmentOrTriggerAFixedDate() {
        Instalment dated = dated(1, eur("1.00"), SIGNATURE, 0, SIGNED_ON, SIGNED_ON);
        assertThatThrownBy(() -> dated.triggered(SIGNED_ON.plusDays(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already triggered on 2026-11-02");
        assertThatThrownBy(() -> InstalmentScheduler.onTrigger(List.of(dated), DATE, SIGNED_ON))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trigger DATE");
    }

    static Stream<Arguments> invalidTerms() {
        return Stream.<Arguments>of(
                Arguments.of("percentages summing to 99",
                        (Supplier<?>) () -> FeeTerms.of(FEE, InstalmentTerm.percent("30", SIGNATURE, 0),
                                InstalmentTerm.percent("69", SIGNATURE, 0)),
                        "FeeTerms.instalments percentages must sum to 100, sum to 99"),
                Arguments.of("percentages summing to 100.01",
                        (Supplier<?>) () -> FeeTerms.of(FEE, InstalmentTerm.percent("50", SIGNATURE, 0),
                                InstalmentTerm.percent("50.01", SIGNATURE, 0)),
                        "sum to 100.01"),
                Arguments.of("amounts not summing to the fee",
                        (Supplier<?>) () -> FeeTerms.of(FEE, InstalmentTerm.amount(eur("600000.00"), SIGNATURE, 0),
                                InstalmentTerm.amount(eur("599999.99"), SIGNATURE, 0)),
                        "FeeTerms.instalments amounts must sum to the total 1200000.00 EUR, sum to 1199999.99 EUR"),
                Arguments.of("amount in another currency",
                        (Supplier<?>) () -> FeeTerms.of(FEE, InstalmentTerm.amount(Money.of("1200000.00", "USD"), SIGNATURE, 0)),
                        "FeeTerms.instalments[0].amount is in USD but must be in EUR"),
                Arguments.of("percentages mixed with amounts",
                        (Supplier<?>) () -> FeeTerms.of(FEE, InstalmentTerm.percent("50", SIGNATURE, 0),
                                InstalmentTerm.amount(eur("600000.00"), SIGNATURE, 0)),
                        "all percentages or all amounts; instalments[1]"),
                Arguments.of("no instalments",
                        (Supplier<?>) () -> new FeeTerms(FEE, List.of()),
                        "FeeTerms.instalments must contain at least one"),
                Arguments.of("zero total",
                        (Supplier<?>) () -> FeeTerms.of(eur("0"), InstalmentTerm.percent("100", SIGNATURE, 0)),
                        "FeeTerms.total must be positive"),
                Arguments.of("zero percentage",
                        (Supplier<?>) () -> InstalmentTerm.percent("0", SIGNATURE, 0),
                        "InstalmentTerm.percentage must be above 0 and at most 100, was 0"),
                Arguments.of("percentage above 100",
                        (Supplier<?>) () -> InstalmentTerm.percent("100.5", SIGNATURE, 0),
                        "InstalmentTerm.percentage must be above 0 and at most 100, was 100.5"),
                Arguments.of("negative credit days",
                        (Supplier<?>) () -> InstalmentTerm.percent("100", SIGNATURE, -30),
                        "InstalmentTerm.creditDays must not be negative, was -30"),
                Arguments.of("DATE without a date",
                        (Supplier<?>) () -> InstalmentTerm.percent("100", DATE, 0),
                        "InstalmentTerm.fixedDate is required when trigger is DATE"),
                Arguments.of("a date without DATE",
                        (Supplier<?>) () -> new InstalmentTerm(BigDecimal.TEN, null, SIGNATURE, SIGNED_ON, 0),
                        "InstalmentTerm.fixedDate is only allowed with trigger DATE"),
                Arguments.of("both percentage and amount",
                        (Supplier<?>) () -> new InstalmentTerm(BigDecimal.TEN, eur("1.00"), SIGNATURE, null, 0),
                        "exactly one of percentage or amount, got both"),
                Arguments.of("neither percentage nor amount",
                        (Supplier<?>) () -> new InstalmentTerm(null, null, SIGNATURE, null, 0),
                        "exactly one of percentage or amount, got neither"),
                Arguments.of("a percentage rounding to nothing",
                        (Supplier<?>) () -> InstalmentScheduler.schedule(FeeTerms.of(eur("1.00"),
                                InstalmentTerm.percent("0.1", SIGNATURE, 0),
                                InstalmentTerm.percent("99.9", SIGNATURE, 0)), SIGNED_ON, null),
                        "FeeTerms.instalments[0] rounds to 0.00 EUR"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTerms")
    void refusesInvalidTermsNamingTheField(String description, Supplier<?> build, String message) {
        assertThatThrownBy(build::get).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
