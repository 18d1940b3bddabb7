package io.reelflow.inspection;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes the header of an MXF track file as SMPTE ST 377-1 lays it out — header partition pack, primer pack, an
 * essence descriptor and its sub-descriptors as local sets — followed by stand-in essence bytes, so that the
 * header reader and the conformance checks can be tested on files whose every property a test chooses.
 */
final class SyntheticMxf {

    private static final HexFormat HEX = HexFormat.of();

    /** Property name → UL (the reader's names), and the dynamic local tag each gets in the primer. */
    private static final Map<String, String> ULS = new LinkedHashMap<>();

    static {
        MxfHeaderReader.PROPERTIES.forEach((tail, name) -> ULS.put(name, "060e2b340101010e" + tail));
    }

    /** One local set: its kind's key bytes (e.g. "2900" for RGBA) and properties in order. */
    static final class Set {
        final String keyTail;
        final Map<String, byte[]> properties = new LinkedHashMap<>();
        final List<Set> subDescriptors = new ArrayList<>();
        final byte[] uid = new byte[16];

        Set(String keyTail, long seed) {
            this.keyTail = keyTail;
            new Random(seed).nextBytes(uid);
        }

        Set u32(String name, long v) {
            properties.put(name, ByteBuffer.allocate(4).putInt((int) v).array());
            return this;
        }

        Set u8(String name, int v) {
            properties.put(name, new byte[] {(byte) v});
            return this;
        }

        Set u16(String name, int v) {
            properties.put(name, ByteBuffer.allocate(2).putShort((short) v).array());
            return this;
        }

        Set u64(String name, long v) {
            properties.put(name, ByteBuffer.allocate(8).putLong(v).array());
            return this;
        }

        Set rational(String name, Rational r) {
            properties.put(name, ByteBuffer.allocate(8).putInt(r.numerator().intValueExact())
                    .putInt(r.denominator().intValueExact()).array());
            return this;
        }

        Set ul(String name, String urn) {
            properties.put(name, HEX.parseHex(urn.replace("urn:smpte:ul:", "").replace(".", "")));
            return this;
        }

        Set utf16(String name, String s) {
            properties.put(name, s.getBytes(StandardCharsets.UTF_16BE));
            return this;
        }

