package io.reelflow.inspection;

import java.util.Objects;

/** A deliverable the deal requires: a kind of track in a BCP 47 language, e.g. (SUBTITLE, "pt-BR"). */
public record RequiredTrack(TrackKind kind, String languageTag) {

    public RequiredTrack {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(languageTag, "languageTag");
    }
}
