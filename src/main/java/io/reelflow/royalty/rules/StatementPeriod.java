package io.reelflow.royalty.rules;

import java.time.LocalDate;

/**
 * A calendar quarter or half-year for which a royalty statement is made; both bounds inclusive.
 * Build it with {@link #containing}; the constructor only accepts aligned bounds.
 */
public record StatementPeriod(StatementFrequency frequency, LocalDate start, LocalDate end) {

    public StatementPeriod {
        Checks.required(frequency, "StatementPeriod.frequency");
        Checks.required(start, "StatementPeriod.start");
        Checks.required(end, "StatementPeriod.end");
        if (start.getDayOfMonth() != 1 || (start.getMonthValue() - 1) % frequency.months() != 0) {
            throw new IllegalArgumentException("StatementPeriod.start " + start + " is not the first day of a "
                    + frequency + " period");
        }
        LocalDate expectedEnd = start.plusMonths(frequency.months()).minusDays(1);
        if (!end.equals(expectedEnd)) {
            throw new IllegalArgumentException("StatementPeriod.end must be " + expectedEnd + " for a " + frequency
                    + " period starting " + start + ", was " + end);
        }
    }

    /** The quarter or half-year containing {@code date}. */
    public static StatementPeriod containing(StatementFrequency frequency, LocalDate date) {
        Checks.required(frequency, "frequency");
        Checks.required(date, "date");
        int firstMonth = (date.getMonthValue() - 1) / frequency.months() * frequency.months() + 1;
        LocalDate start = LocalDate.of(date.getYear(), firstMonth, 1);
        return new StatementPeriod(frequency, start, start.plusMonths(frequency.months()).minusDays(1));
    }

    public StatementPeriod next() {
        return containing(frequency, end.plusDays(1));
    }

    public StatementPeriod previous() {
        return containing(frequency, start.minusDays(1));
    }

    public boolean contains(LocalDate date) {
        Checks.required(date, "date");
        return !date.isBefore(start) && !date.isAfter(end);
    }

    /** {@code "2027-Q3"} for a quarter, {@code "2027-H2"} for a half-year. */
    public String label() {
        int index = (start.getMonthValue() - 1) / frequency.months() + 1;
        return start.getYear() + (frequency == StatementFrequency.QUARTERLY ? "-Q" : "-H") + index;
    }

    @Override
    public String toString() {
        return label() + " (" + start + ".." + end + ")";
    }
}
