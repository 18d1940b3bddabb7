package io.reelflow.window.rules;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A renewal alert.
 *
 * @param leadDays the configured lead time this alert stands for (days before the window's last day);
 *     for a moved alert (see {@link AlertSchedule#alertDates}) it is the lead time it replaces, so
 *     {@code date} may be later than {@code lastDay - leadDays}
 * @param date the day the alert fires
 */
public record Alert(int leadDays, LocalDate date) {

    public Alert {
        if (leadDays < 0) {
            throw new IllegalArgumentException("Alert.leadDays must not be negative, was " + leadDays);
        }
        Objects.requireNonNull(date, "Alert.date is required");
    }
}
