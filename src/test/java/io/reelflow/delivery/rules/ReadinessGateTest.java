package io.reelflow.delivery.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.delivery.rules.ReadinessGate.Picture;
import io.reelflow.delivery.rules.ReadinessGate.Track;
import io.reelflow.delivery.rules.ReadinessGate.Verdict;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When a delivery is ready to upload, on worked examples. */
class ReadinessGateTest {

    /** A 90-minute feature at 24000/1001 frames per second: 129 600 frames = 129600 · 1001 / 24000 s = 5405.4 s. */
    private static final Picture FEATURE = new Picture(BigInteger.valueOf(129_600L * 1001), BigInteger.valueOf(24_000),
            BigInteger.valueOf(24_000), BigInteger.valueOf(1001), "5405.4 s");

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            package accepted, nothing missing         | ACCEPTED          | ''                                 | true  | ''
            package still being inspected            | INSPECTING        | ''                                 | false | IMF package (inspecting)
            package waiting for the post house       | AWAITING_PACKAGE  | ''                                 | false | IMF package (awaiting package)
            a required track not accepted            | ACCEPTED          | Dub pt-BR: not delivered           | false | Dub pt-BR: not delivered
            both                                      | REJECTED          | Subtitles de: not delivered        | false | IMF package (rejected);Subtitles de: not delivered
            """)
    void whatStandsBetweenTheDeliveryAndTheUpload(String example, String packageStatus, String incomplete, boolean ready, String missing) {
        Verdict v = ReadinessGate.decide(packageStatus, "/post/pkg", "BL-1", null, List.of(), null,
                incomplete.isEmpty() ? List.of() : List.of(incomplete));
        assertThat(v.ready()).as(example).isEqualTo(ready);
        assertThat(String.join(";", v.missing())).as(example).isEqualTo(missing);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            package rejected, no track sent back    | REJECTED         | false | true  | false
            package accepted, a track sent back     | ACCEPTED         | true  | false | true
            package still awaited, a track back     | AWAITING_PACKAGE | true  | true  | true
            """)
    void whatANotReadyDeliveryOrdersAgain(String example, String packageStatus, boolean tracksSentBack, boolean packageNeeded,
                                          boolean tracksPending) {
        ReadinessGate.Reorder again = ReadinessGate.reorder(7, packageStatus, tracksSentBack, "x");
        assertThat(again.packageNeeded()).as(example).isEqualTo(packageNeeded);
        assertThat(again.tracksPending()).as(example).isEqualTo(tracksPending);
    }

    @Test
    void aDeliveryWithNothingToOrderAgainStopsSayingWhy() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReadinessGate.reorder(7, "ACCEPTED", false, "Backlot title id"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("delivery 7 is not complete and nothing can be re-ordered: Backlot title id");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            a dub exactly as long as the picture        | true  | ACCEPTED | 5405.4      | false
            a dub within one frame (41.7 ms) longer     | true  | ACCEPTED | 5405.441    | false
            a dub just under one frame longer           | true  | ACCEPTED | 5405.441708 | false
            a dub just over one frame longer            | true  | ACCEPTED | 5405.441709 | true
            a dub a tenth of a second short             | true  | ACCEPTED | 5405.3      | true
            a dub out of sync, not accepted yet         | true  | PENDING  | 5400        | false
            a dub of unknown length                     | true  | ACCEPTED | ''          | false
            subtitles are not measured against it       | false | ACCEPTED | 5000        | false
            """)
    void audioOutOfSyncWithThePictureGoesBackToItsVendor(String example, boolean audio, String status, String seconds, boolean rework) {
        Track t = new Track(7, "Dub fr", audio, status, seconds.isEmpty() ? null : new BigDecimal(seconds), "/vendor/dub-fr.wav");
        Verdict v = ReadinessGate.decide("ACCEPTED", "/post/pkg", "BL-1", null, List.of(t), FEATURE, List.of());
        assertThat(v.rework().stream().map(ReadinessGate.Rework::trackId).toList()).as(example).isEqualTo(rework ? List.of(7L) : List.of());
        if (rework) {
            assertThat(v.rework().get(0).findings()).as(example)
                    .isEqualTo("Dub fr lasts " + seconds + " s but the picture lasts 5405.4 s: more than one frame apart, back to the vendor");
        }
    }

    @Test
    void withoutAPictureNothingIsMeasured() {
        Track t = new Track(7, "Dub fr", true, "ACCEPTED", new BigDecimal("10"), "/vendor/dub-fr.wav");
        assertThat(ReadinessGate.decide("ACCEPTED", "/post/pkg", "BL-1", null, List.of(t), null, List.of()).rework()).isEmpty();
    }

    @Test
    void theChecklistNamesWhatToUpload() {
        List<Track> tracks = List.of(new Track(1, "Subtitles de", false, "ACCEPTED", null, "/vendor/de.ttml"),
                new Track(2, "Dub fr", true, "ACCEPTED", new BigDecimal("5405.4"), "/vendor/dub-fr.wav"));
        Verdict v = ReadinessGate.decide("ACCEPTED", "/post/pkg", "BL-1", "trailer cut requested", tracks, FEATURE, List.of());
        assertThat(v.checklist()).isEqualTo("""
                Backlot title BL-1
                IMF package /post/pkg
                Subtitles de: /vendor/de.ttml
                Dub fr: /vendor/dub-fr.wav
                Source requests:
                trailer cut requested""");
        assertThat(v.ready()).isTrue();
        assertThat(List.of(v.missing(), v.rework()).stream().map(Object::toString).collect(Collectors.joining())).isEqualTo("[][]");
    }
}
