package io.reelflow.inspection;

import java.util.Objects;

/**
 * A deliverable already accepted from a vendor.
 *
 * @param audioDuration for dubs and audio description, the audio's duration; null for timed text or when unknown
 */
public record AcceptedTrack(TrackKind kind, String languageTag, MediaDuration audioDuration) {

    public AcceptedTrack {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(languageTag, "languageTag");
    }

    public static AcceptedTrack timedText(TrackKind kind, String languageTag) {
        return new AcceptedTrack(kind, languageTag, null);
    }

    public static AcceptedTrack audio(TrackKind kind, String languageTag, MediaDuration duration) {
        return new AcceptedTrack(kind, languageTag, duration);
    }
}
