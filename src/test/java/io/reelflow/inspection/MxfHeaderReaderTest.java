package io.reelflow.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MXF header reader on the real track files of the shared samples, and on hostile variants of them. */
class MxfHeaderReaderTest {

    @TempDir
    Path tmp;

    static Path htj2kVideo() {
        return Samples.require("complete-hd-htj2k/VIDEO_6ed567b7-c030-46d6-9c1c-0f09bab4b962.mxf");
    }

    @Test
    void readsTheHtj2kPictureDescriptor() {
        MxfHeaderReader.MxfTrackFile f = MxfHeaderReader.read(htj2kVideo(), "VIDEO.mxf");

        assertThat(f.problems()).isEmpty();
        MxfEssence e = MxfEssence.of(f.descriptor());
        assertThat(e.kind()).isEqualTo("RGBADescriptor");
        assertThat(e.sampleRate()).isEqualTo(Rational.of(60000, 1001));
        assertThat(e.containerDuration()).isEqualTo(80L);
        MxfEssence.Picture p = e.picture();
        assertThat(p.storedWidth()).isEqualTo(1920L);
        assertThat(p.storedHeight()).isEqualTo(1080L);
        assertThat(p.displayWidth()).isEqualTo(1920L);
        assertThat(p.frameLayout()).isEqualTo(0L);
        assertThat(p.progressive()).isTrue();
        assertThat(p.colorPrimaries().lookup()).contains(SmpteUl.Named.PRIMARIES_BT709);
        assertThat(p.transferCharacteristic().lookup()).contains(SmpteUl.Named.TRANSFER_BT709);
        assertThat(p.codingEquations().lookup()).contains(SmpteUl.Named.CODING_BT709);
        assertThat(p.componentDepth()).isEqualTo(12);
        assertThat(p.rgb()).isTrue();
        assertThat(p.jpeg2000()).isTrue();
        assertThat(p.rsiz()).isEqualTo(0x4000);
        assertThat(p.htj2k()).isTrue();
        assertThat(f.bytesRead()).isLessThan(512 * 1024);
    }

    @Test
    void readsStereoSoundWithMcaLabels() {
        MxfHeaderReader.MxfTrackFile f = MxfHeaderReader.read(
                Samples.require("complete-hd-htj2k/AUDIO_b285d8f3-0294-4207-8ea8-4f0b72314213.mxf"), "AUDIO.mxf");

        assertThat(f.problems()).isEmpty();
        MxfEssence.Sound s = MxfEssence.of(f.descriptor()).sound();
        assertThat(s.audioSampleRate()).isEqualTo(Rational.of(48000));
        assertThat(s.channelCount()).isEqualTo(2L);
        assertThat(s.quantizationBits()).isEqualTo(24L);
        assertThat(s.soundfieldGroups()).extracting(MxfEssence.McaLabel::symbol).containsExactly("sgST");
        assertThat(s.channels()).extracting(MxfEssence.McaLabel::symbol).containsExactly("chL", "chR");
        assertThat(s.channels()).extracting(MxfEssence.McaLabel::group).containsOnly("sgST");
        assertThat(s.languages()).containsExactly("en");
    }

    @Test
    void readsGerman51AndTheAcesPicture() {
        MxfEssence.Sound s = MxfEssence.of(MxfHeaderReader.read(
                Samples.require("complete-app5-aces/WAV_060fe563-18d5-48d4-9148-1bfba4262ae2.mxf"), "WAV.mxf")
                .descriptor()).sound();
        assertThat(s.channelCount()).isEqualTo(6L);
        assertThat(s.channels()).extracting(MxfEssence.McaLabel::symbol)
                .containsExactly("chL", "chR", "chC", "chLFE", "chLs", "chRs");
        assertThat(s.soundfieldGroups()).extracting(MxfEssence.McaLabel::symbol).containsExactly("sg51");
        assertThat(s.languages()).containsExactly("de-DE");

        MxfEssence.Picture p = MxfEssence.of(MxfHeaderReader.read(
                Samples.require("complete-app5-aces/reel1.mxf"), "reel1.mxf").descriptor()).picture();
        assertThat(p.storedWidth()).isEqualTo(240L);
        assertThat(p.storedHeight()).isEqualTo(135L);
        assertThat(p.colorPrimaries().lookup()).contains(SmpteUl.Named.PRIMARIES_ACES);
        assertThat(p.jpeg2000()).isFalse();
    }

