package io.reelflow.rights.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Inclusive date range; {@code end == null} means open-ended (evergreen).
 * {@code [2027-01-01..2027-01-31]} contains both the 1st and the 31st; a window ending the day
 * before another starts does not overlap it (but is adjacent to it, see {@link #union}).
 */
public record DateWindow(LocalDate start, LocalDate end) {

    /** orders by start, then end (open end last) */
    public static final Comparator<DateWindow> ORDER = Comparator.comparing(DateWindow::start)
            .thenComparing(DateWindow::end, Comparator.nullsLast(Comparator.naturalOrder()));

    public DateWindow {
        if (start == null) {
            throw new IllegalArgumentException("date window start must not be null (end " + end + ")");
        }
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("date window end " + end + " is before its start " + start);
        }
    }

    /** same as the constructor */
    public static DateWindow of(LocalDate start, LocalDate end) {
        return new DateWindow(start, end);
    }

    /** ISO dates, e.g. {@code of("2027-01-01", "2027-06-30")}; end may be null for evergreen */
    public static DateWindow of(String start, String end) {
        return new DateWindow(LocalDate.parse(start), end == null ? null : LocalDate.parse(end));
    }

    /** open-ended window starting at {@code start} */
    public static DateWindow from(LocalDate start) {
        return new DateWindow(start, null);
    }

    /** a single day */
    public static DateWindow day(LocalDate day) {
        return new DateWindow(day, day);
    }

    public boolean isOpenEnded() {
        return end == null;
    }

    /** number of days (inclusive), or empty when open-ended */
    public Optional<Long> days() {
        return end == null ? Optional.empty() : Optional.of(end.toEpochDay() - start.toEpochDay() + 1);
    }

    public boolean overlaps(DateWindow o) {
        return endsOnOrAfter(this, o.start) && endsOnOrAfter(o, start);
    }

    /** true if every day of {@code o} lies in this window */
    public boolean contains(DateWindow o) {
        if (o.start.isBefore(start)) {
            return false;
        }
        if (end == null) {
            return true;
        }
        return o.end != null && !o.end.isAfter(end);
    }

    public boolean contains(LocalDate d) {
        return !d.isBefore(start) && (end == null || !d.isAfter(end));
    }

    public Optional<DateWindow> intersection(DateWindow o) {
        if (!overlaps(o)) {
            return Optional.empty();
        }
        LocalDate s = start.isAfter(o.start) ? start : o.start;
        LocalDate e = minEnd(end, o.end);
        return Optional.of(new DateWindow(s, e));
    }

    /** the parts of this window not in {@code o}: 0, 1 or 2 pieces, in date order */
    public List<DateWindow> minus(DateWindow o) {
        if (!overlaps(o)) {
            return List.of(this);
        }
        List<DateWindow> pieces = new ArrayList<>(2);
        if (o.start.isAfter(start)) {
            pieces.add(new DateWindow(start, o.start.minusDays(1)));
        }
        // right piece exists only if o ends strictly before this window ends (an open end lies beyond
        // LocalDate.MAX), so o.end + 1 cannot overflow
        if (o.end != null && (end == null ? o.end.isBefore(LocalDate.MAX) : o.end.isBefore(end))) {
            pieces.add(new DateWindow(o.end.plusDays(1), end));
        }
        return pieces;
    }

    /** the parts of this window covered by none of {@code others}, merged and in date order */
    public List<DateWindow> minusAll(Collection<DateWindow> others) {
        List<DateWindow> rest = List.of(this);
        for (DateWindow o : union(others)) {
            List<DateWindow> next = new ArrayList<>(rest.size() + 1);
            for (DateWindow r : rest) {
                next.addAll(r.minus(o));
            }
            rest = next;
            if (rest.isEmpty()) {
                break;
            }
        }
        return rest;
    }

    /** the parts of this window covered by at least one of {@code others}, merged and in date order */
    public List<DateWindow> intersectAll(Collection<DateWindow> others) {
        List<DateWindow> out = new ArrayList<>();
        for (DateWindow o : union(others)) {
            intersection(o).ifPresent(out::add);
        }
        return out;
    }

    /**
     * Merged, sorted union. Overlapping and adjacent windows merge ({@code [1..5] + [6..9] = [1..9]});
     * an open-ended window absorbs everything after its start. Null elements are not allowed.
     */
    public static List<DateWindow> union(Collection<DateWindow> windows) {
        if (windows.isEmpty()) {
            return List.of();
        }
        List<DateWindow> sorted = new ArrayList<>(windows);
        if (sorted.size() == 1) {
            return List.of(sorted.get(0));
        }
        sorted.sort(ORDER);
        List<DateWindow> out = new ArrayList<>();
        DateWindow cur = sorted.get(0);
        for (int i = 1; i < sorted.size(); i++) {
            DateWindow next = sorted.get(i);
            // epoch-day arithmetic so LocalDate.MAX/MIN cannot overflow
            if (cur.end == null || next.start.toEpochDay() - 1 <= cur.end.toEpochDay()) {
                cur = new DateWindow(cur.start, maxEnd(cur.end, next.end));
            } else {
                out.add(cur);
                cur = next;
            }
        }
        out.add(cur);
        return out;
    }

    /** {@code 2027-01-01..2027-06-30}, or {@code 2027-01-01..open} for evergreen windows */
    public String label() {
        return start + ".." + (end == null ? "open" : end.toString());
    }

    /** true if window {@code w} has not ended before {@code d} */
    private static boolean endsOnOrAfter(DateWindow w, LocalDate d) {
        return w.end == null || !w.end.isBefore(d);
    }

    private static LocalDate minEnd(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate maxEnd(LocalDate a, LocalDate b) {
        if (a == null || b == null) {
            return null;
        }
        return a.isAfter(b) ? a : b;
    }
}
