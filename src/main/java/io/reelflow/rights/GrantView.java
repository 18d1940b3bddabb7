package io.reelflow.rights;

import java.time.LocalDate;

/**
 * A grant as the API shows it.
 *
 * @param releasedOn the day a RELEASED grant was given back from (its days before stay held); null otherwise
 */
public record GrantView(long id, long titleId, String territory, String media, LocalDate windowStart, LocalDate windowEnd,
                        boolean exclusive, String licensee, String dealRef, GrantStatus status, LocalDate releasedOn) {

    public GrantView(long id, long titleId, String territory, String media, LocalDate windowStart, LocalDate windowEnd,
                     boolean exclusive, String licensee, String dealRef, GrantStatus status) {
        this(id, titleId, territory, media, windowStart, windowEnd, exclusive, licensee, dealRef, status, null);
    }
}
