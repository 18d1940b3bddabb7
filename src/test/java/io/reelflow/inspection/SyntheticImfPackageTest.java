package io.reelflow.inspection;

import static io.reelflow.inspection.FindingCode.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.inspection.DeliveryOrder.DynamicRange;
import io.reelflow.inspection.DeliveryOrder.Resolution;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Package checks on packages written by {@link SyntheticPackage}: these run even without the shared samples. */
class SyntheticImfPackageTest {

    @TempDir
    Path temp;
    final ImfPackageInspector inspector = new ImfPackageInspector(2, HashProgressListener.NONE);

    InspectionReport inspect(Consumer<SyntheticPackage> setup, DeliveryOrder order) throws IOException {
        SyntheticPackage p = new SyntheticPackage();
        setup.accept(p);
        return inspector.inspect(p.writeTo(temp.resolve("pkg")), order);
    }

    @Test
    void aCompleteHdSdrPackagePassesItsOrder() throws IOException {
        InspectionReport report = inspect(p -> { }, DeliveryOrder.of(Resolution.HD, DynamicRange.SDR, "en"));

        assertThat(report.findings()).isEmpty();
        assertThat(report.notes()).anyMatch(n -> n.startsWith("SHA-1 verified for 3 of 3"));
    }

    @Test
    void aUhdHdr10PackageWithAtmosPassesAnHdr10AtmosOrder() throws IOException {
        DeliveryOrder order = DeliveryOrder.of(Resolution.UHD, DynamicRange.HDR10, "en").withAtmosRequired(true);

        assertThat(inspect(p -> {
            p.hdr10(3840, 2160);
            p.iab = true;
        }, order).findings()).isEmpty();
    }

    @Test
    void anAtmosOrderWithoutAnIabTrackFails() throws IOException {
        DeliveryOrder order = DeliveryOrder.of(Resolution.HD, DynamicRange.SDR, "en").withAtmosRequired(true);

        assertThat(inspect(p -> { }, order).findings()).extracting(Finding::code).containsExactly(ATMOS_MISSING);
    }

    @Test
    void anHdPictureFailsAUhdOrder() throws IOException {
        InspectionReport report = inspect(p -> { }, DeliveryOrder.of(Resolution.UHD, DynamicRange.SDR, "en"));

        assertThat(report.findings()).extracting(Finding::code).containsExactly(RESOLUTION_MISMATCH);
        assertThat(report.findings().get(0).message()).contains("1920×1080", "3840×2160");
    }

    @Test
    void dolbyVisionIsCheckedLikeHdr10AndWarnsWithoutItsMetadataTrack() throws IOException {
        InspectionReport report = inspect(p -> p.hdr10(3840, 2160),
                DeliveryOrder.of(Resolution.UHD, DynamicRange.DOLBY_VISION, "en"));

        assertThat(report.findings()).extracting(Finding::code).containsExactly(DOLBY_VISION_METADATA_MISSING);
        assertThat(report.passed()).isTrue();

        InspectionReport sdrPicture = inspect(p -> { },
                DeliveryOrder.of(Resolution.HD, DynamicRange.DOLBY_VISION, "en"));
        assertThat(sdrPicture.findings()).extracting(Finding::code).contains(COLOR_PRIMARIES_MISMATCH,
                TRANSFER_CHARACTERISTIC_MISMATCH, MASTERING_DISPLAY_METADATA_MISSING);
    }

    @Test
    void theMainAudioMustBeInTheExactOriginalLanguage() throws IOException {
        InspectionReport report = inspect(p -> p.language = "pt", DeliveryOrder.of(null, null, "pt-BR"));

        assertThat(report.findings()).extracting(Finding::code).containsExactly(AUDIO_ORIGINAL_LANGUAGE_MISSING);
        assertThat(report.findings().get(0).message()).contains("pt is not pt-BR");
    }

    @Test
    void audioLanguageTagsAreChecked() throws IOException {
        assertThat(inspect(p -> p.language = "en_US", null).findings()).extracting(Finding::code)
                .containsExactly(AUDIO_LANGUAGE_INVALID);
        assertThat(inspect(p -> p.language = null, null).findings()).extracting(Finding::severity)
                .containsExactly(Severity.WARNING);
    }

    @Test
    void stereoFailsAFivePointOneOrder() throws IOException {
        assertThat(inspect(p -> p.channels = 2, DeliveryOrder.of(null, null, null)).findings())
                .extracting(Finding::code).containsExactly(AUDIO_CHANNELS_INSUFFICIENT);
    }

    @Test
    void aSecondMainImageTrackIsAnError() throws IOException {
        String second = """
                <cc:MainImageSequence><Id>urn:uuid:a0000000-0000-4000-8000-0000000000f2</Id><TrackId>urn:uuid:e0000000-0000-4000-8000-0000000000f2</TrackId><ResourceList>
                  <Resource xsi:type="TrackFileResourceType"><Id>urn:uuid:f1000000-0000-4000-8000-0000000000f2</Id>
                    <IntrinsicDuration>240</IntrinsicDuration><SourceDuration>240</SourceDuration>
                    <SourceEncoding>urn:uuid:d0000000-0000-4000-8000-000000000001</SourceEncoding>
                    <TrackFileId>urn:uuid:11111111-1111-4111-8111-111111111111</TrackFileId></Resource>
                </ResourceList></cc:MainImageSequence>""";

        assertThat(inspect(p -> p.extraSequences = second, null).findings()).extracting(Finding::code)
                .containsExactly(MAIN_IMAGE_TRACK_MULTIPLE);
    }

    @Test
    void aDescriptorSampleRateOtherThanTheEditRateIsAnError() throws IOException {
        assertThat(inspect(p -> p.pictureSampleRate = "25/1", null).findings()).extracting(Finding::code)
                .containsExactly(EDIT_RATE_MISMATCH);
    }

    @Test
    void audioOutOfSyncInsideTheProgrammeIsFoundEvenWhenTheTotalsAgree() throws IOException {
        // segment 1: audio one frame (2002 samples) short; segment 2: one frame long
        InspectionReport report = inspect(p -> p.segments(new long[] {120, 240_240 - 2002},
                new long[] {120, 240_240 + 2002}), null);

        assertThat(report.findings()).extracting(Finding::code).containsExactly(SEGMENT_DURATION_MISMATCH);
    }

    @ParameterizedTest(name = "1001 frames at 29.97 with {0} audio samples: {1}")
    @CsvSource({
            "1603201, in sync",   // 1603201.6 samples cannot be written exactly: the nearest counts suffice
            "1603202, in sync",
            "1603200, out of sync",
            "1603204, out of sync"})
    void audioMayRoundToTheNearestSampleWhenThePictureLengthIsNotAWholeNumberOfSamples(long samples, String verdict)
            throws IOException {
        InspectionReport report = inspect(p -> {
            p.editRate = "30000 1001";
            p.pictureSampleRate = "30000/1001";
            p.segments(new long[] {1001, samples});
        }, null);

        if (verdict.equals("in sync")) {
            assertThat(report.findings()).isEmpty();
        } else {
            assertThat(report.findings()).extracting(Finding::code).containsExactly(TRACK_DURATION_MISMATCH);
        }
    }
}
