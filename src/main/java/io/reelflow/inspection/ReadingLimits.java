package io.reelflow.inspection;

/**
 * The timing and layout limits of Netflix's Timed Text Style Guide that the timed-text inspection enforces.
 *
 * @param maxLines                at most this many lines per event
 * @param maxCharactersPerLine    characters per line (ruby annotations excluded)
 * @param maxCharactersPerSecond  reading speed: characters of the event divided by its duration
 * @param minEventDuration        shortest event (5/6 s)
 * @param maxEventDuration        longest event (7 s)
 * @param minGapFrames            frames between the end of one event and the start of the next
 */
public record ReadingLimits(int maxLines, int maxCharactersPerLine, int maxCharactersPerSecond,
                            Rational minEventDuration, Rational maxEventDuration, int minGapFrames) {

    /** Adult titles: 2 lines of 42 characters, 17 characters per second, 5/6 s to 7 s, 2 frames apart. */
    public static final ReadingLimits ADULT = new ReadingLimits(2, 42, 17, Rational.of(5, 6), Rational.of(7), 2);

    /** Kids' titles read slower: 13 characters per second. */
    public static final ReadingLimits KIDS = new ReadingLimits(2, 42, 13, Rational.of(5, 6), Rational.of(7), 2);

    public static ReadingLimits forTitle(boolean kidsTitle) {
        return kidsTitle ? KIDS : ADULT;
    }
}
