package io.reelflow.inspection;

import static io.reelflow.inspection.FindingCode.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.reelflow.inspection.DeliveryOrder.DynamicRange;
import io.reelflow.inspection.DeliveryOrder.Resolution;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Negative packages made from a copy of the complete HD sample, each broken in one way. */
class TamperedImfPackageTest {

    static final String CPL = "CPL_67be5fc8-87f1-4172-8d52-819ca14c7a20.xml";
    static final String CPL_ID = "urn:uuid:67be5fc8-87f1-4172-8d52-819ca14c7a20";
    static final String VIDEO = "VIDEO_6ed567b7-c030-46d6-9c1c-0f09bab4b962.mxf";
    static final String AUDIO = "AUDIO_b285d8f3-0294-4207-8ea8-4f0b72314213.mxf";

    /** The sample's own picture (59.94, stereo) is accepted so that only the tampering shows. */
    static final DeliveryOrder ORDER_MATCHING_THE_SAMPLE = DeliveryOrder.of(Resolution.HD, DynamicRange.SDR, "en")
            .withAllowedFrameRates(Set.of(Rational.of(60000, 1001))).withMinimumAudioChannels(2);

    @TempDir
    Path temp;
    Path pkg;
    final ImfPackageInspector inspector = new ImfPackageInspector(2, HashProgressListener.NONE);

    @BeforeEach
    void copySample() throws IOException {
        pkg = Samples.copyPackage("complete-hd-htj2k", temp);
    }

    @Test
    void theUntouchedCopyIsClean() {
        assertThat(inspector.inspect(pkg, ORDER_MATCHING_THE_SAMPLE).findings()).isEmpty();
    }

