package io.reelflow.rights;

import java.time.LocalDate;

/** A grant as the API shows it. */
public record GrantView(long id, long titleId, String territory, String media, LocalDate windowStart, LocalDate windowEnd,
                        boolean exclusive, String licensee, String dealRef, GrantStatus status) {
}
