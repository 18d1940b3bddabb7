package io.reelflow.window.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AlertScheduleTest {

    private static final List<Integer> DEFAULT = AlertSchedule.DEFAULT_LEAD_TIMES_DAYS;

    private static LocalDate d(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }

    private static Alert a(int leadDays, String date) {
        return new Alert(leadDays, d(date));
    }

    private static List<Integer> leads(Integer... days) {
        return Arrays.asList(days);
    }

    static Stream<Arguments> schedules() {
        return Stream.of(
                Arguments.of("two-year window, defaults",
                        "2027-01-01", "2028-12-31", DEFAULT, "2027-01-01", List.of(
                                a(180, "2028-07-04"),   // 2028-12-31 - 180 days
                                a(90, "2028-10-02"),    // - 90 days
                                a(30, "2028-12-01"))),  // - 30 days
                Arguments.of("leap year: 365 days before 2028-02-29",
                        // Feb 29 lies inside the 365 days, so this is 2027-03-01, not 2027-02-28 (minusYears(1))
                        "2027-01-01", "2028-02-29", leads(365), "2026-12-01", List.of(
                                a(365, "2027-03-01"))),
                Arguments.of("leap year with the defaults",
                        "2027-01-01", "2028-02-29", leads(365, 180, 90, 30), "2026-12-01", List.of(
                                a(365, "2027-03-01"),
                                a(180, "2027-09-02"),
                                a(90, "2027-12-01"),
                                a(30, "2028-01-30"))),
                Arguments.of("window shorter than the longest lead time",
                        // 2027-01-01..2027-04-30: 180 days before is 2026-11-01, before the start -> dropped
                        "2027-01-01", "2027-04-30", DEFAULT, "2026-12-01", List.of(
                                a(90, "2027-01-30"),
                                a(30, "2027-03-31"))),
                Arguments.of("alert exactly on the start day is kept",
                        // 2027-03-31 - 89 days = 2027-01-01
                        "2027-01-01", "2027-03-31", leads(89, 30), "2026-12-01", List.of(
                                a(89, "2027-01-01"),
                                a(30, "2027-03-01"))),
                Arguments.of("window shorter than every lead time: one alert on the start day",
                        // 20-day window: 180, 90 and 30 days before 2027-01-20 are all before 2027-01-01;
                        // one alert on the first day, standing for the shortest lead time
                        "2027-01-01", "2027-01-20", DEFAULT, "2026-12-01", List.of(
                                a(30, "2027-01-01"))),
                Arguments.of("short window already running: the start-day alert moves to today",
                        "2027-01-01", "2027-01-20", DEFAULT, "2027-01-10", List.of(
                                a(30, "2027-01-10"))),
                Arguments.of("start in the past, two alerts missed",
                        // 180 -> 2027-07-04 and 90 -> 2027-10-02 are past: one alert today for 90
                        "2025-01-01", "2027-12-31", DEFAULT, "2027-10-15", List.of(
                                a(90, "2027-10-15"),
                                a(30, "2027-12-01"))),
                Arguments.of("today is an alert day: the missed one merges into it",
                        "2025-01-01", "2027-12-31", DEFAULT, "2027-10-02", List.of(
                                a(90, "2027-10-02"),
                                a(30, "2027-12-01"))),
                Arguments.of("every alert missed",
                        "2025-01-01", "2027-12-31", DEFAULT, "2027-12-10", List.of(
                                a(30, "2027-12-10"))),
                Arguments.of("today is the last day",
                        "2025-01-01", "2027-12-31", DEFAULT, "2027-12-31", List.of(
                                a(30, "2027-12-31"))),
                Arguments.of("window already over",
                        "2025-01-01", "2027-12-31", DEFAULT, "2028-01-01", List.of()),
                Arguments.of("evergreen",
                        "2027-01-01", null, DEFAULT, "2027-01-01", List.of()),
                Arguments.of("custom lead times unsorted and duplicated",
                        // distinct 120, 60, 30 before 2027-09-30
                        "2027-01-01", "2027-09-30", leads(30, 120, 30, 60, 120), "2027-01-01", List.of(
                                a(120, "2027-06-02"),
                                a(60, "2027-08-01"),
                                a(30, "2027-08-31"))),
                Arguments.of("lead time 0 alerts on the last day",
                        "2027-01-01", "2027-09-30", leads(0, 30), "2027-01-01", List.of(
                                a(30, "2027-08-31"),
                                a(0, "2027-09-30"))),
                Arguments.of("one-day window starting today",
                        "2027-05-05", "2027-05-05", DEFAULT, "2027-05-05", List.of(
                                a(30, "2027-05-05"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedules")
    void schedulesRenewalAlerts(String description, String windowStart, String lastDay, List<Integer> leadTimes,
                                String today, List<Alert> expected) {
        assertThat(AlertSchedule.alertDates(d(windowStart), d(lastDay), leadTimes, d(today)))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void usesTheDefaultLeadTimesWhenNoneAreGiven() {
        assertThat(AlertSchedule.alertDates(d("2027-01-01"), d("2028-12-31"), d("2027-01-01")))
                .extracting(Alert::leadDays).containsExactly(180, 90, 30);
        assertThat(DEFAULT).containsExactly(180, 90, 30);
    }

    @ParameterizedTest(name = "last day {0} -> expires {1}")
    @CsvSource({
            "2028-02-28, 2028-02-29",
            "2028-02-29, 2028-03-01",
            "2027-12-31, 2028-01-01",
    })
    void expiresTheDayAfterTheLastDay(LocalDate lastDay, LocalDate expiry) {
        assertThat(AlertSchedule.expiryDate(lastDay)).isEqualTo(expiry);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // description,                     lead, alert date, lead times, escalates on
            "180-day alert -> 90-day date,       180, 2028-07-04, '180,90,30',  2028-10-02",
            "90-day alert -> 30-day date,        90,  2028-10-02, '180,90,30',  2028-12-01",
            "last alert -> expiry day,           30,  2028-12-01, '180,90,30',  2029-01-01",
            "missed alert moved to today,        90,  2028-11-15, '180,90,30',  2028-12-01",
            "custom unsorted lead times,         120, 2028-09-02, '30,120,60,30', 2028-11-01",
    })
    void escalatesOnTheNextLeadTimeOrOnExpiry(String description, int leadDays, LocalDate alertDate, String leadTimes,
                                              LocalDate expected) {
        List<Integer> leadList = Arrays.stream(leadTimes.split(",")).map(Integer::valueOf).toList();
        assertThat(AlertSchedule.escalationDate(new Alert(leadDays, alertDate), d("2028-12-31"), leadList))
                .isEqualTo(expected);
    }

    @Test
    void theStartDayAlertOfAShortWindowEscalatesOnExpiry() {
        Alert only = AlertSchedule.alertDates(d("2027-01-01"), d("2027-01-20"), d("2026-12-01")).get(0);

        assertThat(AlertSchedule.escalationDate(only, d("2027-01-20"))).isEqualTo(d("2027-01-21"));
    }

    @Test
    void everyScheduledAlertEscalatesAfterItFiresAndNoLaterThanExpiry() {
        LocalDate lastDay = d("2027-12-31");
        List<Alert> alerts = AlertSchedule.alertDates(d("2025-01-01"), lastDay, d("2027-10-15"));

        assertThat(alerts).allSatisfy(alert -> assertThat(AlertSchedule.escalationDate(alert, lastDay))
                .isAfter(alert.date()).isBeforeOrEqualTo(AlertSchedule.expiryDate(lastDay)));
    }

    @Test
    void validatesItsInputs() {
        LocalDate start = d("2027-01-01");
        LocalDate last = d("2027-12-31");
        assertThatThrownBy(() -> AlertSchedule.alertDates(start, d("2026-12-31"), DEFAULT, start))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lastDay 2026-12-31 is before windowStart 2027-01-01");
        assertThatThrownBy(() -> AlertSchedule.alertDates(start, last, List.of(), start))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leadTimesDays must contain at least one");
        assertThatThrownBy(() -> AlertSchedule.alertDates(start, last, leads(90, -30), start))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leadTimesDays[1] must be a number of days >= 0, was -30");
        assertThatThrownBy(() -> AlertSchedule.alertDates(start, last, leads(90, null), start))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leadTimesDays[1]");
        assertThatThrownBy(() -> AlertSchedule.alertDates(null, last, DEFAULT, start))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("windowStart");
        assertThatThrownBy(() -> AlertSchedule.alertDates(start, last, DEFAULT, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("today");
        assertThatThrownBy(() -> AlertSchedule.expiryDate(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("evergreen");
        assertThatThrownBy(() -> AlertSchedule.escalationDate(new Alert(45, start), last))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alert.leadDays 45 is not one of the lead times [30, 90, 180]");
        assertThatThrownBy(() -> new Alert(-1, start))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Alert.leadDays must not be negative");
    }
}
