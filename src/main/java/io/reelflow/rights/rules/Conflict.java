package io.reelflow.rights.rules;

import java.time.LocalDate;

/**
 * One conflict: rule + title + territory (a country) + media + the dates concerned ({@code to == null}
 * means open-ended) + the record it collides with ({@code recordType} is {@code "rights-in"},
 * {@code "grant"}, {@code "holdback"} or null for {@link ConflictRule#NO_RIGHTS_IN}) and a message
 * for a rights manager.
 */
public record Conflict(ConflictRule rule, long titleId, String territory, Media media, LocalDate from,
                       LocalDate to, String recordType, Long recordId, String message) {

    public static final String RIGHTS_IN = "rights-in";
    public static final String GRANT = "grant";
    public static final String HOLDBACK = "holdback";

    /** the dates concerned as a window */
    public DateWindow window() {
        return new DateWindow(from, to);
    }
}
