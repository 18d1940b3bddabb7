package io.reelflow.inspection;

import java.util.ArrayList;
import java.util.List;

/**
 * What an MXF track file's own essence descriptor says, in plain values: the picture (size, frame layout, colour,
 * depth, sampling, JPEG 2000 profile), the sound (rate, depth, channels, MCA labels) or the timed text. Any value
 * the file does not state is null.
 */
public record MxfEssence(String kind, Rational sampleRate, Long containerDuration, Picture picture, Sound sound,
                         TimedText timedText) {

    /** FrameLayout values of ST 377-1. */
    public static final int FULL_FRAME = 0;
    public static final int SEPARATE_FIELDS = 1;
    public static final int ONE_FIELD = 2;
    public static final int MIXED_FIELDS = 3;
    public static final int SEGMENTED_FRAME = 4;

    public record Picture(Long storedWidth, Long storedHeight, Long displayWidth, Long displayHeight,
                          Long frameLayout, SmpteUl colorPrimaries, SmpteUl transferCharacteristic,
                          SmpteUl codingEquations, SmpteUl compression, Integer componentDepth,
                          Long horizontalSubsampling, Long verticalSubsampling, boolean masteringDisplay,
                          Integer rsiz, boolean jpeg2000, boolean htj2k, boolean dolbyVisionMetadata) {

        public boolean rgb() {
            return horizontalSubsampling == null;
        }

        public boolean progressive() {
            return frameLayout == null || frameLayout == FULL_FRAME;
        }
    }

    /**
     * @param label  symbol and name, e.g. "chL Left"
     * @param group  for a channel: the symbol of its soundfield group ("sg51"); for a group: null
     */
    public record McaLabel(String symbol, String name, Long channelId, String language, String group) {
    }

    public record Sound(Rational audioSampleRate, Long channelCount, Long quantizationBits, List<McaLabel> channels,
                        List<McaLabel> soundfieldGroups, boolean iab) {

        /** Spoken languages of the MCA labels, without repeats. */
        public List<String> languages() {
            List<String> out = new ArrayList<>();
            soundfieldGroups.forEach(g -> add(out, g.language()));
            channels.forEach(c -> add(out, c.language()));
            return out;
        }

        private static void add(List<String> out, String tag) {
            if (tag != null && !tag.isBlank() && !out.contains(tag)) {
                out.add(tag);
            }
        }
    }

    public record TimedText(String namespaceUri, String languages) {
    }

    static MxfEssence of(MxfHeaderReader.MxfSet d) {
        Picture picture = null;
        Sound sound = null;
        TimedText text = null;
        switch (d.kind()) {
            case "RGBADescriptor", "CDCIDescriptor", "GenericPictureEssenceDescriptor" -> picture = picture(d);
            case "WAVEPCMDescriptor", "AES3PCMDescriptor", "GenericSoundEssenceDescriptor",
                 "IABEssenceDescriptor" -> sound = sound(d);
            case "TimedTextDescriptor" -> text = new TimedText(d.utf16("NamespaceURI"),
                    d.utf16("RFC5646LanguageTagList"));
            default -> {
            }
        }
        return new MxfEssence(d.kind(), d.rational("SampleRate"), d.uint("ContainerDuration"), picture, sound, text);
    }

    private static Picture picture(MxfHeaderReader.MxfSet d) {
        MxfHeaderReader.MxfSet j2k = d.subDescriptors("JPEG2000SubDescriptor").stream().findFirst().orElse(null);
        Integer depth = null;
        Long depthCdci = d.uint("ComponentDepth");
        if (depthCdci != null) {
            depth = depthCdci.intValue();
        } else if (d.get("PixelLayout") != null) {
            byte[] layout = d.get("PixelLayout");
            for (int i = 0; i + 1 < layout.length && layout[i] != 0; i += 2) {
                int bits = layout[i + 1] & 0xff;
                if ("RGBrgb".indexOf((char) layout[i]) >= 0 && bits > 0 && bits <= 32) {
                    depth = bits;
                    break;
                }
            }
        }
        Integer rsiz = null;
        boolean ht = false;
        if (j2k != null) {
            Long r = j2k.uint("Rsiz");
            rsiz = r == null ? null : r.intValue();
            ht = rsiz != null && (rsiz & 0x4000) != 0;
            if (depth == null && j2k.get("PictureComponentSizing") != null) {
                byte[] sizing = j2k.get("PictureComponentSizing");
                if (sizing.length >= 11) {
                    depth = (sizing[8] & 0x7f) + 1;
                }
            }
        }
        boolean mastering = d.has("MasteringDisplayPrimaries") && d.has("MasteringDisplayWhitePointChromaticity")
                && d.has("MasteringDisplayMaximumLuminance") && d.has("MasteringDisplayMinimumLuminance");
        boolean dolbyVision = d.subDescriptors().stream()
                .anyMatch(s -> MxfHeaderReader.PHDR_METADATA_TRACK_SUB_DESCRIPTOR.equals(s.kind()));
        return new Picture(d.uint("StoredWidth"), d.uint("StoredHeight"), d.uint("DisplayWidth"),
                d.uint("DisplayHeight"), d.uint("FrameLayout"), d.ul("ColorPrimaries"),
                d.ul("TransferCharacteristic"), d.ul("CodingEquations"), d.ul("PictureCompression"), depth,
                d.uint("HorizontalSubsampling"), d.uint("VerticalSubsampling"), mastering, rsiz, j2k != null, ht,
                dolbyVision);
    }

    private static Sound sound(MxfHeaderReader.MxfSet d) {
        List<McaLabel> channels = new ArrayList<>();
        List<McaLabel> groups = new ArrayList<>();
        java.util.Map<String, String> groupSymbols = new java.util.HashMap<>();
        for (MxfHeaderReader.MxfSet s : d.subDescriptors()) {
            if (s.kind().equals("SoundfieldGroupLabelSubDescriptor") || s.kind().equals("IABSoundfieldLabelSubDescriptor")) {
                McaLabel g = label(s, null);
                groups.add(g);
                if (s.get("MCALinkID") != null) {
                    groupSymbols.put(java.util.HexFormat.of().formatHex(s.get("MCALinkID")), g.symbol());
                }
            }
        }
        for (MxfHeaderReader.MxfSet s : d.subDescriptors("AudioChannelLabelSubDescriptor")) {
            byte[] link = s.get("SoundfieldGroupLinkID");
            channels.add(label(s, link == null ? null : groupSymbols.get(java.util.HexFormat.of().formatHex(link))));
        }
        return new Sound(d.rational("AudioSampleRate"), d.uint("ChannelCount"), d.uint("QuantizationBits"),
                List.copyOf(channels), List.copyOf(groups), "IABEssenceDescriptor".equals(d.kind()));
    }

    private static McaLabel label(MxfHeaderReader.MxfSet s, String group) {
        return new McaLabel(s.utf16("MCATagSymbol"), s.utf16("MCATagName"), s.uint("MCAChannelID"),
                s.ascii("RFC5646SpokenLanguage"), group);
    }

    /** ST 377-1 frame layout in words. */
    static String frameLayoutName(Long layout) {
        if (layout == null) {
            return "not stated";
        }
        return switch (layout.intValue()) {
            case FULL_FRAME -> "FullFrame (progressive)";
            case SEPARATE_FIELDS -> "SeparateFields (interlaced)";
            case ONE_FIELD -> "OneField";
            case MIXED_FIELDS -> "MixedFields (interlaced)";
            case SEGMENTED_FRAME -> "SegmentedFrame (PsF)";
            default -> "unknown value " + layout;
        };
    }
}
