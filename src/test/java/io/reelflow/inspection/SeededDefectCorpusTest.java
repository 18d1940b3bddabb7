package io.reelflow.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.inspection.DeliveryOrder.DynamicRange;
import io.reelflow.inspection.DeliveryOrder.Resolution;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Accuracy, measured: the real HTJ2K sample package copied under target/seeded-defects once per rule, each copy
 * with one defect seeded into its CPL, packing list, ASSETMAP or track file header (sizes and hashes repacked, so
 * only the defect is under test), and the valid packages beside them. Every defect must be caught with its own
 * code, and no valid package may get an ERROR. The table is written to target/seeded-defects/report.md and
 * printed; docs/inspection.md quotes it.
 */
class SeededDefectCorpusTest {

    static final Path ROOT = Path.of("target", "seeded-defects");
    static final String CPL = TamperedImfPackageTest.CPL;
    static final String CPL_ID = TamperedImfPackageTest.CPL_ID;
    static final String VIDEO = TamperedImfPackageTest.VIDEO;
    static final String AUDIO = TamperedImfPackageTest.AUDIO;
    static final String VIDEO_ID = "urn:uuid:6ed567b7-c030-46d6-9c1c-0f09bab4b962";
    static final String AUDIO_ID = "urn:uuid:b285d8f3-0294-4207-8ea8-4f0b72314213";
    static final String PKL = "PKL_52f61ec0-1517-49b7-a8e2-941c0200c69a.xml";
    static final DeliveryOrder ORDER = TamperedImfPackageTest.ORDER_MATCHING_THE_SAMPLE;
    static final DeliveryOrder HDR10 = new DeliveryOrder(Resolution.HD, DynamicRange.HDR10,
            Set.of(Rational.of(60000, 1001)), false, "en", 2);
    static final DeliveryOrder DOLBY_VISION = new DeliveryOrder(Resolution.HD, DynamicRange.DOLBY_VISION,
            Set.of(Rational.of(60000, 1001)), false, "en", 2);
    static final String P3 = "urn:smpte:ul:060e2b34.0401010d.04010101.03060000";
    static final String PQ = "urn:smpte:ul:060e2b34.0401010d.04010101.010a0000";
    static final String BT709_PRIMARIES_CPL = "urn:smpte:ul:060e2b34.04010106.04010101.03030000";
    static final String BT709_TRANSFER_CPL = "urn:smpte:ul:060e2b34.04010101.04010101.01020000";

    interface Mutation {
        void apply(Path pkg) throws IOException;
    }

    record Seed(String rule, FindingCode expected, DeliveryOrder order, Mutation mutation) {
    }

