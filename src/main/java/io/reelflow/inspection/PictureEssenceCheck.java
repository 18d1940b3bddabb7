package io.reelflow.inspection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The main image's essence descriptors: that they are picture descriptors with registered colour labels (always),
 * and that resolution, frame rate and colour match the order (when there is one). Colour labels are reported by
 * name ("ITU-R BT.709"), not as raw ULs, so a coordinator can read the report.
 */
final class PictureEssenceCheck {

    static final Set<String> PICTURE_DESCRIPTORS = Set.of("RGBADescriptor", "CDCIDescriptor");
    static final List<String> MASTERING_DISPLAY_PROPERTIES = List.of("MasteringDisplayPrimaries",
            "MasteringDisplayWhitePointChromaticity", "MasteringDisplayMaximumLuminance",
            "MasteringDisplayMinimumLuminance");

    private PictureEssenceCheck() {
    }

    /** Descriptor validity, without an order. */
    static void checkDescriptors(CompositionPlaylist cpl, List<Finding> out) {
        for (CompositionPlaylist.EssenceDescriptor d : mainImageDescriptors(cpl)) {
            String element = element(d);
            if (!PICTURE_DESCRIPTORS.contains(d.kind())) {
                out.add(Finding.of(FindingCode.PICTURE_DESCRIPTOR_UNRECOGNIZED, cpl.file(), element,
                        "the main image's essence descriptor is "
                                + (d.kind() == null ? "empty" : "a <" + d.kind() + ">")
                                + ", not an RGBADescriptor or CDCIDescriptor, so its resolution and colour "
                                + "cannot be checked"));
                continue;
            }
            checkLabel(cpl, d, "ColorPrimaries", SmpteUl.Category.COLOR_PRIMARIES,
                    FindingCode.COLOR_PRIMARIES_UNKNOWN, out);
            checkLabel(cpl, d, "TransferCharacteristic", SmpteUl.Category.TRANSFER_CHARACTERISTIC,
                    FindingCode.TRANSFER_CHARACTERISTIC_UNKNOWN, out);
            checkLabel(cpl, d, "CodingEquations", SmpteUl.Category.CODING_EQUATIONS,
                    FindingCode.CODING_EQUATIONS_UNKNOWN, out);
        }
    }

    /** Resolution, frame rate, colour and HDR metadata against the order, from the CPL alone (a lone CPL). */
    static void checkOrder(CompositionPlaylist cpl, DeliveryOrder order, List<Finding> out) {
        checkOrder(cpl, order, id -> null, out);
    }

    /**
     * Resolution, frame rate, colour and HDR metadata against the order. Where the main image's track files are at
     * hand, whether they carry Dolby Vision (PHDR) metadata is read from their own headers, not taken from the CPL.
     */
    static void checkOrder(CompositionPlaylist cpl, DeliveryOrder order,
                           Function<String, MxfHeaderReader.MxfTrackFile> trackFiles, List<Finding> out) {
        if (cpl.editRate() != null && !order.allowedFrameRates().contains(cpl.editRate())) {
            out.add(Finding.of(FindingCode.FRAME_RATE_NOT_ALLOWED, cpl.file(), "EditRate",
                    "the composition runs at " + cpl.editRate() + " (" + fps(cpl.editRate())
                            + " fps), which the order does not allow (allowed: " + allowed(order) + ")"));
        }
        for (CompositionPlaylist.EssenceDescriptor d : mainImageDescriptors(cpl)) {
            if (!PICTURE_DESCRIPTORS.contains(d.kind())) {
                continue; // already reported; its properties cannot be trusted
            }
            if (order.resolution() != null) {
                checkResolution(cpl, d, order.resolution(), out);
            }
            if (order.dynamicRange() != null) {
                checkColour(cpl, d, order.dynamicRange(), out);
            }
        }
        if (order.dynamicRange() == DeliveryOrder.DynamicRange.DOLBY_VISION && !hasDolbyVisionMetadataTrack(cpl)) {
            checkDolbyVisionInPicture(cpl, trackFiles, out);
        }
    }

