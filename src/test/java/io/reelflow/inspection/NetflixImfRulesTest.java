package io.reelflow.inspection;

import static io.reelflow.inspection.FindingCode.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.inspection.DeliveryOrder.DynamicRange;
import io.reelflow.inspection.DeliveryOrder.Resolution;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Valid material Netflix accepts must not be refused, and App 2E faults must get their own finding, on packages
 * whose track files carry real MXF headers (built by {@link SyntheticPackage} and {@link SyntheticMxf}).
 */
class NetflixImfRulesTest {

    static final String P3_D65 = "urn:smpte:ul:060e2b34.0401010d.04010101.03060000";

    @TempDir
    java.nio.file.Path temp;

    private final ImfPackageInspector inspector = new ImfPackageInspector(1, null);

    InspectionReport inspect(Consumer<SyntheticPackage> setup, DeliveryOrder order) throws IOException {
        SyntheticPackage p = new SyntheticPackage();
        setup.accept(p);
        return inspector.inspect(p.writeTo(temp.resolve("pkg")), order);
    }

    @Test
    void p3D65WithPqPassesHdr10AndDolbyVisionOrders() throws IOException {
        Consumer<SyntheticPackage> p3 = p -> {
            p.hdr10(3840, 2160);
            p.primaries = P3_D65;
        };
        assertThat(inspect(p3, DeliveryOrder.of(Resolution.UHD, DynamicRange.HDR10, "en")).findings()).isEmpty();
        assertThat(inspect(p3, DeliveryOrder.of(Resolution.UHD, DynamicRange.DOLBY_VISION, "en")).findings())
                .extracting(Finding::code).containsExactly(DOLBY_VISION_METADATA_MISSING);
    }

    @Test
    void dolbyVisionMetadataInAPhdrSubDescriptorIsNotMissing() throws IOException {
        InspectionReport report = inspect(p -> {
            p.hdr10(3840, 2160);
            p.pictureExtra += SyntheticPackage.PHDR_IN_CPL;
            p.phdrInFile = "listed";
        }, DeliveryOrder.of(Resolution.UHD, DynamicRange.DOLBY_VISION, "en"));

        assertThat(report.findings()).isEmpty();
    }

    @Test
    void dolbyVisionIsRecognisedFromThePictureTrackFileItself() throws IOException {
        // the CPL says nothing of PHDR; the track file's header carries the sub-descriptor, listed or loose
        for (String where : List.of("listed", "loose")) {
            InspectionReport report = inspect(p -> {
                p.hdr10(3840, 2160);
                p.phdrInFile = where;
            }, DeliveryOrder.of(Resolution.UHD, DynamicRange.DOLBY_VISION, "en"));

            assertThat(report.findings()).as(where).isEmpty();
        }
    }

    @Test
    void aPhdrSubDescriptorOnlyInTheCplIsNotTakenAtItsWordWhenTheFileIsAtHand() throws IOException {
        InspectionReport report = inspect(p -> {
            p.hdr10(3840, 2160);
            p.pictureExtra += SyntheticPackage.PHDR_IN_CPL;
        }, DeliveryOrder.of(Resolution.UHD, DynamicRange.DOLBY_VISION, "en"));

        assertThat(report.findings()).extracting(Finding::code).containsExactly(DOLBY_VISION_METADATA_MISSING);
        assertThat(report.findings().get(0).file()).isEqualTo("video.mxf");
        assertThat(report.findings().get(0).message()).contains("the header of track file video.mxf carries no "
                + "PHDRMetadataTrackSubDescriptor, although the CPL's picture descriptor announces one");
    }

    @Test
    void anAtmosOnlyCompositionPassesAnAtmosOrder() throws IOException {
        InspectionReport report = inspect(p -> {
            p.iab = true;
            p.mainAudio = false;
        }, DeliveryOrder.of(Resolution.HD, DynamicRange.SDR, "en").withAtmosRequired(true));

        assertThat(report.findings()).isEmpty();
    }

