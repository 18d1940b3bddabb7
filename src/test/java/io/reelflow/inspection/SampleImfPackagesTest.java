package io.reelflow.inspection;

import static io.reelflow.inspection.FindingCode.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.inspection.DeliveryOrder.DynamicRange;
import io.reelflow.inspection.DeliveryOrder.Resolution;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real packages and CPLs of ../shared/imf-samples (skipped, with the reason, when the folder is absent). */
class SampleImfPackagesTest {

    private final ImfPackageInspector inspector = new ImfPackageInspector();

    /** The README's "HD SDR order": picture requirements only, so the stereo sample's audio is not judged here. */
    private static DeliveryOrder hdSdrPictureOrder(String language) {
        return DeliveryOrder.of(Resolution.HD, DynamicRange.SDR, language).withMinimumAudioChannels(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"complete-hd-htj2k", "complete-app5-aces"})
    void completePackagesHaveCleanStructureAndMatchingHashes(String name) {
        InspectionReport report = inspector.inspect(Samples.require(name));

        assertThat(report.findings()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.notes()).anySatisfy(n -> assertThat(n).matches("SHA-1 verified for (\\d+) of \\1 .*"));
    }

    @Test
    void hdHtj2kAgainstHdSdrOrderReportsOnlyItsFrameRate() {
        InspectionReport report = inspector.inspect(Samples.require("complete-hd-htj2k"), hdSdrPictureOrder("en"));

        assertThat(report.findings()).extracting(Finding::code).containsExactly(FRAME_RATE_NOT_ALLOWED);
        assertThat(report.findings().get(0).message()).contains("60000/1001", "59.94 fps");
    }

    @Test
    void app5AcesAgainstHdSdrOrderReportsOnlyItsTestPicture() {
        InspectionReport report = inspector.inspect(Samples.require("complete-app5-aces"), hdSdrPictureOrder("de-DE"));

        // two reels, two picture descriptors, each 240×135 ACES with a linear transfer; and a warning that an
        // App 5 composition is not App 2E, so App 2E rules were not applied
        assertThat(report.findings()).filteredOn(Finding::isError).extracting(Finding::code)
                .containsOnly(RESOLUTION_MISMATCH, COLOR_PRIMARIES_MISMATCH, TRANSFER_CHARACTERISTIC_MISMATCH)
                .hasSize(6);
        assertThat(report.findings()).filteredOn(f -> !f.isError()).extracting(Finding::code)
                .containsExactly(FindingCode.APPLICATION_ID_UNSUPPORTED);
        assertThat(report.findings(FindingCode.APPLICATION_ID_UNSUPPORTED).get(0).message()).contains("ACES");
        assertThat(report.findings(RESOLUTION_MISMATCH)).allSatisfy(f ->
                assertThat(f.message()).contains("240×135", "1920×1080"));
        assertThat(report.findings(COLOR_PRIMARIES_MISMATCH)).allSatisfy(f ->
                assertThat(f.message()).contains("ACES", "ITU-R BT.709"));
        assertThat(report.findings(TRANSFER_CHARACTERISTIC_MISMATCH)).allSatisfy(f ->
                assertThat(f.message()).contains("Linear", "ITU-R BT.709"));
    }

    @Test
    void aNetflixDefaultOrderAlsoWantsFivePointOneWhichTheStereoSampleLacks() {
        InspectionReport report = inspector.inspect(Samples.require("complete-hd-htj2k"),
                DeliveryOrder.of(Resolution.HD, DynamicRange.SDR, "en"));

        assertThat(report.findings()).extracting(Finding::code)
                .containsExactlyInAnyOrder(FRAME_RATE_NOT_ALLOWED, AUDIO_CHANNELS_INSUFFICIENT);
        assertThat(report.findings(AUDIO_CHANNELS_INSUFFICIENT).get(0).message()).contains("2 channels (stereo)");
    }