    @Test
    void oneChangedByteIsAHashError() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(pkg.resolve(VIDEO).toFile(), "rw")) {
            f.seek(1_000_000);
            int b = f.read();
            f.seek(1_000_000);
            f.write(b ^ 0x01);
        }

        InspectionReport report = inspector.inspect(pkg);

        assertThat(report.findings()).extracting(Finding::code).containsExactly(ASSET_HASH_MISMATCH);
        assertThat(report.findings().get(0).file()).isEqualTo(VIDEO);
        assertThat(report.findings().get(0).message()).contains("cpQ/yEUY5vdyL3mNdTH7xfB+cdg=");
        assertThat(report.passed()).isFalse();
    }

    @Test
    void aTruncatedFileIsASizeErrorAndIsNotHashed() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(pkg.resolve(AUDIO).toFile(), "rw")) {
            f.setLength(f.length() - 100);
        }

        InspectionReport report = inspector.inspect(pkg);

        assertThat(report.findings()).extracting(Finding::code).containsExactly(ASSET_SIZE_MISMATCH);
        assertThat(report.findings().get(0).message()).contains("651108", "651208");
    }

    @ParameterizedTest(name = "audio of {0} samples is {1}")
    @CsvSource({"60000, shorter", "64063, shorter", "64065, longer", "70000, longer"})
    void anAudioTrackOfAnotherLengthThanThePictureIsASyncError(long samples, String direction) throws IOException {
        Path cpl = pkg.resolve(CPL);
        String xml = Files.readString(cpl);
        xml = xml.replace("<IntrinsicDuration>64064</IntrinsicDuration>",
                        "<IntrinsicDuration>" + Math.max(samples, 64064) + "</IntrinsicDuration>")
                .replace("<SourceDuration>64064</SourceDuration>", "<SourceDuration>" + samples + "</SourceDuration>");
        Files.writeString(cpl, xml);
        Samples.repack(pkg, CPL, CPL_ID);

        InspectionReport report = inspector.inspect(pkg);

        // a longer IntrinsicDuration than the track file holds (64064 samples) is also caught against its header
        if (samples > 64064) {
            assertThat(report.findings()).extracting(Finding::code)
                    .containsExactly(TRACK_DURATION_MISMATCH, FindingCode.TRACK_FILE_DURATION_MISMATCH);
        } else {
            assertThat(report.findings()).extracting(Finding::code).containsExactly(TRACK_DURATION_MISMATCH);
        }
        assertThat(report.findings().get(0).message()).contains("MainAudioSequence", direction, "1.334667 s");
    }

    @Test
    void aRec709PictureIsAColourErrorForAnHdr10Order() {
        DeliveryOrder hdr10 = new DeliveryOrder(Resolution.HD, DynamicRange.HDR10,
                Set.of(Rational.of(60000, 1001)), false, "en", 2);

        InspectionReport report = inspector.inspect(pkg, hdr10);

        assertThat(report.findings()).extracting(Finding::code).containsExactlyInAnyOrder(COLOR_PRIMARIES_MISMATCH,
                TRANSFER_CHARACTERISTIC_MISMATCH, MASTERING_DISPLAY_METADATA_MISSING);
        assertThat(report.findings(COLOR_PRIMARIES_MISMATCH).get(0).message())
                .isEqualTo("ColorPrimaries is ITU-R BT.709; the HDR10 order requires ITU-R BT.2020 or P3-D65");
    }

    @Test
    void aRec2020PqCplOverARec709TrackFileIsCaughtAgainstTheFilesOwnHeader() throws IOException {
        Path cpl = pkg.resolve(CPL);
        String xml = Files.readString(cpl)
                .replace("urn:smpte:ul:060e2b34.04010101.04010101.01020000", "urn:smpte:ul:060e2b34.0401010d.04010101.010a0000")
                .replace("urn:smpte:ul:060e2b34.04010106.04010101.03030000", "urn:smpte:ul:060e2b34.0401010d.04010101.03040000")
                .replace("<r1:EssenceLength>80</r1:EssenceLength>", """
                        <r1:EssenceLength>80</r1:EssenceLength>
                        <r1:MasteringDisplayPrimaries>8500 39850 6550 2300 35400 14600</r1:MasteringDisplayPrimaries>
                        <r1:MasteringDisplayWhitePointChromaticity>15635 16450</r1:MasteringDisplayWhitePointChromaticity>
                        <r1:MasteringDisplayMaximumLuminance>10000000</r1:MasteringDisplayMaximumLuminance>
                        <r1:MasteringDisplayMinimumLuminance>50</r1:MasteringDisplayMinimumLuminance>""");
        Files.writeString(cpl, xml);
        Samples.repack(pkg, CPL, CPL_ID);

        InspectionReport report = inspector.inspect(pkg, new DeliveryOrder(Resolution.HD, DynamicRange.HDR10,
                Set.of(Rational.of(60000, 1001)), false, "en", 2));

        // the CPL now passes the HDR10 order, but the picture track file is still BT.709: the CPL lies about it
        assertThat(report.findings()).extracting(Finding::code)
                .containsExactly(FindingCode.ESSENCE_DESCRIPTOR_MISMATCH);
        assertThat(report.findings().get(0).message()).contains("ColorPrimaries ITU-R BT.2020 in the CPL, "
                + "ITU-R BT.709 in the file", "SMPTE ST 2084 (PQ) in the CPL, ITU-R BT.709 in the file");
    }

    @Test
    void aStrayFileIsOnlyAWarning() throws IOException {
        Files.writeString(pkg.resolve("notes from the post house.txt"), "final v3");

        InspectionReport report = inspector.inspect(pkg);

        assertThat(report.findings()).extracting(Finding::code, Finding::severity)
                .containsExactly(tuple(UNREFERENCED_FILE, Severity.WARNING));
        assertThat(report.passed()).isTrue();
    }

    @Test
    void aMissingAssetMapIsAnErrorButTheCplIsStillInspected() throws IOException {
        Files.delete(pkg.resolve("ASSETMAP.xml"));
        Path cpl = pkg.resolve(CPL);
        Files.writeString(cpl, Files.readString(cpl).replace("<SourceDuration>64064</SourceDuration>",
                "<SourceDuration>64000</SourceDuration>"));

        InspectionReport report = inspector.inspect(pkg);

        assertThat(report.findings()).extracting(Finding::code)
                .containsExactlyInAnyOrder(ASSETMAP_MISSING, TRACK_DURATION_MISMATCH);
        assertThat(report.passed()).isFalse();
    }

    @Test
    void aMissingTrackFileIsReported() throws IOException {
        Files.delete(pkg.resolve(AUDIO));

        InspectionReport report = inspector.inspect(pkg);

        assertThat(report.findings()).extracting(Finding::code, Finding::file)
                .containsExactly(tuple(ASSET_FILE_MISSING, AUDIO));
    }

    @Test
    void aTrackFileThatThePackingListDoesNotKnowIsReported() throws IOException {
        Path cpl = pkg.resolve(CPL);
        Files.writeString(cpl, Files.readString(cpl).replace(
                "<TrackFileId>urn:uuid:b285d8f3-0294-4207-8ea8-4f0b72314213</TrackFileId>",
                "<TrackFileId>urn:uuid:00000000-0294-4207-8ea8-4f0b72314213</TrackFileId>"));
        Samples.repack(pkg, CPL, CPL_ID);

        assertThat(inspector.inspect(pkg).findings()).extracting(Finding::code)
                .containsExactly(TRACK_FILE_NOT_IN_PKL);
    }

    @Test
    void anAssetMapPathLeavingThePackageIsRefused() throws IOException {
        Files.writeString(temp.resolve("outside.mxf"), "not yours");
        Path am = pkg.resolve("ASSETMAP.xml");
        Files.writeString(am, Files.readString(am).replace("<Path>" + AUDIO + "</Path>", "<Path>../outside.mxf</Path>"));

        InspectionReport report = inspector.inspect(pkg);

        assertThat(report.findings()).extracting(Finding::code)
                .containsExactlyInAnyOrder(ASSET_PATH_INVALID, UNREFERENCED_FILE);
    }

    @Test
    void aPackingListWithAnExternalEntityIsRefusedUnread() throws IOException {
        Path pkl = pkg.resolve("PKL_52f61ec0-1517-49b7-a8e2-941c0200c69a.xml");
        Files.writeString(pkl, Files.readString(pkl).replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>")
                .replace("<AnnotationText>Untitled Project</AnnotationText>", "<AnnotationText>&x;</AnnotationText>"));

        InspectionReport report = inspector.inspect(pkg);

        assertThat(report.findings()).extracting(Finding::code).contains(XML_DOCTYPE_FORBIDDEN);
        assertThat(report.toJson()).doesNotContain("root:");
    }

    @Test
    void aMalformedCplIsReported() throws IOException {
        Path cpl = pkg.resolve(CPL);
        Files.writeString(cpl, Files.readString(cpl).replace("</SegmentList>", ""));
        Samples.repack(pkg, CPL, CPL_ID);

        InspectionReport report = inspector.inspect(pkg);

        assertThat(report.findings()).extracting(Finding::code).containsExactlyInAnyOrder(XML_MALFORMED, CPL_MISSING);
        assertThat(report.findings(XML_MALFORMED).get(0).message()).contains("line");
    }

    @Test
    void hashingReportsProgressUpToTheTotal() {
        List<long[]> calls = new ArrayList<>();
        new ImfPackageInspector(3, (done, total) -> calls.add(new long[] {done, total})).inspect(pkg);

        long expectedTotal = 3651582L + 651208L + 13275L;
        assertThat(calls).isNotEmpty();
        assertThat(calls.get(calls.size() - 1)).containsExactly(expectedTotal, expectedTotal);
        for (int i = 1; i < calls.size(); i++) {
            assertThat(calls.get(i)[0]).isGreaterThan(calls.get(i - 1)[0]);
        }
    }
}
