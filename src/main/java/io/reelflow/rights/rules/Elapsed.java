package io.reelflow.rights.rules;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Time in the rights rules. A day before today is spent: whatever was granted for it stays granted for the record,
 * and nobody can be offered it again. "today" is always passed in (the engine's day); nothing here reads a clock.
 */
public final class Elapsed {

    private Elapsed() {
    }

    /** The part of {@code window} before {@code today}, if any. */
    public static Optional<DateWindow> part(DateWindow window, LocalDate today) {
        Objects.requireNonNull(today, "today");
        if (!window.start().isBefore(today)) return Optional.empty();
        LocalDate yesterday = today.minusDays(1);
        LocalDate end = window.end() == null || window.end().isAfter(yesterday) ? yesterday : window.end();
        return Optional.of(new DateWindow(window.start(), end));
    }

    /** The part of {@code window} from {@code today} on, if any. */
    public static Optional<DateWindow> remaining(DateWindow window, LocalDate today) {
        Objects.requireNonNull(today, "today");
        if (window.end() != null && window.end().isBefore(today)) return Optional.empty();
        return Optional.of(window.start().isBefore(today) ? new DateWindow(today, window.end()) : window);
    }

    /** True when every day of the window lies before today (the window has ended). */
    public static boolean ended(DateWindow window, LocalDate today) {
        return window.end() != null && window.end().isBefore(today);
    }

    /**
     * The day a release asked for {@code on} takes effect: never before today (a release frees the future only;
     * a release that runs late does not free the days the grant was held in the meantime).
     */
    public static LocalDate releaseDay(LocalDate on, LocalDate today) {
        Objects.requireNonNull(today, "today");
        return on == null || on.isBefore(today) ? today : on;
    }

    /**
     * What a grant released from {@code releasedOn} still holds for ever: its days before the release, or nothing
     * when it was released before its first day.
     */
    public static Optional<DateWindow> consumed(DateWindow grant, LocalDate releasedOn) {
        return part(grant, releasedOn);
    }
}