    @Test
    void brokenPackageReportsEveryMissingAsset() {
        InspectionReport report = inspector.inspect(Samples.require("broken-missing-assets"));

        assertThat(report.passed()).isFalse();
        // named by the ASSETMAP, absent from the folder
        assertThat(report.findings(ASSET_FILE_MISSING)).extracting(Finding::file).containsExactlyInAnyOrder(
                "VIDEO_a3542de6-5010-41aa-8ab0-d90b90b7f5dc.mxf", "OPL_8cf83c32-4949-4f00-b081-01e12b18932f.xml");
        // in the packing list but not located by the ASSETMAP
        assertThat(report.findings(ASSET_NOT_IN_ASSETMAP)).extracting(Finding::element).containsExactlyInAnyOrder(
                "Asset urn:uuid:bc1a3912-a90a-41b2-b16c-0915a2a1e088", "Asset urn:uuid:ab38ef76-30fa-4b18-91d2-1ef95e206b46");
        assertThat(report.findings(UNREFERENCED_FILE)).extracting(Finding::file).containsExactlyInAnyOrder(
                "AUDIO_bc1a3912-a90a-41b2-b16c-0915a2a1e088.mxf", "CPL_ab38ef76-30fa-4b18-91d2-1ef95e206b46.xml");
        // the files that are there are intact, and the orphaned CPL was still inspected (and is sound)
        assertThat(report.has(ASSET_HASH_MISMATCH)).isFalse();
        assertThat(report.findings()).extracting(Finding::code).containsOnly(ASSET_FILE_MISSING,
                ASSET_NOT_IN_ASSETMAP, UNREFERENCED_FILE);
        assertThat(report.notes()).anyMatch(n -> n.contains("SHA-1 verified for 2 of 6"));
        assertThat(report.summary()).startsWith("IMF package broken-missing-assets: FAILED, 4 errors, 2 warnings");
    }

    @Test
    void validHdRec709CplIsCleanAgainstHdSdrOrderAt23976() {
        DeliveryOrder order = DeliveryOrder.of(Resolution.HD, DynamicRange.SDR, "en-US")
                .withAllowedFrameRates(Set.of(Rational.of(24000, 1001)));

        InspectionReport report = inspector.inspectCompositionPlaylist(
                Samples.require("cpl-only/hd-rec709-valid.xml"), order);

        assertThat(report.findings()).isEmpty();
        assertThat(report.passed()).isTrue();
    }

    @Test
    void colourErrorCplReportsItsUnknownColourLabels() {
        Path cpl = Samples.require("cpl-only/hd-rec709-color-error.xml");

        InspectionReport structural = inspector.inspectCompositionPlaylist(cpl, null);
        InspectionReport ordered = inspector.inspectCompositionPlaylist(cpl,
                DeliveryOrder.of(Resolution.HD, DynamicRange.SDR, "en-US"));

        for (InspectionReport report : new InspectionReport[] {structural, ordered}) {
            assertThat(report.findings()).extracting(Finding::code).containsExactlyInAnyOrder(
                    COLOR_PRIMARIES_UNKNOWN, TRANSFER_CHARACTERISTIC_UNKNOWN, CODING_EQUATIONS_UNKNOWN);
        }
        assertThat(structural.findings(COLOR_PRIMARIES_UNKNOWN).get(0).message())
                .contains("urn:smpte:ul:06.0e.2b.34.04.01.01.06.04.01.01.01.03.03.00.01");
    }

    @Test
    void colourspaceErrorCplReportsItsBrokenDescriptor() {
        InspectionReport report = inspector.inspectCompositionPlaylist(
                Samples.require("cpl-only/hd-rec709-colorspace-error.xml"),
                DeliveryOrder.of(Resolution.HD, DynamicRange.SDR, "en-US"));

        assertThat(report.findings()).extracting(Finding::code).containsExactly(PICTURE_DESCRIPTOR_UNRECOGNIZED);
        assertThat(report.findings().get(0).message()).contains("CDCIDescriptorError");
    }

    @Test
    void validCplNamesItsColourInMismatchesAgainstAnHdr10Order() {
        InspectionReport report = inspector.inspectCompositionPlaylist(
                Samples.require("cpl-only/hd-rec709-valid.xml"),
                DeliveryOrder.of(Resolution.HD, DynamicRange.HDR10, "en-US"));

        assertThat(report.findings(COLOR_PRIMARIES_MISMATCH).get(0).message())
                .contains("ITU-R BT.709", "ITU-R BT.2020");
        assertThat(report.findings(TRANSFER_CHARACTERISTIC_MISMATCH).get(0).message())
                .contains("SMPTE ST 2084 (PQ)");
        assertThat(report.has(MASTERING_DISPLAY_METADATA_MISSING)).isTrue();
    }
}