    static List<Seed> seeds() {
        List<Seed> s = new ArrayList<>();
        // track file headers
        s.add(new Seed("MXF header cut short", FindingCode.MXF_HEADER_TRUNCATED, ORDER,
                p -> mxf(p, VIDEO, VIDEO_ID, b -> Arrays.copyOf(b, 5_000))));
        s.add(new Seed("track file that is not MXF", FindingCode.MXF_NOT_MXF, ORDER,
                p -> mxf(p, AUDIO, AUDIO_ID, b -> "RIFF....WAVEfmt ".getBytes())));
        s.add(new Seed("primer pack damaged", FindingCode.MXF_HEADER_CORRUPT, ORDER,
                p -> mxf(p, VIDEO, VIDEO_ID, b -> patchAfter(b, "060e2b34020501010d01020101050100", 4,
                        new byte[] {0x7f, 0, 0, 0}))));
        s.add(new Seed("header byte count of a terabyte", FindingCode.MXF_HEADER_TOO_LARGE, ORDER,
                p -> mxf(p, VIDEO, VIDEO_ID, b -> {
                    ByteBuffer.wrap(b).putLong(20 + 32, 1L << 40);
                    return b;
                })));
        s.add(new Seed("file's StoredWidth differs from the CPL", FindingCode.ESSENCE_DESCRIPTOR_MISMATCH, ORDER,
                p -> mxf(p, VIDEO, VIDEO_ID, b -> patchLocal(b, "2900", "32030004", new byte[] {0, 0, 0x0f, 0}))));
        s.add(new Seed("CPL's ChannelCount differs from the file", FindingCode.ESSENCE_DESCRIPTOR_MISMATCH, ORDER,
                p -> cpl(p, x -> x.replace("<r1:ChannelCount>2<", "<r1:ChannelCount>6<"))));
        s.add(new Seed("resource longer than its track file", FindingCode.TRACK_FILE_DURATION_MISMATCH, ORDER,
                p -> cpl(p, x -> x.replace("<IntrinsicDuration>80<", "<IntrinsicDuration>96<"))));
        // App 2E
        s.add(new Seed("interlaced picture", FindingCode.PICTURE_NOT_PROGRESSIVE, ORDER, p -> {
            cpl(p, x -> x.replace(">FullFrame<", ">SeparateFields<"));
            mxf(p, VIDEO, VIDEO_ID, b -> patchLocal(b, "2900", "320c0001", new byte[] {1}));
        }));
        s.add(new Seed("JPEG 2000 IMF 8K profile", FindingCode.J2K_PROFILE_NOT_ALLOWED, ORDER, p -> {
            cpl(p, x -> x.replace("<r1:Rsiz>16384<", "<r1:Rsiz>1536<"));
            mxf(p, VIDEO, VIDEO_ID, b -> patchLocal(b, "5a00", "ffff0002", new byte[] {0x06, 0x00}));
        }));
        s.add(new Seed("HTJ2K in an App 2E 2016 composition", FindingCode.J2K_PROFILE_NOT_ALLOWED, ORDER,
                p -> cpl(p, x -> x.replace("http://www.smpte-ra.org/ns/2067-21/2021",
                        "http://www.smpte-ra.org/ns/2067-21/2016"))));
        s.add(new Seed("BT.709 primaries with PQ", FindingCode.COLOR_COMBINATION_NOT_ALLOWED, ORDER,
                p -> cpl(p, x -> x.replace(BT709_TRANSFER_CPL, PQ))));
        s.add(new Seed("16-bit BT.709 picture", FindingCode.COMPONENT_DEPTH_NOT_ALLOWED, ORDER,
                p -> cpl(p, x -> x.replace("<r2:ComponentSize>12<", "<r2:ComponentSize>16<"))));
        s.add(new Seed("picture wider than App 2E allows", FindingCode.RESOLUTION_NOT_ALLOWED, ORDER,
                p -> cpl(p, x -> x.replace("<r1:StoredWidth>1920<", "<r1:StoredWidth>5120<"))));
        s.add(new Seed("44.1 kHz audio", FindingCode.AUDIO_FORMAT_NOT_ALLOWED, ORDER,
                p -> cpl(p, x -> x.replace("<r1:AudioSampleRate>48000/1<", "<r1:AudioSampleRate>44100/1<"))));
        s.add(new Seed("channel labels that do not cover the channels", FindingCode.AUDIO_CHANNEL_LABELS_INVALID,
                ORDER, p -> cpl(p, x -> x.replace("<r1:ChannelCount>2<", "<r1:ChannelCount>3<"))));
        s.add(new Seed("no ApplicationIdentification", FindingCode.APPLICATION_ID_MISSING, ORDER,
                p -> cpl(p, x -> x.replaceAll("<ApplicationIdentification[^>]*>[^<]*</ApplicationIdentification>",
                        ""))));
        s.add(new Seed("unknown ApplicationIdentification", FindingCode.APPLICATION_ID_UNSUPPORTED, ORDER,
                p -> cpl(p, x -> x.replace("http://www.smpte-ra.org/ns/2067-21/2021", "http://example.com/app"))));
        // core constraints on audio (ST 2067-2:2020, the sample's revision)
        s.add(new Seed("core constraints: ChannelAssignment not ST 377-4 MCA", FindingCode.AUDIO_CHANNEL_ASSIGNMENT_INVALID,
                ORDER, p -> cpl(p, x -> x.replaceFirst("<r1:ChannelAssignment>[^<]*</r1:ChannelAssignment>", ""))));
        s.add(new Seed("core constraints: frame-wrapped WAVE audio", FindingCode.AUDIO_NOT_CLIP_WRAPPED, ORDER,
                p -> cpl(p, x -> x.replace("060e2b34.04010101.0d010301.02060200", "060e2b34.04010101.0d010301.02060100"))));
        // order
        s.add(new Seed("BT.709 picture for an HDR10 order", FindingCode.COLOR_PRIMARIES_MISMATCH, HDR10, p -> {
        }));
        // identities and schemas
        s.add(new Seed("CPL Id differs from the ASSETMAP's", FindingCode.DOCUMENT_ID_MISMATCH, ORDER,
                p -> cpl(p, x -> x.replaceFirst("<Id>" + CPL_ID + "</Id>",
                        "<Id>urn:uuid:00000000-0000-4000-8000-000000000001</Id>"))));
        s.add(new Seed("PKL Id differs from the ASSETMAP's", FindingCode.DOCUMENT_ID_MISMATCH, ORDER,
                p -> edit(p.resolve(PKL), x -> x.replaceFirst("<Id>urn:uuid:52f61ec0",
                        "<Id>urn:uuid:62f61ec0"))));
        s.add(new Seed("CPL without Id", FindingCode.REQUIRED_ELEMENT_MISSING, ORDER,
                p -> cpl(p, x -> x.replaceFirst("<Id>" + CPL_ID + "</Id>", ""))));
        s.add(new Seed("PKL asset without HashAlgorithm", FindingCode.REQUIRED_ELEMENT_MISSING, ORDER,
                p -> edit(p.resolve(PKL), x -> x.replaceFirst(
                        "<HashAlgorithm Algorithm=\"http://www.w3.org/2000/09/xmldsig#sha1\"/>", ""))));
        s.add(new Seed("PKL Type text/xml for a track file", FindingCode.PKL_TYPE_MISMATCH, ORDER,
                p -> edit(p.resolve(PKL), x -> x.replaceFirst("<Type>application/mxf</Type>",
                        "<Type>text/xml</Type>"))));
        s.add(new Seed("VolumeCount 2", FindingCode.VOLUME_INDEX_INVALID, ORDER,
                p -> edit(p.resolve("ASSETMAP.xml"), x -> x.replace("<VolumeCount>1<", "<VolumeCount>2<"))));
        s.add(new Seed("XML schema break: a PKL asset without Size", FindingCode.REQUIRED_ELEMENT_MISSING, ORDER,
                p -> edit(p.resolve(PKL), x -> x.replaceFirst("<Size>[0-9]+</Size>", ""))));
        // Dolby Vision: PHDR metadata read from the picture track file's own header
        s.add(new Seed("Dolby Vision: PHDR announced by the CPL but absent from the track file",
                FindingCode.DOLBY_VISION_METADATA_MISSING, DOLBY_VISION, p -> {
            p3Pq(p);
            cpl(p, x -> x.replaceFirst("<r1:SubDescriptors>\\s*<r0:JPEG2000SubDescriptor>",
                    "<r1:SubDescriptors><r0:PHDRMetadataTrackSubDescriptor><r1:InstanceID>"
                            + "urn:uuid:99999999-9999-4999-8999-999999999999</r1:InstanceID>"
                            + "</r0:PHDRMetadataTrackSubDescriptor><r0:JPEG2000SubDescriptor>"));
        }));
        // SMPTE XML schemas (ST 429-9 ASSETMAP, ST 2067-2 PKL, ST 2067-3 CPL)
        s.add(new Seed("schema: CPL without Id", FindingCode.SCHEMA_ELEMENT_MISSING, ORDER,
                p -> cpl(p, x -> x.replaceFirst("<Id>" + CPL_ID + "</Id>", ""))));
        s.add(new Seed("schema: PKL asset without HashAlgorithm", FindingCode.SCHEMA_ELEMENT_MISSING, ORDER,
                p -> edit(p.resolve(PKL), x -> x.replaceFirst(
                        "<HashAlgorithm Algorithm=\"http://www.w3.org/2000/09/xmldsig#sha1\"/>", ""))));
        s.add(new Seed("schema: ASSETMAP without IssueDate", FindingCode.SCHEMA_ELEMENT_MISSING, ORDER,
                p -> edit(p.resolve("ASSETMAP.xml"), x -> x.replaceFirst("<IssueDate>[^<]*</IssueDate>", ""))));
        s.add(new Seed("schema: CPL IssueDate not a date", FindingCode.SCHEMA_VALUE_INVALID, ORDER,
                p -> cpl(p, x -> x.replaceFirst("<IssueDate>[^<]*</IssueDate>", "<IssueDate>30/09/2024</IssueDate>"))));
        s.add(new Seed("schema: element the CPL schema does not define", FindingCode.SCHEMA_ELEMENT_UNEXPECTED, ORDER,
                p -> cpl(p, x -> x.replaceFirst("</ContentTitle>", "</ContentTitle><Genre>drama</Genre>"))));
        s.add(new Seed("schema: HashAlgorithm without Algorithm", FindingCode.SCHEMA_ATTRIBUTE_INVALID, ORDER,
                p -> edit(p.resolve(PKL), x -> x.replaceFirst(
                        "<HashAlgorithm Algorithm=\"http://www.w3.org/2000/09/xmldsig#sha1\"/>", "<HashAlgorithm/>"))));
        // integrity (the existing checks, for the rate)
        s.add(new Seed("one byte of the audio changed", FindingCode.ASSET_HASH_MISMATCH, ORDER, p -> {
            byte[] b = Files.readAllBytes(p.resolve(AUDIO));
            b[b.length - 10] ^= 1;
            Files.write(p.resolve(AUDIO), b);
        }));
        return s;
    }