    @Test
    void readsTimedText() {
        MxfEssence e = MxfEssence.of(MxfHeaderReader.read(
                Samples.require("broken-missing-assets/Plugfest_IMSC_text_IMP1_01_en_tt.mxf"), "tt.mxf").descriptor());
        assertThat(e.kind()).isEqualTo("TimedTextDescriptor");
        assertThat(e.timedText().namespaceUri()).startsWith("http://www.w3.org/ns/ttml");
        assertThat(e.timedText().languages()).isEqualTo("en");
    }

    @Test
    void aKagFillAfterThePartitionPackIsSkippedWhetherOrNotHeaderByteCountCountsIt() throws IOException {
        byte[] b = Files.readAllBytes(htj2kVideo());
        // insert a 512-byte KLV fill between the partition pack (ends at 20 + 0x68) and the primer pack,
        // HeaderByteCount unchanged: the fill is not counted, as some writers do
        int packEnd = 20 + 0x68;
        ByteBuffer fill = ByteBuffer.allocate(512).put(HexFormat.of().parseHex("060e2b34010101020301021001000000"))
                .put(new byte[] {(byte) 0x83, 0, 0x01, (byte) 0xec});
        byte[] withFill = new byte[b.length + 512];
        System.arraycopy(b, 0, withFill, 0, packEnd);
        System.arraycopy(fill.array(), 0, withFill, packEnd, 512);
        System.arraycopy(b, packEnd, withFill, packEnd + 512, b.length - packEnd);

        MxfHeaderReader.MxfTrackFile f = MxfHeaderReader.read(write("kag.mxf", withFill), "kag.mxf");

        assertThat(f.problems()).isEmpty();
        assertThat(MxfEssence.of(f.descriptor()).picture().storedWidth()).isEqualTo(1920L);
    }

    // --- hostile files: a finding with its code, never an exception

    @Test
    void aDolbyVisionPhdrSubDescriptorIsReadFromTheHeaderAndPrivateSetsDoNotEndIt() throws IOException {
        SyntheticMxf.Set picture = SyntheticMxf.picture("RGBADescriptor", 3840, 2160, Rational.of(24), 10,
                SyntheticPackage.BT2020_PRIMARIES, SyntheticPackage.PQ_TRANSFER);
        // a private set of another organisation, then the PHDR set, both before the descriptor and not listed by it
        SyntheticMxf.Set foreign = new SyntheticMxf.Set("060e2b34025301010e0f0101010101ff", 5).u32("StoredWidth", 1);
        Path file = tmp.resolve("dv.mxf");
        Files.write(file, SyntheticMxf.write(picture, 1024, foreign, SyntheticMxf.phdr()));

        MxfHeaderReader.MxfTrackFile read = MxfHeaderReader.read(file, "dv.mxf");

        assertThat(read.problems()).isEmpty();
        assertThat(read.descriptor().kind()).isEqualTo("RGBADescriptor");
        MxfEssence essence = MxfEssence.of(read.descriptor());
        assertThat(essence.picture().storedWidth()).isEqualTo(3840L);
        assertThat(essence.picture().dolbyVisionMetadata()).isTrue();

        Files.write(file, SyntheticMxf.write(picture, 1024, foreign));
        assertThat(MxfEssence.of(MxfHeaderReader.read(file, "dv.mxf").descriptor()).picture().dolbyVisionMetadata())
                .isFalse();
    }

    @Test
    void emptyAndForeignFilesAreNotMxf() throws IOException {
        assertThat(codeOf(write("empty.mxf", new byte[0]))).isEqualTo(FindingCode.MXF_NOT_MXF);
        assertThat(codeOf(write("text.mxf", "hello, this is not MXF at all".getBytes()))).isEqualTo(FindingCode.MXF_NOT_MXF);
        byte[] zeros = new byte[200_000];
        assertThat(codeOf(write("zeros.mxf", zeros))).isEqualTo(FindingCode.MXF_NOT_MXF);
    }

    @Test
    void truncationAnywhereInTheHeaderIsAFinding() throws IOException {
        byte[] whole = Files.readAllBytes(htj2kVideo());
        for (int cut : new int[] {10, 17, 20, 100, 140, 600, 2_000, 10_000, 100_000}) {
            byte[] part = Arrays.copyOf(whole, cut);
            MxfHeaderReader.MxfTrackFile f = MxfHeaderReader.read(write("cut" + cut + ".mxf", part), "cut.mxf");
            assertThat(f.descriptor()).as("cut at %d", cut).isNull();
            assertThat(f.problems()).as("cut at %d", cut).isNotEmpty();
            assertThat(f.problems().get(0).code()).as("cut at %d", cut)
                    .isIn(FindingCode.MXF_NOT_MXF, FindingCode.MXF_HEADER_TRUNCATED, FindingCode.MXF_HEADER_CORRUPT);
        }
    }

