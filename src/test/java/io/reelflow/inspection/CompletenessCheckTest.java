package io.reelflow.inspection;

import static io.reelflow.inspection.FindingCode.*;
import static io.reelflow.inspection.TrackKind.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompletenessCheckTest {

    /** 7148 frames at 23.976: the sample episode's length. */
    static final Rational RATE = Rational.of(24000, 1001);
    static final MediaDuration COMPOSITION = MediaDuration.ofEditUnits(7148, RATE);
    static final MediaDuration IN_SYNC = MediaDuration.ofEditUnits(14_310_296, Rational.of(48000));

    static final List<RequiredTrack> DEAL = List.of(
            new RequiredTrack(SUBTITLE, "pt-BR"),
            new RequiredTrack(FORCED_NARRATIVE, "pt-BR"),
            new RequiredTrack(DUB, "pt-BR"),
            new RequiredTrack(AUDIO_DESCRIPTION, "en"));

    static final List<AcceptedTrack> ALL_ACCEPTED = List.of(
            AcceptedTrack.timedText(SUBTITLE, "pt-BR"),
            AcceptedTrack.timedText(FORCED_NARRATIVE, "pt-br"),
            AcceptedTrack.audio(DUB, "pt-BR", IN_SYNC),
            AcceptedTrack.audio(AUDIO_DESCRIPTION, "en", COMPOSITION));

    @Test
    void everythingAcceptedWithTheExactTagsAndInSyncIsComplete() {
        assertThat(CompletenessCheck.check(DEAL, ALL_ACCEPTED, COMPOSITION, RATE)).isEmpty();
    }

    @Test
    void ptDoesNotSatisfyPtBr() {
        List<AcceptedTrack> accepted = List.of(AcceptedTrack.timedText(SUBTITLE, "pt"));

        List<Finding> findings = CompletenessCheck.check(List.of(new RequiredTrack(SUBTITLE, "pt-BR")), accepted,
                COMPOSITION, RATE);

        assertThat(findings).extracting(Finding::code).containsExactly(REQUIRED_TRACK_MISSING);
        assertThat(findings.get(0).message()).contains("pt was, but it is not pt-BR");
    }

    @Test
    void ptBrDoesNotSatisfyPtEither() {
        List<Finding> findings = CompletenessCheck.check(List.of(new RequiredTrack(DUB, "pt")),
                List.of(AcceptedTrack.audio(DUB, "pt-BR", IN_SYNC)), COMPOSITION, RATE);

        assertThat(findings).extracting(Finding::code).containsExactly(REQUIRED_TRACK_MISSING);
    }

    @Test
    void aSubtitleDoesNotStandInForAForcedNarrative() {
        List<Finding> findings = CompletenessCheck.check(List.of(new RequiredTrack(FORCED_NARRATIVE, "pt-BR")),
                List.of(AcceptedTrack.timedText(SUBTITLE, "pt-BR")), COMPOSITION, RATE);

        assertThat(findings).extracting(Finding::code).containsExactly(REQUIRED_TRACK_MISSING);
    }

    @ParameterizedTest(name = "dub of {0} samples: {1}")
    @CsvSource({
            "14310296, ok",          // exactly the picture
            "14312298, ok",          // + 2002 samples = one frame longer
            "14308294, ok",          // one frame shorter
            "14312299, mismatch",    // one sample past a frame
            "14000000, mismatch"})
    void dubbedAudioMustLastAsLongAsTheCompositionWithinOneFrame(long samples, String expected) {
        List<Finding> findings = CompletenessCheck.check(List.of(new RequiredTrack(DUB, "pt-BR")),
                List.of(AcceptedTrack.audio(DUB, "pt-BR", MediaDuration.ofEditUnits(samples, Rational.of(48000)))),
                COMPOSITION, RATE);

        if (expected.equals("ok")) {
            assertThat(findings).isEmpty();
        } else {
            assertThat(findings).extracting(Finding::code).containsExactly(AUDIO_DURATION_MISMATCH);
        }
    }

    @Test
    void durationsInSecondsCompareExactly() {
        MediaDuration seconds = MediaDuration.ofSeconds(Rational.parse("298.131833")); // rounded, but within a frame
        assertThat(CompletenessCheck.check(List.of(new RequiredTrack(AUDIO_DESCRIPTION, "en")),
                List.of(AcceptedTrack.audio(AUDIO_DESCRIPTION, "en", seconds)), COMPOSITION, RATE)).isEmpty();
    }

    @Test
    void anAudioTrackWithoutADurationIsAWarning() {
        List<Finding> findings = CompletenessCheck.check(List.of(new RequiredTrack(DUB, "de")),
                List.of(AcceptedTrack.timedText(DUB, "de")), COMPOSITION, RATE);

        assertThat(findings).extracting(Finding::code, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AUDIO_DURATION_UNKNOWN, Severity.WARNING));
    }

    @Test
    void malformedTagsAreReported() {
        List<Finding> findings = CompletenessCheck.check(List.of(new RequiredTrack(SUBTITLE, "pt_BR")),
                List.of(AcceptedTrack.timedText(SUBTITLE, "brazilian portuguese")), COMPOSITION, RATE);

        assertThat(findings).extracting(Finding::code).containsExactly(TRACK_LANGUAGE_INVALID, TRACK_LANGUAGE_INVALID);
    }
}