    /** Valid variants: none may get an ERROR. */
    record Valid(String name, String sample, DeliveryOrder order, Set<FindingCode> forbiddenWarnings,
                 Mutation mutation) {
        Valid(String name, String sample, DeliveryOrder order, Mutation mutation) {
            this(name, sample, order, Set.of(), mutation);
        }
    }

    static List<Valid> valids() {
        return List.of(
                new Valid("complete-hd-htj2k against its own order", "complete-hd-htj2k", ORDER, p -> {
                }),
                new Valid("complete-app5-aces, structure and integrity", "complete-app5-aces", null, p -> {
                }),
                new Valid("P3-D65 + PQ picture (COLOR.6) with mastering metadata for an HDR10 order",
                        "complete-hd-htj2k", HDR10, SeededDefectCorpusTest::p3Pq),
                new Valid("Dolby Vision: P3-D65 + PQ with a PHDR sub-descriptor only in the track file's header",
                        "complete-hd-htj2k", DOLBY_VISION, Set.of(FindingCode.DOLBY_VISION_METADATA_MISSING), p -> {
                    p3Pq(p);
                    mxf(p, VIDEO, VIDEO_ID, SeededDefectCorpusTest::phdrIntoFill);
                }));
    }

    /** The sample's picture made P3-D65 + PQ with ST 2086 mastering metadata, in the CPL and in the file. */
    static void p3Pq(Path p) throws IOException {
        cpl(p, x -> x.replace(BT709_PRIMARIES_CPL, P3).replace(BT709_TRANSFER_CPL, PQ)
                .replace("<r1:EssenceLength>80</r1:EssenceLength>", "<r1:EssenceLength>80</r1:EssenceLength>"
                        + SyntheticPackage.MASTERING));
        mxf(p, VIDEO, VIDEO_ID, b -> {
            b = patchLocal(b, "2900", "32190010", HexFormat.of().parseHex(P3.substring(13).replace(".", "")));
            return patchLocal(b, "2900", "32100010", HexFormat.of().parseHex(PQ.substring(13).replace(".", "")));
        });
    }

