package io.reelflow.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeExpressionTest {

    /** 23.976 fps (24 × 1000/1001), 10 MHz ticks. */
    static final TimingParameters FILM = TimingParameters.from(Map.of("frameRate", "24",
            "frameRateMultiplier", "1000 1001", "tickRate", "10000000"), "t", new ArrayList<>());

    @ParameterizedTest(name = "{0} = {1} s")
    @CsvSource({
            "00:00:12.5, 25/2, false",
            "01:02:03, 3723, false",
            "00:00:01.001, 1001/1000, false",
            "00:00:01:12, 1 + 12 frames, true",
            "12.5s, 25/2, false",
            "300ms, 3/10, false",
            "2m, 120, false",
            "1.5h, 5400, false",
            "90f, 90 frames, true",
            "10000000t, 1, false",
            "100:00:00.000, 360000, false"})
    void parsesClockAndOffsetTimes(String expression, String expected, boolean frameBased) {
        Rational frame = Rational.of(1001, 24000);
        Rational want = switch (expected) {
            case "1 + 12 frames" -> Rational.ONE.plus(frame.times(12));
            case "90 frames" -> frame.times(90);
            default -> Rational.parse(expected);
        };

        TimeExpression.Parsed parsed = TimeExpression.parse(expression, FILM);

        assertThat(parsed.seconds()).isEqualTo(want);
        assertThat(parsed.frameBased()).isEqualTo(frameBased);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12", "1:00:00", "00:60:00", "00:00:61", "00:00:01:24", "12.5x", "-1s", "1e3s",
            "00:00:01.", "s"})
    void rejectsInvalidExpressions(String expression) {
        assertThatThrownBy(() -> TimeExpression.parse(expression, FILM)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} ({1}) = frame {2}")
    @CsvSource({
            "00:00:59;29, nonDrop, 1799",
            "00:01:00;02, dropNTSC, 1800",
            "00:10:00;00, dropNTSC, 17982",
            "01:00:00;00, dropNTSC, 107892"})
    void smpteTimeCodeCountsDroppedFrames(String timecode, String dropMode, long frame) {
        TimingParameters ntsc = TimingParameters.from(Map.of("frameRate", "30", "frameRateMultiplier", "1000 1001",
                "timeBase", "smpte", "dropMode", dropMode), "t", new ArrayList<>());

        Rational seconds = TimeExpression.parse(timecode.replace(';', ':'), ntsc).seconds();

        assertThat(seconds).isEqualTo(Rational.of(frame * 1001, 30000));
    }

    @ParameterizedTest
    @CsvSource({"0, 00:00:00.000", "3723.5, 01:02:03.500", "1001/24000, 00:00:00.041"})
    void formatsForMessages(String seconds, String text) {
        assertThat(TimeExpression.format(Rational.parse(seconds))).isEqualTo(text);
    }
}
