package io.reelflow.royalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RevenueQuartersTest {

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    private static RevenueQuarter q(String label, String start, String end, String from, String to, String due) {
        return new RevenueQuarter(label, d(start), d(end), d(from), d(to), d(due));
    }

    static Stream<Arguments> windows() {
        return Stream.of(
                Arguments.of("one year from mid-February, across the 2028 leap year",
                        d("2027-02-15"), d("2028-02-14"),
                        List.of(
                                // reports due 45 days after the calendar quarter ends: 03-31 + 45 = 05-15
                                q("2027-Q1", "2027-01-01", "2027-03-31", "2027-02-15", "2027-03-31", "2027-05-15"),
                                q("2027-Q2", "2027-04-01", "2027-06-30", "2027-04-01", "2027-06-30", "2027-08-14"),
                                q("2027-Q3", "2027-07-01", "2027-09-30", "2027-07-01", "2027-09-30", "2027-11-14"),
                                // 12-31 + 45 = 02-14
                                q("2027-Q4", "2027-10-01", "2027-12-31", "2027-10-01", "2027-12-31", "2028-02-14"),
                                // partial last quarter, still reported after the calendar quarter
                                q("2028-Q1", "2028-01-01", "2028-03-31", "2028-01-01", "2028-02-14", "2028-05-15"))),
                Arguments.of("calendar-aligned single quarter",
                        d("2027-04-01"), d("2027-06-30"),
                        List.of(q("2027-Q2", "2027-04-01", "2027-06-30", "2027-04-01", "2027-06-30", "2027-08-14"))),
                Arguments.of("one-day window",
                        d("2027-12-31"), d("2027-12-31"),
                        List.of(q("2027-Q4", "2027-10-01", "2027-12-31", "2027-12-31", "2027-12-31", "2028-02-14"))),
                Arguments.of("window ending on a quarter's first day",
                        d("2027-03-31"), d("2027-04-01"),
                        List.of(q("2027-Q1", "2027-01-01", "2027-03-31", "2027-03-31", "2027-03-31", "2027-05-15"),
                                q("2027-Q2", "2027-04-01", "2027-06-30", "2027-04-01", "2027-04-01", "2027-08-14"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("windows")
    void listsTheCalendarQuartersIntersectingTheWindow(String description, LocalDate start, LocalDate end,
                                                      List<RevenueQuarter> expected) {
        assertThat(RevenueQuarters.of(start, end)).containsExactlyElementsOf(expected);
    }

    @Test
    void fourYearWindowHasSixteenFullQuarters() {
        List<RevenueQuarter> quarters = RevenueQuarters.of(d("2027-01-01"), d("2030-12-31"));
        assertThat(quarters).hasSize(16).noneMatch(RevenueQuarter::isPartial);
        assertThat(quarters.get(15).label()).isEqualTo("2030-Q4");
    }

    @Test
    void reportDueDaysCanBeConfigured() {
        // 2027-03-31 + 60 = 2027-05-30
        assertThat(RevenueQuarters.of(d("2027-01-01"), d("2027-03-31"), 60).get(0).reportDueDate()).isEqualTo(d("2027-05-30"));
    }

    @ParameterizedTest(name = "{0} is in {1}")
    @CsvSource({"2027-01-01, 2027-Q1", "2027-03-31, 2027-Q1", "2027-04-01, 2027-Q2", "2028-02-29, 2028-Q1",
            "2027-12-31, 2027-Q4"})
    void labelsQuarters(LocalDate date, String label) {
        assertThat(RevenueQuarters.labelOf(date)).isEqualTo(label);
    }

    @ParameterizedTest(name = "{0} starts on {1}")
    @CsvSource({"2027-Q1, 2027-01-01", "2027-Q2, 2027-04-01", "2027-Q3, 2027-07-01", "2028-Q4, 2028-10-01"})
    void readsQuarterLabels(String label, LocalDate start) {
        assertThat(RevenueQuarters.startOf(label)).isEqualTo(start);
        assertThat(RevenueQuarters.labelOf(start)).isEqualTo(label);
    }

    @Test
    void refusesWhatIsNotAQuarterLabel() {
        for (String bad : List.of("2027-Q5", "2027-Q0", "27-Q1", "2027-H1", "2027-q1")) {
            assertThatThrownBy(() -> RevenueQuarters.startOf(bad)).as(bad).hasMessageContaining("is not a quarter label");
        }
    }

    @Test
    void validatesTheWindow() {
        assertThatThrownBy(() -> RevenueQuarters.of(d("2027-02-01"), d("2027-01-31")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("windowEnd 2027-01-31 is before windowStart 2027-02-01");
        assertThatThrownBy(() -> RevenueQuarters.of(d("2027-02-01"), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("windowEnd");
        assertThatThrownBy(() -> RevenueQuarters.of(d("2027-02-01"), d("2027-03-01"), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reportDueDaysAfterQuarterEnd");
    }
}
