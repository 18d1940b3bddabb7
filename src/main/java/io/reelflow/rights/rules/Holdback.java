package io.reelflow.rights.rules;

import java.util.Objects;
import java.util.Set;

/**
 * A period during which the title must not be exploited in the given territories and media
 * (e.g. a theatrical window). Territories as in {@link RightsHeld}. Sets are copied (immutable).
 */
public record Holdback(long id, long titleId, Set<String> territories, Set<Media> media, DateWindow period,
                       String reason) {
    public Holdback {
        territories = Set.copyOf(Objects.requireNonNull(territories, "holdback territories"));
        media = Set.copyOf(Objects.requireNonNull(media, "holdback media"));
        Objects.requireNonNull(period, "holdback period");
    }
}
