package io.reelflow.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RationalTest {

    @ParameterizedTest(name = "\"{0}\" = {1}")
    @CsvSource({
            "'24000 1001', 24000/1001",
            "24000/1001, 24000/1001",
            "'  48000   1 ', 48000",
            "48000/2, 24000",
            "25, 25",
            "12.5, 25/2",
            "23.976, 2997/125",
            "-3/6, -1/2"})
    void parsesTheSpellingsSmpteDocumentsUse(String text, String expected) {
        assertThat(Rational.parse(text).toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1/0", "1 2 3", "24000/", "1.5/2"})
    void rejectsWhatIsNotARational(String text) {
        assertThatThrownBy(() -> Rational.parse(text)).isInstanceOf(RuntimeException.class);
    }

    @ParameterizedTest
    @CsvSource({"24000/1001, 23.976", "60000/1001, 59.94", "25, 25", "1/3, 0.333"})
    void rendersFrameRatesForPeople(String rate, String text) {
        assertThat(Rational.parse(rate).toDecimalString(3)).isEqualTo(text);
    }

    @Property
    void additionAndSubtractionAreExactInverses(@ForAll @LongRange(min = -1_000_000, max = 1_000_000) long a,
                                                @ForAll @IntRange(min = 1, max = 120_000) int b,
                                                @ForAll @LongRange(min = -1_000_000, max = 1_000_000) long c,
                                                @ForAll @IntRange(min = 1, max = 120_000) int d) {
        Rational x = Rational.of(a, b);
        Rational y = Rational.of(c, d);
        assertThat(x.plus(y).minus(y)).isEqualTo(x);
        assertThat(x.plus(y)).isEqualTo(y.plus(x));
    }

    @Property
    void editUnitsConvertWithoutDrift(@ForAll @IntRange(min = 0, max = 10_000_000) int frames) {
        // frames at 24000/1001 → seconds → samples at 48 kHz → frames again
        Rational seconds = Rational.of(frames).dividedBy(Rational.of(24000, 1001));
        Rational samples = seconds.times(Rational.of(48000));
        assertThat(samples).isEqualTo(Rational.of(frames * 2002L));
        assertThat(samples.dividedBy(Rational.of(48000)).times(Rational.of(24000, 1001)))
                .isEqualTo(Rational.of(frames));
    }

    @Property
    void toStringParsesBack(@ForAll long n, @ForAll @LongRange(min = 1) long d) {
        Rational r = Rational.of(n, d);
        assertThat(Rational.parse(r.toString())).isEqualTo(r);
    }
}
