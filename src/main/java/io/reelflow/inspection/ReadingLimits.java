package io.reelflow.inspection;

/**
 * The timing and layout limits of Netflix's Timed Text Style Guide that the timed-text inspection enforces.
 * Per-language values come from {@link TimedTextRules} (a resource file that names its source).
 *
 * @param maxLines                at most this many lines per event
 * @param maxCharactersPerLine    characters per line (ruby annotations excluded)
 * @param maxCharactersPerSecond  reading speed: characters of the event divided by its duration
 * @param minEventDuration        shortest event (5/6 s)
 * @param maxEventDuration        longest event (7 s)
 * @param minGapFrames            frames between the end of one event and the start of the next
 * @param halfWidthCountsHalf     half-width characters (Latin, digits, spaces, ASCII punctuation, half-width kana)
 *                                count as half a character, as for Japanese, Korean and Chinese
 */
public record ReadingLimits(int maxLines, int maxCharactersPerLine, int maxCharactersPerSecond,
                            Rational minEventDuration, Rational maxEventDuration, int minGapFrames,
                            boolean halfWidthCountsHalf) {

    /** Netflix's template figures: 2 lines of 42 characters, 17 characters per second, 5/6 s to 7 s, 2 frames. */
    public static final ReadingLimits ADULT = new ReadingLimits(2, 42, 17, Rational.of(5, 6), Rational.of(7), 2);

    /** Kids' titles read slower: 13 characters per second. */
    public static final ReadingLimits KIDS = new ReadingLimits(2, 42, 13, Rational.of(5, 6), Rational.of(7), 2);

    public ReadingLimits(int maxLines, int maxCharactersPerLine, int maxCharactersPerSecond,
                         Rational minEventDuration, Rational maxEventDuration, int minGapFrames) {
        this(maxLines, maxCharactersPerLine, maxCharactersPerSecond, minEventDuration, maxEventDuration,
                minGapFrames, false);
    }

    /** The template limits (any language without a row of its own). */
    public static ReadingLimits forTitle(boolean kidsTitle) {
        return kidsTitle ? KIDS : ADULT;
    }

    /** Netflix's limits for the language (BCP 47), a kids' title or not, SDH or not. */
    public static ReadingLimits forLanguage(String language, boolean kidsTitle, boolean sdh) {
        return TimedTextRules.forLanguage(language).limits(kidsTitle, sdh);
    }

    /** Weight of a code point in half characters: 1 for a half-width one when those count half, else 2. */
    int halfUnits(int codePoint) {
        if (!halfWidthCountsHalf) {
            return 2;
        }
        boolean halfWidth = codePoint < 0x2E80 && !(codePoint >= 0x1100 && codePoint <= 0x115F)
                || (codePoint >= 0xFF61 && codePoint <= 0xFFDC) || (codePoint >= 0xFFE8 && codePoint <= 0xFFEE);
        return halfWidth ? 1 : 2;
    }

    /** Characters of a text in half characters (see {@link #halfUnits}). */
    long halfUnits(String text) {
        long units = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            units += halfUnits(cp);
            i += Character.charCount(cp);
        }
        return units;
    }
}
