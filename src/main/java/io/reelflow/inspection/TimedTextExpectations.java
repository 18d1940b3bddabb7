package io.reelflow.inspection;

/**
 * What a timed-text file must be.
 *
 * @param language         the BCP 47 tag ordered, matched exactly (case-insensitively): "pt-BR" is not "pt"
 * @param runtimeSeconds   the programme's runtime; events must end within it (null: not checked)
 * @param kidsTitle        a kids' title (slower reading speed), used for the default limits
 * @param forcedNarrative  a forced-narrative file: having no events is then only a warning
 * @param videoFrameRate   frame rate for the 2-frame gap rule when the file states none (null: 24000/1001)
 * @param limits           the style-guide limits; null for Netflix's limits for the language (see
 *                         {@link TimedTextRules}), kids' title and SDH as given — {@link #limits()} returns those
 * @param sdh              subtitles for the deaf and hard of hearing (their own reading speed where Netflix sets one)
 */
public record TimedTextExpectations(String language, Rational runtimeSeconds, boolean kidsTitle,
                                    boolean forcedNarrative, Rational videoFrameRate, ReadingLimits limits,
                                    boolean sdh) {

    static final Rational DEFAULT_VIDEO_FRAME_RATE = Rational.of(24000, 1001);

    public TimedTextExpectations {
        if (language == null || !Bcp47.isWellFormed(language)) {
            throw new IllegalArgumentException("requested language '" + language + "' is not a BCP 47 tag");
        }
        if (videoFrameRate == null) {
            videoFrameRate = DEFAULT_VIDEO_FRAME_RATE;
        }
    }

    public TimedTextExpectations(String language, Rational runtimeSeconds, boolean kidsTitle,
                                 boolean forcedNarrative, Rational videoFrameRate, ReadingLimits limits) {
        this(language, runtimeSeconds, kidsTitle, forcedNarrative, videoFrameRate, limits, false);
    }

    public static TimedTextExpectations of(String language) {
        return new TimedTextExpectations(language, null, false, false, null, null, false);
    }

    /** The limits given, else Netflix's for the language, kids' title and SDH. */
    @Override
    public ReadingLimits limits() {
        return limits != null ? limits : ReadingLimits.forLanguage(language, kidsTitle, sdh);
    }

    /** Whether limits of the caller's own replace Netflix's for the language. */
    public boolean customLimits() {
        return limits != null;
    }

    /** Netflix's rules for the ordered language. */
    public TimedTextRules rules() {
        return TimedTextRules.forLanguage(language);
    }

    public TimedTextExpectations withRuntimeSeconds(Rational runtime) {
        return new TimedTextExpectations(language, runtime, kidsTitle, forcedNarrative, videoFrameRate, limits, sdh);
    }

    public TimedTextExpectations forKids() {
        return new TimedTextExpectations(language, runtimeSeconds, true, forcedNarrative, videoFrameRate, limits, sdh);
    }

    public TimedTextExpectations asSdh() {
        return new TimedTextExpectations(language, runtimeSeconds, kidsTitle, forcedNarrative, videoFrameRate, limits,
                true);
    }

    public TimedTextExpectations asForcedNarrative() {
        return new TimedTextExpectations(language, runtimeSeconds, kidsTitle, true, videoFrameRate, limits, sdh);
    }

    public TimedTextExpectations withVideoFrameRate(Rational rate) {
        return new TimedTextExpectations(language, runtimeSeconds, kidsTitle, forcedNarrative, rate, limits, sdh);
    }

    public TimedTextExpectations withLimits(ReadingLimits custom) {
        return new TimedTextExpectations(language, runtimeSeconds, kidsTitle, forcedNarrative, videoFrameRate, custom,
                sdh);
    }
}