    @Test
    void atmosWithTwoFivePointOneTracksInOneLanguageIsALayoutError() throws IOException {
        InspectionReport report = inspect(p -> {
            p.iab = true;
            p.extraSequences = """
                    <cc:MainAudioSequence><Id>urn:uuid:b0000000-0000-4000-8000-0000000000b2</Id><TrackId>urn:uuid:e0000000-0000-4000-8000-0000000000a2</TrackId><ResourceList>
                      <Resource xsi:type="TrackFileResourceType"><Id>urn:uuid:f2000000-0000-4000-8000-0000000000b2</Id><EditRate>48000 1</EditRate>
                        <IntrinsicDuration>480480</IntrinsicDuration><EntryPoint>0</EntryPoint><SourceDuration>480480</SourceDuration>
                        <SourceEncoding>urn:uuid:d0000000-0000-4000-8000-000000000002</SourceEncoding><TrackFileId>%s</TrackFileId></Resource>
                    </ResourceList></cc:MainAudioSequence>""".formatted(SyntheticPackage.AUDIO_ID);
        }, DeliveryOrder.of(Resolution.HD, DynamicRange.SDR, "en").withAtmosRequired(true));

        assertThat(report.findings()).extracting(Finding::code).containsExactly(AUDIO_LAYOUT_NOT_ALLOWED);
        assertThat(report.findings().get(0).message()).contains("2 5.1 tracks in en");
    }

    @Test
    void anInterlacedPictureGetsItsOwnFindingNotAnEditRateOne() throws IOException {
        InspectionReport report = inspect(p -> {
            p.pictureSampleRate = "48000/1001"; // field rate of 23.976 interlaced
            p.pictureExtra = "<r1:FrameLayout>SeparateFields</r1:FrameLayout>";
            p.frameLayout = MxfEssence.SEPARATE_FIELDS;
        }, DeliveryOrder.of(Resolution.HD, DynamicRange.SDR, "en"));

        assertThat(report.findings()).extracting(Finding::code).containsExactly(PICTURE_NOT_PROGRESSIVE);
        assertThat(report.findings().get(0).message()).contains("SeparateFields (interlaced)", "progressive");
    }

    @Test
    void aPictureThatChangesBetweenResourcesIsNotHomogeneous() throws IOException {
        SyntheticPackage p = new SyntheticPackage().segments(new long[] {120, 240_240}, new long[] {120, 240_240});
        java.nio.file.Path pkg = p.writeTo(temp.resolve("pkg"));
        java.nio.file.Path cpl = pkg.resolve("CPL.xml");
        String xml = java.nio.file.Files.readString(cpl);
        String video = xml.substring(xml.indexOf("<EssenceDescriptor><Id>urn:uuid:d0000000-0000-4000-8000-000000000001</Id>"),
                xml.indexOf("<EssenceDescriptor><Id>urn:uuid:d0000000-0000-4000-8000-000000000002</Id>"));
        xml = xml.replace("</EssenceDescriptorList>", video.replace("urn:uuid:d0000000-0000-4000-8000-000000000001", "urn:uuid:d0000000-0000-4000-8000-0000000000f2")
                        .replace("<r1:StoredWidth>1920<", "<r1:StoredWidth>2048<") + "</EssenceDescriptorList>")
                .replaceFirst("(<Id>urn:uuid:f1000000-0000-4000-8000-000000000001</Id>(?s:.*?))<SourceEncoding>urn:uuid:d0000000-0000-4000-8000-000000000001</SourceEncoding>",
                        "$1<SourceEncoding>urn:uuid:d0000000-0000-4000-8000-0000000000f2</SourceEncoding>");
        java.nio.file.Files.writeString(cpl, xml);
        Samples.repack(pkg, "CPL.xml", SyntheticPackage.CPL_ID);

        InspectionReport report = inspector.inspect(pkg, null);

        assertThat(report.findings()).extracting(Finding::code)
                .containsExactlyInAnyOrder(ESSENCE_NOT_HOMOGENEOUS, ESSENCE_DESCRIPTOR_MISMATCH);
        assertThat(report.findings(ESSENCE_NOT_HOMOGENEOUS).get(0).message()).contains("StoredWidth 1920 first, 2048 later");
    }
}
