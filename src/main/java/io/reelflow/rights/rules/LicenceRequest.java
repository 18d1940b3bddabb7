package io.reelflow.rights.rules;

import java.util.Objects;
import java.util.Set;

/**
 * A deal to check: title x territories x media x window x exclusivity. {@code territories} are country
 * codes (case-insensitive); region codes ({@code 150}, {@code WW}, ...) are expanded to their countries.
 * {@code dealRef} may be null for a deal not yet saved; grants carrying the same non-null dealRef are
 * the deal's own and never conflict. Sets are copied (immutable).
 */
public record LicenceRequest(String dealRef, long titleId, Set<String> territories, Set<Media> media,
                             DateWindow window, boolean exclusive) {
    public LicenceRequest {
        territories = Set.copyOf(Objects.requireNonNull(territories, "requested territories"));
        media = Set.copyOf(Objects.requireNonNull(media, "requested media"));
        Objects.requireNonNull(window, "requested window");
    }
}
