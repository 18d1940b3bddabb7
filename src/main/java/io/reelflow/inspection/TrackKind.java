package io.reelflow.inspection;

/** Kinds of localization deliverables a deal can require. */
public enum TrackKind {
    SUBTITLE(false),
    DUB(true),
    AUDIO_DESCRIPTION(true),
    FORCED_NARRATIVE(false);

    private final boolean audio;

    TrackKind(boolean audio) {
        this.audio = audio;
    }

    /** Dubs and audio description are audio and must last as long as the composition. */
    public boolean isAudio() {
        return audio;
    }
}
