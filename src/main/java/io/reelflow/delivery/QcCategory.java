package io.reelflow.delivery;

import io.reelflow.delivery.rules.QcItemRules;
import io.reelflow.inspection.TrackKind;

/**
 * Netflix QC rejection categories and who fixes each: the post house re-grades picture and colour,
 * the track's vendor fixes its audio or timed text, localization supplies a missing asset, the
 * coordinator corrects metadata.
 */
public enum QcCategory {
    VIDEO(Fixer.POST_HOUSE), COLOR_HDR_METADATA(Fixer.POST_HOUSE), AUDIO(Fixer.TRACK_VENDOR), AUDIO_SYNC(Fixer.TRACK_VENDOR),
    SUBTITLES(Fixer.TRACK_VENDOR), FORCED_NARRATIVES(Fixer.TRACK_VENDOR), MISSING_ASSET(Fixer.LOCALIZATION), METADATA(Fixer.COORDINATOR);

    public enum Fixer { POST_HOUSE, TRACK_VENDOR, LOCALIZATION, COORDINATOR }

    private final Fixer fixer;

    QcCategory(Fixer fixer) {
        this.fixer = fixer;
    }

    public Fixer fixer() {
        return fixer;
    }

    /** Which track kinds an item of this category can belong to (the rules' one table: {@link QcItemRules}). */
    public java.util.Set<TrackKind> trackKinds() {
        java.util.Set<TrackKind> kinds = java.util.EnumSet.noneOf(TrackKind.class);
        QcItemRules.trackKinds(name()).forEach(k -> kinds.add(TrackKind.valueOf(k)));
        return kinds;
    }
}