    @Test
    void hugeHeaderByteCountIsRefusedUnread() throws IOException {
        byte[] b = Files.readAllBytes(htj2kVideo());
        // partition pack value starts at 20 (16 key + 4 BER bytes 83 00 00 68); HeaderByteCount at +32
        ByteBuffer.wrap(b).putLong(20 + 32, 1L << 40);
        assertThat(codeOf(write("huge.mxf", b))).isEqualTo(FindingCode.MXF_HEADER_TOO_LARGE);
        ByteBuffer.wrap(b).putLong(20 + 32, -1L);
        assertThat(codeOf(write("negative.mxf", b))).isEqualTo(FindingCode.MXF_HEADER_TOO_LARGE);
    }

    @Test
    void hugeLengthsInsideTheHeaderAreFindings() throws IOException {
        byte[] b = Files.readAllBytes(htj2kVideo());
        int primer = indexOf(b, HexFormat.of().parseHex("060e2b34020501010d01020101050100"));
        assertThat(primer).isPositive();
        byte[] longBer = b.clone();
        // the primer's BER length (83 00 06 02) claims 16 MiB
        longBer[primer + 16] = (byte) 0x83;
        longBer[primer + 17] = (byte) 0xff;
        assertThat(codeOf(write("longber.mxf", longBer))).isEqualTo(FindingCode.MXF_HEADER_TRUNCATED);
        byte[] nineBytes = b.clone();
        nineBytes[primer + 16] = (byte) 0x89;
        assertThat(codeOf(write("ber9.mxf", nineBytes))).isEqualTo(FindingCode.MXF_HEADER_TRUNCATED);
        byte[] primerCount = b.clone();
        ByteBuffer.wrap(primerCount).putInt(primer + 20, 0x7fffffff);
        assertThat(codeOf(write("primer.mxf", primerCount))).isEqualTo(FindingCode.MXF_HEADER_CORRUPT);
    }

    @Test
    void aSubDescriptorLoopIsNotFollowedForever() throws IOException {
        byte[] b = Files.readAllBytes(htj2kVideo());
        // make the J2K sub-descriptor's InstanceUID equal the RGBA descriptor's: the descriptor then refers to itself
        int rgba = indexOf(b, HexFormat.of().parseHex("060e2b34025301010d01010101012900"));
        int j2k = indexOf(b, HexFormat.of().parseHex("060e2b34025301010d01010101015a00"));
        byte[] rgbaUid = uidOf(b, rgba);
        int j2kUidAt = uidAt(b, j2k);
        int subRefAt = indexOf(b, uidOf(b, j2k), rgba);
        System.arraycopy(rgbaUid, 0, b, subRefAt, 16);
        assertThat(j2kUidAt).isPositive();
        MxfHeaderReader.MxfTrackFile f = MxfHeaderReader.read(write("loop.mxf", b), "loop.mxf");
        assertThat(f.problems()).extracting(MxfHeaderReader.Problem::code).contains(FindingCode.MXF_HEADER_CORRUPT);
    }

    @Test
    void randomDamageNeverThrows() throws IOException {
        byte[] whole = Arrays.copyOf(Files.readAllBytes(htj2kVideo()), 300_000);
        java.util.Random random = new java.util.Random(15);
        for (int i = 0; i < 300; i++) {
            byte[] b = whole.clone();
            for (int j = 0; j < 1 + random.nextInt(8); j++) {
                b[20 + random.nextInt(0x3ff84)] = (byte) random.nextInt(256);
            }
            Path p = write("random.mxf", b);
            MxfHeaderReader.MxfTrackFile f = MxfHeaderReader.read(p, "random.mxf");
            if (f.descriptor() != null) {
                MxfEssence.of(f.descriptor()); // the typed view never throws either
            }
        }
    }

    private FindingCode codeOf(Path p) {
        MxfHeaderReader.MxfTrackFile f = MxfHeaderReader.read(p, p.getFileName().toString());
        assertThat(f.descriptor()).isNull();
        assertThat(f.problems()).hasSize(1);
        return f.problems().get(0).code();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(tmp.resolve(name), content);
    }

    static int indexOf(byte[] hay, byte[] needle) {
        return indexOf(hay, needle, 0);
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Offset of the InstanceUID value (local tag 3c0a) in the set at {@code setAt}. */
    static int uidAt(byte[] b, int setAt) {
        int i = indexOf(b, new byte[] {0x3c, 0x0a, 0x00, 0x10}, setAt);
        return i + 4;
    }

    static byte[] uidOf(byte[] b, int setAt) {
        int at = uidAt(b, setAt);
        return Arrays.copyOfRange(b, at, at + 16);
    }
}