    /**
     * Writes Dolby's PHDR metadata track sub-descriptor (a private local set holding its InstanceUID) at the start
     * of the header's KLV fill, the rest of the fill shortened to match, so nothing else in the file moves.
     */
    static byte[] phdrIntoFill(byte[] b) {
        byte[] fillKey = HexFormat.of().parseHex("0301021001000000");
        int at = -1;
        for (int i = MxfHeaderReaderTest.indexOf(b, HexFormat.of().parseHex("060e2b34020501010d01020101050100"));
             i >= 0 && i + 24 < b.length; i++) {
            if (b[i] == 0x06 && b[i + 1] == 0x0e && b[i + 2] == 0x2b && b[i + 3] == 0x34 && b[i + 4] == 1
                    && Arrays.equals(b, i + 8, i + 16, fillKey, 0, 8) && (b[i + 16] & 0xff) == 0x83) {
                at = i;
                break;
            }
        }
        assertThat(at).as("a KLV fill in the header").isNotNegative();
        int fillLength = ((b[at + 17] & 0xff) << 16) | ((b[at + 18] & 0xff) << 8) | (b[at + 19] & 0xff);
        int total = 20 + fillLength;
        assertThat(total).isGreaterThan(80);
        ByteBuffer out = ByteBuffer.wrap(b, at, total);
        out.put(HexFormat.of().parseHex("060e2b34025301050e09060701010103")).put((byte) 0x83).put((byte) 0)
                .put((byte) 0).put((byte) 20).putShort((short) 0x3c0a).putShort((short) 16)
                .put(HexFormat.of().parseHex("9f3c2a1b4d5e6f708192a3b4c5d6e7f8"));
        int rest = total - 40 - 20;
        out.put(HexFormat.of().parseHex("060e2b34010101020301021001000000")).put((byte) 0x83)
                .put((byte) (rest >> 16)).put((byte) (rest >> 8)).put((byte) rest);
        return b;
    }

