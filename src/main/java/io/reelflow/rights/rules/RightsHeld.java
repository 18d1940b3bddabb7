package io.reelflow.rights.rules;

import java.util.Objects;
import java.util.Set;

/**
 * A rights-in record: what the distributor holds for a title from a licensor.
 * {@code territories} are country codes; region codes such as {@code WW} or {@code 150} are also
 * understood by the checker (expanded with {@link Territories#resolve}). Sets are copied (immutable).
 */
public record RightsHeld(long id, long titleId, String licensor, Set<String> territories, Set<Media> media,
                         DateWindow term, boolean exclusive) {
    public RightsHeld {
        territories = Set.copyOf(Objects.requireNonNull(territories, "rights-in territories"));
        media = Set.copyOf(Objects.requireNonNull(media, "rights-in media"));
        Objects.requireNonNull(term, "rights-in term");
    }
}
