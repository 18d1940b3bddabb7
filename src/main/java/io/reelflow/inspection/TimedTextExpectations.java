package io.reelflow.inspection;

/**
 * What a timed-text file must be.
 *
 * @param language         the BCP 47 tag ordered, matched exactly (case-insensitively): "pt-BR" is not "pt"
 * @param runtimeSeconds   the programme's runtime; events must end within it (null: not checked)
 * @param kidsTitle        a kids' title (slower reading speed), used for the default limits
 * @param forcedNarrative  a forced-narrative file: having no events is then only a warning
 * @param videoFrameRate   frame rate for the 2-frame gap rule when the file states none (null: 24000/1001)
 * @param limits           the style-guide limits; null for Netflix's adult or kids' limits per {@code kidsTitle}
 */
public record TimedTextExpectations(String language, Rational runtimeSeconds, boolean kidsTitle,
                                    boolean forcedNarrative, Rational videoFrameRate, ReadingLimits limits) {

    static final Rational DEFAULT_VIDEO_FRAME_RATE = Rational.of(24000, 1001);

    public TimedTextExpectations {
        if (language == null || !Bcp47.isWellFormed(language)) {
            throw new IllegalArgumentException("requested language '" + language + "' is not a BCP 47 tag");
        }
        if (limits == null) {
            limits = ReadingLimits.forTitle(kidsTitle);
        }
        if (videoFrameRate == null) {
            videoFrameRate = DEFAULT_VIDEO_FRAME_RATE;
        }
    }

    public static TimedTextExpectations of(String language) {
        return new TimedTextExpectations(language, null, false, false, null, null);
    }

    public TimedTextExpectations withRuntimeSeconds(Rational runtime) {
        return new TimedTextExpectations(language, runtime, kidsTitle, forcedNarrative, videoFrameRate,
                limits == ReadingLimits.forTitle(kidsTitle) ? null : limits);
    }

    public TimedTextExpectations forKids() {
        return new TimedTextExpectations(language, runtimeSeconds, true, forcedNarrative, videoFrameRate,
                limits == ReadingLimits.forTitle(kidsTitle) ? null : limits);
    }

    public TimedTextExpectations asForcedNarrative() {
        return new TimedTextExpectations(language, runtimeSeconds, kidsTitle, true, videoFrameRate, limits);
    }

    public TimedTextExpectations withVideoFrameRate(Rational rate) {
        return new TimedTextExpectations(language, runtimeSeconds, kidsTitle, forcedNarrative, rate, limits);
    }
}