    /**
     * Without a metadata track, Dolby Vision metadata must travel in the picture track files as PHDR image metadata,
     * announced in each file's header by a PHDRMetadataTrackSubDescriptor. With the files at hand their headers
     * decide (every main image track file must carry it); a lone CPL is taken at its word.
     */
    private static void checkDolbyVisionInPicture(CompositionPlaylist cpl,
                                                  Function<String, MxfHeaderReader.MxfTrackFile> trackFiles,
                                                  List<Finding> out) {
        boolean cplAnnounces = hasDolbyVisionSubDescriptor(cpl);
        Set<String> seen = new java.util.HashSet<>();
        List<String> without = new ArrayList<>();
        int read = 0;
        for (CompositionPlaylist.Sequence s : cpl.sequences(CompositionPlaylist.MAIN_IMAGE)) {
            for (CompositionPlaylist.Resource r : s.resources()) {
                if (r.trackFileId() == null || !seen.add(UrnIds.normalize(r.trackFileId()))) {
                    continue;
                }
                MxfHeaderReader.MxfTrackFile tf = trackFiles.apply(r.trackFileId());
                if (tf == null || !tf.readable()) {
                    continue;
                }
                MxfEssence essence = MxfEssence.of(tf.descriptor());
                if (essence.picture() == null) {
                    continue;
                }
                read++;
                if (!essence.picture().dolbyVisionMetadata()) {
                    without.add(tf.file());
                }
            }
        }
        if (read > 0 && without.isEmpty()) {
            return; // recognised from the track files themselves
        }
        if (read == 0 && cplAnnounces) {
            return; // no track file to read: the CPL's PHDR sub-descriptor is all there is
        }
        String message;
        if (read == 0) {
            message = "the order is Dolby Vision but the composition has no Dolby Vision (RDD 47 / ISXD) metadata "
                    + "track and its picture descriptor announces no PHDR metadata; the picture was checked as HDR10";
        } else {
            String files = without.size() == 1 ? "track file " + without.get(0)
                    : without.size() + " picture track files (" + String.join(", ", without) + ")";
            message = "the order is Dolby Vision but the composition has no Dolby Vision (RDD 47 / ISXD) metadata "
                    + "track and the header of " + files + " carries no PHDRMetadataTrackSubDescriptor"
                    + (cplAnnounces ? ", although the CPL's picture descriptor announces one" : "")
                    + "; the picture was checked as HDR10";
        }
        out.add(Finding.of(FindingCode.DOLBY_VISION_METADATA_MISSING, read == 0 ? cpl.file() : without.get(0),
                "SequenceList", message));
    }