        Set ascii(String name, String s) {
            properties.put(name, s.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Set raw(String name, byte[] v) {
            properties.put(name, v);
            return this;
        }

        Set sub(Set s) {
            subDescriptors.add(s);
            return this;
        }
    }

    static Set picture(String kind, long width, long height, Rational rate, long duration, String primaries,
                       String transfer) {
        Set s = new Set("RGBADescriptor".equals(kind) ? "2900" : "2800", width * 31 + height)
                .rational("SampleRate", rate).u64("ContainerDuration", duration)
                .u8("FrameLayout", 0).u32("StoredWidth", width).u32("StoredHeight", height)
                .u32("DisplayWidth", width).u32("DisplayHeight", height);
        if (primaries != null) {
            s.ul("ColorPrimaries", primaries);
        }
        if (transfer != null) {
            s.ul("TransferCharacteristic", transfer);
        }
        return s;
    }

    static Set jpeg2000(int rsiz) {
        return new Set("5a00", rsiz).u16("Rsiz", rsiz);
    }

    /** A WAVE PCM descriptor with a soundfield group and one label per channel. */
    static Set sound(int channels, long duration, String language) {
        Set s = new Set("4800", channels * 7L + duration).rational("SampleRate", Rational.of(48000))
                .u64("ContainerDuration", duration).rational("AudioSampleRate", Rational.of(48000))
                .u32("ChannelCount", channels).u32("QuantizationBits", 24);
        String[] symbols = channels == 6 ? new String[] {"chL", "chR", "chC", "chLFE", "chLs", "chRs"}
                : channels == 2 ? new String[] {"chL", "chR"} : null;
        String group = channels == 6 ? "sg51" : channels == 2 ? "sgST" : "sgX";
        byte[] link = new byte[16];
        new Random(channels).nextBytes(link);
        Set g = new Set("6c00", 100 + channels).utf16("MCATagSymbol", group).raw("MCALinkID", link);
        if (language != null) {
            g.ascii("RFC5646SpokenLanguage", language);
        }
        s.sub(g);
        for (int i = 0; i < channels; i++) {
            s.sub(new Set("6b00", 200 + i).utf16("MCATagSymbol", symbols == null ? "ch" + i : symbols[i])
                    .u32("MCAChannelID", i + 1).raw("SoundfieldGroupLinkID", link));
        }
        return s;
    }

    /** Dolby's PHDR metadata track sub-descriptor: a private local set (06.0e.2b.34.02.53.01.05.0e.09.06.07…03). */
    static Set phdr() {
        return new Set("060e2b34025301050e09060701010103", 47);
    }

    static Set iab(Rational rate, long duration) {
        return new Set("7b00", 77).rational("SampleRate", rate).u64("ContainerDuration", duration);
    }

    /** The file: partition pack, primer, the sets, then {@code essenceBytes} of stand-in essence. */
    static byte[] write(Set descriptor, int essenceBytes, Set... looseBefore) {
        List<Set> sets = new ArrayList<>(List.of(looseBefore));
        collect(descriptor, sets);
        Map<String, Integer> tags = new LinkedHashMap<>();
        int next = 0xffff;
        tags.put("InstanceUID", 0x3c0a);
        for (Set s : sets) {
            for (String name : s.properties.keySet()) {
                if (!tags.containsKey(name)) {
                    tags.put(name, next--);
                }
            }
        }
        if (sets.stream().anyMatch(s -> !s.subDescriptors.isEmpty())) {
            tags.putIfAbsent("SubDescriptors", next--);
        }
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        // primer pack
        ByteBuffer primer = ByteBuffer.allocate(8 + tags.size() * 18).putInt(tags.size()).putInt(18);
        tags.forEach((name, tag) -> {
            primer.putShort((short) (int) tag);
            primer.put(HEX.parseHex("InstanceUID".equals(name) ? "060e2b34010101010101150200000000" : ULS.get(name)));
        });
        klv(meta, "060e2b34020501010d01020101050100", primer.array());
        for (Set s : sets) {
            ByteArrayOutputStream v = new ByteArrayOutputStream();
            local(v, 0x3c0a, s.uid);
            s.properties.forEach((name, value) -> local(v, tags.get(name), value));
            if (!s.subDescriptors.isEmpty()) {
                ByteBuffer batch = ByteBuffer.allocate(8 + 16 * s.subDescriptors.size())
                        .putInt(s.subDescriptors.size()).putInt(16);
                s.subDescriptors.forEach(sub -> batch.put(sub.uid));
                local(v, tags.get("SubDescriptors"), batch.array());
            }
            klv(meta, s.keyTail.length() == 32 ? s.keyTail : "060e2b34025301010d0101010101" + s.keyTail,
                    v.toByteArray());
        }
        byte[] metadata = meta.toByteArray();
        ByteBuffer pack = ByteBuffer.allocate(88 + 8 + 16)
                .putShort((short) 1).putShort((short) 3).putInt(1) // version 1.3, KAG 1
                .putLong(0).putLong(0).putLong(0)                  // this, previous, footer
                .putLong(metadata.length).putLong(0)              // header byte count, index byte count
                .putInt(0).putLong(0).putInt(1)                   // index SID, body offset, body SID
                .put(HEX.parseHex("060e2b34040101010d01020101100000")) // operational pattern OP1a
                .putInt(0).putInt(16);                            // no essence containers
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        klv(file, "060e2b34020501010d01020101020400", Arrays.copyOf(pack.array(), pack.position()));
        file.writeBytes(metadata);
        byte[] essence = new byte[essenceBytes];
        new Random(essenceBytes).nextBytes(essence);
        klv(file, "060e2b34010201010d01030115010801", essence);
        return file.toByteArray();
    }

    private static void collect(Set s, List<Set> out) {
        out.add(s);
        s.subDescriptors.forEach(sub -> collect(sub, out));
    }

    private static void local(ByteArrayOutputStream out, int tag, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).putShort((short) tag).putShort((short) value.length).array());
        out.writeBytes(value);
    }

    private static void klv(ByteArrayOutputStream out, String key, byte[] value) {
        out.writeBytes(HEX.parseHex(key));
        out.writeBytes(ByteBuffer.allocate(4).put((byte) 0x83).put((byte) (value.length >> 16))
                .put((byte) (value.length >> 8)).put((byte) value.length).array());
        out.writeBytes(value);
    }

    private static final class Arrays {
        static byte[] copyOf(byte[] a, int n) {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