    @Test
    void everySeededDefectIsCaughtWithItsOwnCodeAndNoValidPackageGetsAnError() throws IOException {
        Samples.require("complete-hd-htj2k");
        deleteRecursively(ROOT);
        ImfPackageInspector inspector = new ImfPackageInspector(1, null);
        StringBuilder table = new StringBuilder("| seeded defect | expected code | caught | other codes |\n|---|---|---|---|\n");
        List<String> missed = new ArrayList<>();
        int i = 0;
        for (Seed seed : seeds()) {
            Path dir = ROOT.resolve(String.format("%02d", ++i));
            Files.createDirectories(dir);
            Path pkg = Samples.copyPackage("complete-hd-htj2k", dir);
            seed.mutation().apply(pkg);
            InspectionReport report = inspector.inspect(pkg, seed.order());
            Set<FindingCode> codes = report.findings().stream().filter(Finding::isError).map(Finding::code)
                    .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
            // the rule's own code at its own severity (DOLBY_VISION_METADATA_MISSING is a warning)
            boolean caught = report.findings().stream().anyMatch(f -> f.code() == seed.expected());
            if (!caught) {
                missed.add(seed.rule() + " → " + codes);
            }
            codes.remove(seed.expected());
            table.append("| ").append(seed.rule()).append(" | `").append(seed.expected()).append("` | ")
                    .append(caught ? "yes" : "**no**").append(" | ")
                    .append(codes.stream().map(c -> "`" + c + "`").collect(Collectors.joining(", "))).append(" |\n");
        }
        table.append("\n| valid package | errors |\n|---|---|\n");
        List<String> falseErrors = new ArrayList<>();
        for (Valid valid : valids()) {
            Path dir = ROOT.resolve(String.format("v%02d", ++i));
            Files.createDirectories(dir);
            Path pkg = Samples.copyPackage(valid.sample(), dir);
            valid.mutation().apply(pkg);
            List<Finding> errors = inspector.inspect(pkg, valid.order()).findings().stream()
                    .filter(f -> f.isError() || valid.forbiddenWarnings().contains(f.code())).toList();
            errors.forEach(e -> falseErrors.add(valid.name() + ": " + e));
            table.append("| ").append(valid.name()).append(" | ").append(errors.size()).append(" |\n");
        }
        int total = seeds().size();
        String summary = "Caught " + (total - missed.size()) + " of " + total + " seeded defects with their own code; "
                + falseErrors.size() + " false errors on " + valids().size() + " valid packages.";
        table.append('\n').append(summary).append('\n');
        Files.writeString(ROOT.resolve("report.md"), table);
        System.out.println(table);

        assertThat(missed).as(summary).isEmpty();
        assertThat(falseErrors).as(summary).isEmpty();
    }