    static List<CompositionPlaylist.EssenceDescriptor> mainImageDescriptors(CompositionPlaylist cpl) {
        Map<String, CompositionPlaylist.EssenceDescriptor> found = new LinkedHashMap<>();
        for (CompositionPlaylist.Sequence s : cpl.sequences(CompositionPlaylist.MAIN_IMAGE)) {
            for (CompositionPlaylist.Resource r : s.resources()) {
                CompositionPlaylist.EssenceDescriptor d = cpl.descriptor(r.sourceEncoding());
                if (d != null) {
                    found.putIfAbsent(UrnIds.normalize(d.id()), d);
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    private static void checkLabel(CompositionPlaylist cpl, CompositionPlaylist.EssenceDescriptor d, String property,
                                   SmpteUl.Category category, FindingCode unknown, List<Finding> out) {
        String raw = d.property(property);
        if (raw == null) {
            return; // absence matters only against an order
        }
        Optional<SmpteUl> ul = SmpteUl.parse(raw);
        if (ul.isEmpty()) {
            out.add(Finding.of(unknown, cpl.file(), element(d) + " " + property,
                    property + " '" + raw + "' is not a SMPTE UL"));
            return;
        }
        if (ul.get().lookup(category).isEmpty()) {
            String otherwise = ul.get().lookup()
                    .map(n -> "; it is the " + n.category().description() + " label " + n.displayName())
                    .orElse("");
            out.add(Finding.of(unknown, cpl.file(), element(d) + " " + property,
                    property + " " + ul.get() + " is not a registered " + category.description() + " label"
                            + otherwise + " (written \"" + raw + "\")"));
        }
    }

    private static void checkResolution(CompositionPlaylist cpl, CompositionPlaylist.EssenceDescriptor d,
                                        DeliveryOrder.Resolution wanted, List<Finding> out) {
        String source = "StoredWidth/StoredHeight";
        Integer width = integer(d.property("StoredWidth"));
        Integer height = integer(d.property("StoredHeight"));
        if (width == null || height == null) {
            source = "DisplayWidth/DisplayHeight";
            width = integer(d.property("DisplayWidth"));
            height = integer(d.property("DisplayHeight"));
        }
        if (width == null || height == null) {
            out.add(Finding.of(FindingCode.RESOLUTION_MISMATCH, cpl.file(), element(d),
                    "the descriptor states no StoredWidth/StoredHeight or DisplayWidth/DisplayHeight; the "
                            + wanted + " order requires " + wanted.width() + "×" + wanted.height()));
        } else if (width != wanted.width() || height != wanted.height()) {
            out.add(Finding.of(FindingCode.RESOLUTION_MISMATCH, cpl.file(), element(d),
                    "the picture is " + width + "×" + height + " (" + source + "); the " + wanted
                            + " order requires " + wanted.width() + "×" + wanted.height()));
        }
    }

    private static void checkColour(CompositionPlaylist cpl, CompositionPlaylist.EssenceDescriptor d,
                                    DeliveryOrder.DynamicRange range, List<Finding> out) {
        boolean hdr = range.isHdr();
        String orderName = range + " order";
        // App 2E's COLOR.6 (P3-D65 with PQ) is HDR as much as COLOR.7 (BT.2020 with PQ): many Dolby Vision
        // masters are P3-D65, and Netflix takes both.
        expectLabel(cpl, d, "ColorPrimaries", SmpteUl.Category.COLOR_PRIMARIES,
                hdr ? SmpteUl.Named.PRIMARIES_BT2020 : SmpteUl.Named.PRIMARIES_BT709,
                hdr ? SmpteUl.Named.PRIMARIES_P3_D65 : SmpteUl.Named.PRIMARIES_BT709,
                FindingCode.COLOR_PRIMARIES_MISMATCH, orderName, out);
        expectLabel(cpl, d, "TransferCharacteristic", SmpteUl.Category.TRANSFER_CHARACTERISTIC,
                hdr ? SmpteUl.Named.TRANSFER_PQ : SmpteUl.Named.TRANSFER_BT709,
                hdr ? SmpteUl.Named.TRANSFER_PQ : SmpteUl.Named.TRANSFER_BT709,
                FindingCode.TRANSFER_CHARACTERISTIC_MISMATCH, orderName, out);
        // Coding equations only mean something for Y'CbCr (CDCI) pictures; RGB pictures carry none or ignore them.
        if ("CDCIDescriptor".equals(d.kind())) {
            expectLabel(cpl, d, "CodingEquations", SmpteUl.Category.CODING_EQUATIONS,
                    hdr ? SmpteUl.Named.CODING_BT2020_NCL : SmpteUl.Named.CODING_BT709,
                    hdr ? SmpteUl.Named.CODING_BT2020_NCL : SmpteUl.Named.CODING_BT709,
                    FindingCode.CODING_EQUATIONS_MISMATCH, orderName, out);
        }
        if (hdr) {
            List<String> missing = MASTERING_DISPLAY_PROPERTIES.stream().filter(p -> !d.hasProperty(p)).toList();
            if (!missing.isEmpty()) {
                out.add(Finding.of(FindingCode.MASTERING_DISPLAY_METADATA_MISSING, cpl.file(), element(d),
                        "the " + orderName + " needs SMPTE ST 2086 mastering display metadata but the descriptor "
                                + "lacks " + String.join(", ", missing)));
            }
        }
    }

    private static void expectLabel(CompositionPlaylist cpl, CompositionPlaylist.EssenceDescriptor d, String property,
                                    SmpteUl.Category category, SmpteUl.Named expected, SmpteUl.Named alsoAccepted,
                                    FindingCode mismatch, String orderName, List<Finding> out) {
        String raw = d.property(property);
        if (raw == null) {
            out.add(Finding.of(FindingCode.COLOR_METADATA_MISSING, cpl.file(), element(d) + " " + property,
                    "the descriptor has no " + property + "; the " + orderName + " requires "
                            + expected.displayName()));
            return;
        }
        Optional<SmpteUl.Named> actual = SmpteUl.parse(raw).flatMap(ul -> ul.lookup(category));
        if (actual.isEmpty()) {
            return; // reported as unknown by checkDescriptors
        }
        if (actual.get() != expected && actual.get() != alsoAccepted) {
            out.add(Finding.of(mismatch, cpl.file(), element(d) + " " + property,
                    property + " is " + actual.get().displayName() + "; the " + orderName
                            + " requires " + expected.displayName()
                            + (alsoAccepted != expected ? " or " + alsoAccepted.displayName() : "")));
        }
    }

    /** Dolby Vision metadata may travel in the picture track file, announced by a PHDR metadata sub-descriptor. */
    private static boolean hasDolbyVisionSubDescriptor(CompositionPlaylist cpl) {
        return mainImageDescriptors(cpl).stream().anyMatch(d -> d.element() != null
                && (!SecureXml.descendants(d.element(), "PHDRMetadataTrackSubDescriptor").isEmpty()
                || !SecureXml.descendants(d.element(), "DolbyVisionMetadataSubDescriptor").isEmpty()));
    }

    private static boolean hasDolbyVisionMetadataTrack(CompositionPlaylist cpl) {
        return cpl.segments().stream().flatMap(s -> s.sequences().stream()).anyMatch(q ->
                (q.namespace() != null && q.namespace().contains("dolby.com"))
                        || q.kind().contains("DolbyVision") || q.kind().contains("ISXD"));
    }

    private static String element(CompositionPlaylist.EssenceDescriptor d) {
        return (d.kind() == null ? "EssenceDescriptor" : d.kind()) + " " + d.id();
    }

    private static Integer integer(String text) {
        try {
            return text == null ? null : Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String fps(Rational rate) {
        return rate.toDecimalString(3);
    }

    private static String allowed(DeliveryOrder order) {
        return order.allowedFrameRates().stream().sorted().map(r -> fps(r) + " fps")
                .collect(Collectors.joining(", "));
    }
}
