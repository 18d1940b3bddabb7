package io.reelflow.window.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class AlertSchedulePropertiesTest {

    @Property(tries = 500)
    void alertsAreOrderedUniqueAndInsideTheRemainingWindow(
            @ForAll @IntRange(min = 0, max = 3000) int startOffset,
            @ForAll @IntRange(min = 0, max = 4 * 366) int length,
            @ForAll @IntRange(min = 0, max = 4000) int todayOffset,
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 400) Integer> leadTimes) {
        LocalDate base = LocalDate.of(2024, 1, 1);
        LocalDate start = base.plusDays(startOffset);
        LocalDate lastDay = start.plusDays(length);
        LocalDate today = base.plusDays(todayOffset);

        List<Alert> alerts = AlertSchedule.alertDates(start, lastDay, leadTimes, today);

        if (today.isAfter(lastDay)) {
            assertThat(alerts).isEmpty();
            return;
        }
        assertThat(alerts).isNotEmpty().hasSizeLessThanOrEqualTo(new HashSet<>(leadTimes).size());
        LocalDate earliest = today.isAfter(start) ? today : start;
        for (int i = 0; i < alerts.size(); i++) {
            Alert alert = alerts.get(i);
            assertThat(alert.date()).isBetween(earliest, lastDay);
            assertThat(leadTimes).contains(alert.leadDays());
            if (i > 0) {
                assertThat(alert.date()).isAfter(alerts.get(i - 1).date());
                assertThat(alert.leadDays()).isLessThan(alerts.get(i - 1).leadDays());
            }
            assertThat(AlertSchedule.escalationDate(alert, lastDay, leadTimes))
                    .isAfter(alert.date()).isBeforeOrEqualTo(AlertSchedule.expiryDate(lastDay));
        }
    }
}