    // --- mutation helpers

    interface Edit {
        String apply(String xml);
    }

    interface BytesEdit {
        byte[] apply(byte[] b);
    }

    static void cpl(Path pkg, Edit edit) throws IOException {
        edit(pkg.resolve(CPL), edit);
        Samples.repack(pkg, CPL, CPL_ID);
    }

    static void edit(Path file, Edit edit) throws IOException {
        String before = Files.readString(file);
        String after = edit.apply(before);
        assertThat(after).as("the mutation of " + file.getFileName() + " changed nothing").isNotEqualTo(before);
        Files.writeString(file, after);
    }

    static void mxf(Path pkg, String file, String id, BytesEdit edit) throws IOException {
        byte[] before = Files.readAllBytes(pkg.resolve(file));
        String oldHash = StreamingSha1.base64(pkg.resolve(file));
        byte[] after = edit.apply(before.clone());
        assertThat(after).as("the mutation of " + file + " changed nothing").isNotEqualTo(before);
        Files.write(pkg.resolve(file), after);
        Samples.repack(pkg, file, id);
        // the CPL names the track file's hash too: keep it true, so only the seeded defect shows
        String cpl = Files.readString(pkg.resolve(CPL));
        if (cpl.contains(oldHash)) {
            Files.writeString(pkg.resolve(CPL), cpl.replace(oldHash, StreamingSha1.base64(pkg.resolve(file))));
            Samples.repack(pkg, CPL, CPL_ID);
        }
    }

    /** Overwrites bytes at {@code offset} after the first occurrence of the key. */
    static byte[] patchAfter(byte[] b, String keyHex, int offset, byte[] value) {
        int at = MxfHeaderReaderTest.indexOf(b, HexFormat.of().parseHex(keyHex));
        assertThat(at).isNotNegative();
        System.arraycopy(value, 0, b, at + 16 + offset, value.length);
        return b;
    }

    /** Overwrites the value of a local property (tag and length in hex) inside the set with the key tail. */
    static byte[] patchLocal(byte[] b, String setKeyTail, String tagAndLength, byte[] value) {
        int set = MxfHeaderReaderTest.indexOf(b, HexFormat.of().parseHex("060e2b34025301010d0101010101" + setKeyTail));
        assertThat(set).isNotNegative();
        int at = MxfHeaderReaderTest.indexOf(b, HexFormat.of().parseHex(tagAndLength), set);
        assertThat(at).isNotNegative();
        System.arraycopy(value, 0, b, at + 4, value.length);
        return b;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, c) -> c.getNameCount() - a.getNameCount()).toList()) {
                p.toFile().setWritable(true);
                Files.delete(p);
            }
        }
    }
}
