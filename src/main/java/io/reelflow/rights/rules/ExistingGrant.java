package io.reelflow.rights.rules;

import java.util.Objects;

/**
 * A licence already granted (or pending) to a licensee, one row per territory x media.
 * Only grants in a blocking status are passed in. A region code as territory is expanded.
 */
public record ExistingGrant(long id, long titleId, String territory, Media media, DateWindow window,
                            boolean exclusive, String licensee, String dealRef) {
    public ExistingGrant {
        Objects.requireNonNull(territory, "grant territory");
        Objects.requireNonNull(media, "grant media");
        Objects.requireNonNull(window, "grant window");
    }
}
