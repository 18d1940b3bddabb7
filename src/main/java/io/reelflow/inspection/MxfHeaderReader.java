package io.reelflow.inspection;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the header metadata of an MXF track file (SMPTE ST 377-1): the header partition pack, the primer pack and
 * the local sets that follow it, down to the essence descriptor and its sub-descriptors. No essence is read.
 *
 * <p>The reading is bounded: it reads the file's first bytes only (at most {@link #MAX_HEADER_BYTES} of header
 * metadata after the partition pack), every length is checked against what is left before it is used, references
 * between sets are followed with a visited set and a depth limit, and the number of sets is capped. Whatever the
 * file holds, {@link #read} returns an {@link MxfTrackFile}; a file it cannot understand comes back with a problem
 * (a finding code and plain words), never an exception.
 */
public final class MxfHeaderReader {

    /** Header metadata larger than this is refused: real IMF track files have tens of kilobytes. */
    static final int MAX_HEADER_BYTES = 4 * 1024 * 1024;
    /** ST 377-1 allows a run-in of up to 64 KiB before the header partition pack. */
    static final int MAX_RUN_IN = 65_536;
    static final int MAX_SETS = 20_000;
    static final int MAX_SUB_DESCRIPTOR_DEPTH = 4;
    /** Read this much past the announced header metadata, for a KAG fill that HeaderByteCount leaves out. */
    static final int KAG_SLACK = 65_536;

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] UL_PREFIX = {0x06, 0x0e, 0x2b, 0x34};

    private MxfHeaderReader() {
    }

    /** A problem found while reading: the finding code and what the coordinator reads. */
    public record Problem(FindingCode code, String message) {
    }

    /** One local set of the header metadata: its kind and its properties by name (unknown ones are dropped). */
    public record MxfSet(String kind, String keyHex, Map<String, byte[]> properties, List<MxfSet> subDescriptors) {

        public byte[] get(String name) {
            return properties.get(name);
        }

        public boolean has(String name) {
            return properties.containsKey(name);
        }

        public Long uint(String name) {
            byte[] v = properties.get(name);
            if (v == null || v.length == 0 || v.length > 8) {
                return null;
            }
            long r = 0;
            for (byte b : v) {
                r = (r << 8) | (b & 0xff);
            }
            return v.length == 8 && r < 0 ? null : r;
        }

        public Rational rational(String name) {
            byte[] v = properties.get(name);
            if (v == null || v.length != 8) {
                return null;
            }
            long num = ByteBuffer.wrap(v, 0, 4).getInt();
            long den = ByteBuffer.wrap(v, 4, 4).getInt();
            return den <= 0 || num < 0 ? null : Rational.of(num, den);
        }

        public SmpteUl ul(String name) {
            byte[] v = properties.get(name);
            return v == null || v.length != 16 ? null : SmpteUl.parse(HEX.formatHex(v)).orElse(null);
        }

        /** A UTF-16 (big-endian) string property, trailing NULs removed. */
        public String utf16(String name) {
            byte[] v = properties.get(name);
            if (v == null) {
                return null;
            }
            String s = new String(v, 0, v.length & ~1, StandardCharsets.UTF_16BE);
            int end = s.indexOf('\0');
            return (end >= 0 ? s.substring(0, end) : s).trim();
        }

        /** An ISO 646 / UTF-8 string property (RFC 5646 tags), trailing NULs removed. */
        public String ascii(String name) {
            byte[] v = properties.get(name);
            if (v == null) {
                return null;
            }
            boolean utf16 = v.length >= 2 && v[0] == 0 && v[1] != 0;
            String s = utf16 ? new String(v, 0, v.length & ~1, StandardCharsets.UTF_16BE)
                    : new String(v, StandardCharsets.UTF_8);
            int end = s.indexOf('\0');
            return (end >= 0 ? s.substring(0, end) : s).trim();
        }

        public List<MxfSet> subDescriptors(String kind) {
            return subDescriptors.stream().filter(s -> kind.equals(s.kind())).toList();
        }
    }

    /**
     * What was read. {@code descriptor} is the file package's essence descriptor (null when none was found);
     * {@code problems} is empty when the header was read without trouble.
     */
    public record MxfTrackFile(String file, MxfSet descriptor, List<Problem> problems, long bytesRead) {

        public boolean readable() {
            return descriptor != null;
        }
    }

    // --- set kinds by the two bytes of the key that name them (06.0e.2b.34.02.53.01.01.0d.01.01.01.01.01.XX.YY)
    static final Map<String, String> SET_KINDS = Map.ofEntries(
            Map.entry("2f00", "Preface"),
            Map.entry("3600", "MaterialPackage"),
            Map.entry("3700", "SourcePackage"),
            Map.entry("2700", "GenericPictureEssenceDescriptor"),
            Map.entry("2800", "CDCIDescriptor"),
            Map.entry("2900", "RGBADescriptor"),
            Map.entry("4200", "GenericSoundEssenceDescriptor"),
            Map.entry("4300", "GenericDataEssenceDescriptor"),
            Map.entry("4400", "MultipleDescriptor"),
            Map.entry("4700", "AES3PCMDescriptor"),
            Map.entry("4800", "WAVEPCMDescriptor"),
            Map.entry("5a00", "JPEG2000SubDescriptor"),
            Map.entry("6400", "TimedTextDescriptor"),
            Map.entry("6b00", "AudioChannelLabelSubDescriptor"),
            Map.entry("6c00", "SoundfieldGroupLabelSubDescriptor"),
            Map.entry("6d00", "GroupOfSoundfieldGroupsLabelSubDescriptor"),
            Map.entry("7900", "ACESPictureSubDescriptor"),
            Map.entry("7b00", "IABEssenceDescriptor"),
            Map.entry("7c00", "IABSoundfieldLabelSubDescriptor"));

    /** The kind given to Dolby's PHDR metadata track sub-descriptor (a private set, not in SET_KINDS). */
    static final String PHDR_METADATA_TRACK_SUB_DESCRIPTOR = "PHDRMetadataTrackSubDescriptor";

    static final Set<String> PICTURE_DESCRIPTORS = Set.of("GenericPictureEssenceDescriptor", "CDCIDescriptor",
            "RGBADescriptor");

    static final Set<String> ESSENCE_DESCRIPTORS = Set.of("GenericPictureEssenceDescriptor", "CDCIDescriptor",
            "RGBADescriptor", "GenericSoundEssenceDescriptor", "GenericDataEssenceDescriptor", "AES3PCMDescriptor",
            "WAVEPCMDescriptor", "TimedTextDescriptor", "IABEssenceDescriptor");

    /**
     * Properties by the last eight bytes of their UL (06.0e.2b.34.01.01.01.vv.XX…), the version byte ignored.
     * Names follow the CPL's RegXML element names so that both sides compare by name.
     */
    static final Map<String, String> PROPERTIES = Map.ofEntries(
            Map.entry("0101150200000000", "InstanceUID"),
            Map.entry("0601010406100000", "SubDescriptors"),
            Map.entry("0601010402030000", "Descriptor"),
            Map.entry("0601010406030000", "FileDescriptors"),
            Map.entry("0406010100000000", "SampleRate"),
            Map.entry("0406010200000000", "ContainerDuration"),
            Map.entry("0601010401020000", "EssenceContainer"),
            Map.entry("0601010305000000", "LinkedTrackID"),
            Map.entry("0401030104000000", "FrameLayout"),
            Map.entry("0401050202000000", "StoredWidth"),
            Map.entry("0401050201000000", "StoredHeight"),
            Map.entry("040105010c000000", "DisplayWidth"),
            Map.entry("040105010b000000", "DisplayHeight"),
            Map.entry("0401050108000000", "SampledWidth"),
            Map.entry("0401050107000000", "SampledHeight"),
            Map.entry("0401010101000000", "AspectRatio"),
            Map.entry("0401030205000000", "VideoLineMap"),
            Map.entry("0401020101010200", "TransferCharacteristic"),
            Map.entry("0401020101060100", "ColorPrimaries"),
            Map.entry("0401020101030100", "CodingEquations"),
            Map.entry("0401060100000000", "PictureCompression"),
            Map.entry("040105030a000000", "ComponentDepth"),
            Map.entry("0401050105000000", "HorizontalSubsampling"),
            Map.entry("0401050110000000", "VerticalSubsampling"),
            Map.entry("0401050306000000", "PixelLayout"),
            Map.entry("040105030b000000", "ComponentMaxRef"),
            Map.entry("040105030c000000", "ComponentMinRef"),
            Map.entry("0420040101010000", "MasteringDisplayPrimaries"),
            Map.entry("0420040101020000", "MasteringDisplayWhitePointChromaticity"),
            Map.entry("0420040101030000", "MasteringDisplayMaximumLuminance"),
            Map.entry("0420040101040000", "MasteringDisplayMinimumLuminance"),
            Map.entry("0401060301000000", "Rsiz"),
            Map.entry("0401060302000000", "Xsiz"),
            Map.entry("0401060303000000", "Ysiz"),
            Map.entry("040106030a000000", "Csiz"),
            Map.entry("040106030b000000", "PictureComponentSizing"),
            Map.entry("040106030e000000", "J2CLayout"),
            Map.entry("040106030f000000", "J2KExtendedCapabilities"),
            Map.entry("0402030101010000", "AudioSampleRate"),
            Map.entry("0402010104000000", "ChannelCount"),
            Map.entry("0402030304000000", "QuantizationBits"),
            Map.entry("0402010105000000", "ChannelAssignment"),
            Map.entry("0103070101000000", "MCALabelDictionaryID"),
            Map.entry("0103070105000000", "MCALinkID"),
            Map.entry("0103070102000000", "MCATagSymbol"),
            Map.entry("0103070103000000", "MCATagName"),
            Map.entry("0103040a00000000", "MCAChannelID"),
            Map.entry("0103070106000000", "SoundfieldGroupLinkID"),
            Map.entry("0301010203150000", "RFC5646SpokenLanguage"),
            Map.entry("0302010220000000", "MCAAudioContentKind"),
            Map.entry("0302010221000000", "MCAAudioElementKind"),
            Map.entry("0102010501000000", "NamespaceURI"),
            Map.entry("0301010202160000", "RFC5646LanguageTagList"));

    /** Reads the header of the file; never throws because of the file's content. */
    public static MxfTrackFile read(Path file, String displayName) {
        List<Problem> problems = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            int first = (int) Math.min(size, MAX_RUN_IN + 16 + 9 + 65_536L);
            ByteBuffer head = readAt(ch, 0, first);
            Reader r = new Reader(displayName, problems);
            MxfSet descriptor = r.parse(ch, head, size);
            return new MxfTrackFile(displayName, descriptor, List.copyOf(problems), r.bytesRead);
        } catch (IOException e) {
            problems.add(new Problem(FindingCode.ASSET_UNREADABLE, "the track file cannot be read to check its "
                    + "header: " + ImfPackageInspector.readError(e)));
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            problems.add(new Problem(FindingCode.MXF_HEADER_CORRUPT, "the track file's MXF header could not be "
                    + "read: " + Plain.failure(e)));
        }
        return new MxfTrackFile(displayName, null, List.copyOf(problems), 0);
    }

    private static ByteBuffer readAt(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            int n = ch.read(b, position + b.position());
            if (n < 0) {
                break;
            }
        }
        b.flip();
        return b;
    }

    private static final class Reader {
        final String file;
        final List<Problem> problems;
        long bytesRead;

        Reader(String file, List<Problem> problems) {
            this.file = file;
            this.problems = problems;
        }

        void problem(FindingCode code, String message) {
            problems.add(new Problem(code, message));
        }

        MxfSet parse(FileChannel ch, ByteBuffer head, long fileSize) throws IOException {
            bytesRead = head.remaining();
            int start = findPartitionPack(head);
            if (start < 0) {
                problem(FindingCode.MXF_NOT_MXF, fileSize < 16 ? "the file has only " + fileSize
                        + " bytes, too few for an MXF file" : "the file does not begin with an MXF header "
                        + "partition pack (SMPTE ST 377-1), so it is not an MXF track file");
                return null;
            }
            head.position(start + 16);
            long packLength = ber(head);
            if (packLength < 0 || packLength < 88 || packLength > head.remaining()) {
                problem(packLength < 0 || packLength > head.remaining() ? FindingCode.MXF_HEADER_TRUNCATED
                                : FindingCode.MXF_HEADER_CORRUPT,
                        "the header partition pack is " + (packLength < 0 || packLength > head.remaining()
                                ? "cut short (the file ends or its length is unreadable)"
                                : "only " + packLength + " bytes long, shorter than ST 377-1 requires"));
                return null;
            }
            int packStart = head.position();
            long headerByteCount = head.getLong(packStart + 32);
            int headerStart = packStart + (int) packLength;
            if (headerByteCount == 0) {
                problem(FindingCode.MXF_DESCRIPTOR_MISSING, "the header partition carries no header metadata "
                        + "(HeaderByteCount 0), so the file does not describe its essence");
                return null;
            }
            if (headerByteCount < 0 || headerByteCount > MAX_HEADER_BYTES) {
                problem(FindingCode.MXF_HEADER_TOO_LARGE, "the header partition announces "
                        + Long.toUnsignedString(headerByteCount) + " bytes of header metadata, more than the "
                        + MAX_HEADER_BYTES / (1024 * 1024) + " MiB an IMF track file ever needs; it was not read");
                return null;
            }
            long wanted = headerStart + headerByteCount;
            if (wanted > fileSize) {
                problem(FindingCode.MXF_HEADER_TRUNCATED, "the header partition announces " + headerByteCount
                        + " bytes of header metadata but the file ends " + (fileSize - headerStart)
                        + " bytes after the partition pack: the file is truncated");
                return null;
            }
            // Writers differ on whether the fill that aligns the header to the KAG counts in HeaderByteCount: read
            // a little beyond it and stop at the first item that is not header metadata.
            long end = Math.min(fileSize, wanted + KAG_SLACK);
            ByteBuffer meta;
            if (end <= head.limit()) {
                meta = head.duplicate();
                meta.position(headerStart).limit((int) end);
                meta = meta.slice();
            } else {
                meta = readAt(ch, headerStart, (int) (end - headerStart));
                bytesRead = end;
                if (meta.remaining() < headerByteCount) {
                    problem(FindingCode.MXF_HEADER_TRUNCATED, "the file ended while its header metadata was read");
                    return null;
                }
            }
            return parseMetadata(meta, headerByteCount);
        }

        /** The header partition pack at the start, after a run-in of at most 64 KiB. */
        private int findPartitionPack(ByteBuffer b) {
            int limit = Math.min(b.limit() - 16, MAX_RUN_IN);
            for (int i = 0; i <= limit; i++) {
                if (isHeaderPartitionKey(b, i)) {
                    return i;
                }
            }
            return -1;
        }

        private static boolean isHeaderPartitionKey(ByteBuffer b, int at) {
            int[] key = {0x06, 0x0e, 0x2b, 0x34, 0x02, 0x05, 0x01, 0x01, 0x0d, 0x01, 0x02, 0x01, 0x01, 0x02};
            for (int i = 0; i < key.length; i++) {
                if ((b.get(at + i) & 0xff) != key[i]) {
                    return false;
                }
            }
            return true;
        }

        MxfSet parseMetadata(ByteBuffer meta, long headerByteCount) {
            Map<Integer, String> primer = null;
            Map<String, MxfSet> byInstance = new HashMap<>();
            Map<MxfSet, List<String>> subRefs = new IdentityHashMap<>();
            List<MxfSet> sets = new ArrayList<>();
            String packageDescriptorRef = null;
            while (meta.remaining() >= 17) {
                int keyAt = meta.position();
                boolean beyond = keyAt >= headerByteCount;
                if (!startsWithUl(meta, keyAt)) {
                    if (beyond) {
                        break;
                    }
                    problem(FindingCode.MXF_HEADER_CORRUPT, "at byte " + keyAt + " of the header metadata there "
                            + "is no KLV key; the header metadata is corrupt");
                    return null;
                }
                byte[] key = new byte[16];
                meta.get(key);
                String keyHex = HEX.formatHex(key);
                // any local set (06.0e.2b.34.02.53…) is header metadata, private ones (Dolby's PHDR) included
                boolean metadata = keyHex.startsWith("060e2b34020501010d01020101050100")
                        || keyHex.startsWith("060e2b340253") || isFill(keyHex);
                if (!metadata) {
                    break; // a partition, index table or essence: the header metadata has ended
                }
                long length = ber(meta);
                if (beyond && (length < 0 || length > meta.remaining())) {
                    break;
                }
                if (length < 0 || length > meta.remaining()) {
                    problem(FindingCode.MXF_HEADER_TRUNCATED, "an item of the header metadata at byte " + keyAt
                            + " claims " + (length < 0 ? "an unreadable length" : length + " bytes") + " but only "
                            + meta.remaining() + " are left: the header is truncated or corrupt");
                    return null;
                }
                ByteBuffer value = meta.slice(meta.position(), (int) length);
                meta.position(meta.position() + (int) length);
                String k = HEX.formatHex(key);
                if (k.startsWith("060e2b34020501010d01020101050100")) {
                    primer = primer(value);
                    if (primer == null) {
                        return null;
                    }
                } else if (k.startsWith("060e2b34025301010d0101010101") || isPhdr(k)) {
                    if (primer == null) {
                        problem(FindingCode.MXF_HEADER_CORRUPT, "a metadata set comes before the primer pack, "
                                + "so its properties cannot be named");
                        return null;
                    }
                    if (sets.size() >= MAX_SETS) {
                        problem(FindingCode.MXF_HEADER_CORRUPT, "the header holds more than " + MAX_SETS
                                + " metadata sets; reading stopped there");
                        break;
                    }
                    String kind = isPhdr(k) ? PHDR_METADATA_TRACK_SUB_DESCRIPTOR
                            : SET_KINDS.getOrDefault(k.substring(28, 32), "Set." + k.substring(28, 32));
                    Map<String, byte[]> props = new LinkedHashMap<>();
                    List<String> refs = new ArrayList<>();
                    if (!localSet(value, primer, props, refs, kind)) {
                        return null;
                    }
                    MxfSet set = new MxfSet(kind, k, props, new ArrayList<>());
                    sets.add(set);
                    subRefs.put(set, refs);
                    byte[] uid = props.get("InstanceUID");
                    if (uid != null) {
                        byInstance.putIfAbsent(HEX.formatHex(uid), set);
                    }
                    if ("SourcePackage".equals(kind) && props.get("Descriptor") != null
                            && packageDescriptorRef == null) {
                        packageDescriptorRef = HEX.formatHex(props.get("Descriptor"));
                    }
                }
                // fill items, other sets and anything else: skipped
            }
            if (primer == null) {
                problem(FindingCode.MXF_HEADER_CORRUPT, "the header metadata has no primer pack, so its "
                        + "properties cannot be named");
                return null;
            }
            MxfSet descriptor = packageDescriptorRef == null ? null : byInstance.get(packageDescriptorRef);
            if (descriptor != null && "MultipleDescriptor".equals(descriptor.kind())) {
                descriptor = null; // IMF track files hold one essence; take the first essence descriptor below
            }
            if (descriptor == null) {
                descriptor = sets.stream().filter(s -> ESSENCE_DESCRIPTORS.contains(s.kind())).findFirst()
                        .orElse(null);
            }
            if (descriptor == null) {
                problem(FindingCode.MXF_DESCRIPTOR_MISSING, "the header metadata holds no essence descriptor "
                        + "(picture, sound, IAB or timed text), so the file does not say what it carries");
                return null;
            }
            resolveSubDescriptors(descriptor, byInstance, subRefs, 0,
                    java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
            if (PICTURE_DESCRIPTORS.contains(descriptor.kind())) {
                // Dolby Vision: a PHDR metadata track sub-descriptor anywhere in the header announces the PHDR
                // image metadata of the picture (as Photon checks it); one the descriptor does not list is added
                for (MxfSet set : sets) {
                    if (PHDR_METADATA_TRACK_SUB_DESCRIPTOR.equals(set.kind())
                            && descriptor.subDescriptors().stream().noneMatch(x -> x == set)) {
                        descriptor.subDescriptors().add(set);
                    }
                }
            }
            return descriptor;
        }

        private void resolveSubDescriptors(MxfSet set, Map<String, MxfSet> byInstance,
                                           Map<MxfSet, List<String>> subRefs, int depth, Set<MxfSet> visiting) {
            if (depth > MAX_SUB_DESCRIPTOR_DEPTH || !visiting.add(set)) {
                problem(FindingCode.MXF_HEADER_CORRUPT, "the sub-descriptors of the " + set.kind()
                        + " refer to each other in a loop or nest too deeply; the rest was not read");
                return;
            }
            for (String ref : subRefs.getOrDefault(set, List.of())) {
                MxfSet sub = byInstance.get(ref);
                if (sub == null) {
                    problem(FindingCode.MXF_HEADER_CORRUPT, "the " + set.kind() + " refers to a sub-descriptor "
                            + "that is not in the header (instance " + ref + ")");
                    continue;
                }
                if (visiting.contains(sub) || set.subDescriptors().stream().anyMatch(x -> x == sub)) {
                    problem(FindingCode.MXF_HEADER_CORRUPT, "the sub-descriptors of the " + set.kind()
                            + " refer to each other in a loop; the loop was not followed");
                    continue;
                }
                set.subDescriptors().add(sub);
                resolveSubDescriptors(sub, byInstance, subRefs, depth + 1, visiting);
            }
            visiting.remove(set);
        }

        private Map<Integer, String> primer(ByteBuffer v) {
            if (v.remaining() < 8) {
                problem(FindingCode.MXF_HEADER_CORRUPT, "the primer pack is too short");
                return null;
            }
            long count = v.getInt() & 0xffffffffL;
            long itemSize = v.getInt() & 0xffffffffL;
            if (itemSize != 18 || count * 18 != v.remaining()) {
                problem(FindingCode.MXF_HEADER_CORRUPT, "the primer pack announces " + count + " entries of "
                        + itemSize + " bytes but holds " + v.remaining() + " bytes");
                return null;
            }
            Map<Integer, String> map = new HashMap<>();
            for (int i = 0; i < count; i++) {
                int tag = v.getShort() & 0xffff;
                byte[] ul = new byte[16];
                v.get(ul);
                map.put(tag, HEX.formatHex(ul));
            }
            return map;
        }

        private boolean localSet(ByteBuffer v, Map<Integer, String> primer, Map<String, byte[]> props,
                                 List<String> refs, String kind) {
            while (v.remaining() > 0) {
                if (v.remaining() < 4) {
                    problem(FindingCode.MXF_HEADER_CORRUPT, "a " + kind + " ends inside a property header");
                    return false;
                }
                int tag = v.getShort() & 0xffff;
                int len = v.getShort() & 0xffff;
                if (len > v.remaining()) {
                    problem(FindingCode.MXF_HEADER_CORRUPT, "a property of the " + kind + " (local tag "
                            + String.format("%04x", tag) + ") claims " + len + " bytes but only " + v.remaining()
                            + " are left in the set");
                    return false;
                }
                byte[] value = new byte[len];
                v.get(value);
                String ul = primer.get(tag);
                if (ul == null || !ul.startsWith("060e2b34")) {
                    continue; // a tag the primer does not name: nothing can be said about it
                }
                String name = PROPERTIES.get(ul.substring(16));
                if (name == null) {
                    continue;
                }
                props.putIfAbsent(name, value);
                if ("SubDescriptors".equals(name) || "FileDescriptors".equals(name)) {
                    ByteBuffer batch = ByteBuffer.wrap(value);
                    if (batch.remaining() >= 8) {
                        long n = batch.getInt() & 0xffffffffL;
                        long size = batch.getInt() & 0xffffffffL;
                        if (size == 16 && n * 16 == batch.remaining()) {
                            for (int i = 0; i < n; i++) {
                                byte[] ref = new byte[16];
                                batch.get(ref);
                                refs.add(HEX.formatHex(ref));
                            }
                            continue;
                        }
                    }
                    problem(FindingCode.MXF_HEADER_CORRUPT, "the " + kind + " lists its sub-descriptors in a "
                            + "malformed batch");
                }
            }
            return true;
        }

        /** Dolby's PHDR metadata track sub-descriptor: 06.0e.2b.34.02.53.01.vv.0e.09.06.07.01.01.01.03. */
        static boolean isPhdr(String keyHex) {
            return keyHex.startsWith("060e2b34025301") && keyHex.startsWith("0e09060701010103", 16);
        }

        /** KLV fill: 06.0e.2b.34.01.01.01.vv.03.01.02.10.01.00.00.00, any version. */
        private static boolean isFill(String keyHex) {
            return keyHex.startsWith("060e2b34010101") && keyHex.startsWith("0301021001000000", 16);
        }

        private static boolean startsWithUl(ByteBuffer b, int at) {
            for (int i = 0; i < 4; i++) {
                if (b.get(at + i) != UL_PREFIX[i]) {
                    return false;
                }
            }
            return true;
        }

        /** A BER length; -1 when it is longer than 8 bytes, runs past the buffer or exceeds 2^31. */
        private static long ber(ByteBuffer b) {
            if (!b.hasRemaining()) {
                return -1;
            }
            int first = b.get() & 0xff;
            if (first < 0x80) {
                return first;
            }
            int n = first & 0x7f;
            if (n == 0 || n > 8 || n > b.remaining()) {
                return -1;
            }
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 8) | (b.get() & 0xff);
            }
            return v < 0 || v > Integer.MAX_VALUE ? -1 : v;
        }
    }
}
