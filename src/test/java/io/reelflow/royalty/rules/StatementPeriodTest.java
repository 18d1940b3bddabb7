package io.reelflow.royalty.rules;

import static io.reelflow.royalty.rules.StatementFrequency.QUARTERLY;
import static io.reelflow.royalty.rules.StatementFrequency.SEMI_ANNUAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatementPeriodTest {

    @ParameterizedTest(name = "{0} {1} -> {2} {3}..{4}, next {5}")
    @CsvSource({
            "QUARTERLY,   2027-05-15, 2027-Q2, 2027-04-01, 2027-06-30, 2027-Q3",
            "QUARTERLY,   2027-01-01, 2027-Q1, 2027-01-01, 2027-03-31, 2027-Q2",
            "QUARTERLY,   2027-12-31, 2027-Q4, 2027-10-01, 2027-12-31, 2028-Q1",
            "QUARTERLY,   2028-02-29, 2028-Q1, 2028-01-01, 2028-03-31, 2028-Q2",
            "SEMI_ANNUAL, 2027-06-30, 2027-H1, 2027-01-01, 2027-06-30, 2027-H2",
            "SEMI_ANNUAL, 2027-07-01, 2027-H2, 2027-07-01, 2027-12-31, 2028-H1",
            "SEMI_ANNUAL, 2028-02-29, 2028-H1, 2028-01-01, 2028-06-30, 2028-H2",
    })
    void findsThePeriodContainingADateAndTheNextOne(StatementFrequency frequency, LocalDate date, String label,
                                                    LocalDate start, LocalDate end, String nextLabel) {
        StatementPeriod period = StatementPeriod.containing(frequency, date);

        assertThat(period).isEqualTo(new StatementPeriod(frequency, start, end));
        assertThat(period.label()).isEqualTo(label);
        assertThat(period.contains(date)).isTrue();
        assertThat(period.next().label()).isEqualTo(nextLabel);
        assertThat(period.next().start()).isEqualTo(end.plusDays(1));
        assertThat(period.next().previous()).isEqualTo(period);
    }

    @Test
    void containsItsBoundsOnly() {
        StatementPeriod q1 = StatementPeriod.containing(QUARTERLY, LocalDate.of(2027, 2, 1));
        assertThat(q1.contains(LocalDate.of(2027, 1, 1))).isTrue();
        assertThat(q1.contains(LocalDate.of(2027, 3, 31))).isTrue();
        assertThat(q1.contains(LocalDate.of(2026, 12, 31))).isFalse();
        assertThat(q1.contains(LocalDate.of(2027, 4, 1))).isFalse();
    }

    @Test
    void refusesUnalignedBounds() {
        assertThatThrownBy(() -> new StatementPeriod(QUARTERLY, LocalDate.of(2027, 2, 1), LocalDate.of(2027, 4, 30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("StatementPeriod.start 2027-02-01 is not the first day of a QUARTERLY period");
        assertThatThrownBy(() -> new StatementPeriod(SEMI_ANNUAL, LocalDate.of(2027, 1, 1), LocalDate.of(2027, 3, 31)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("StatementPeriod.end must be 2027-06-30");
    }
}
