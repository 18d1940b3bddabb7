package io.reelflow.inspection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.w3c.dom.Element;

/**
 * The composition against its track files and against SMPTE ST 2067-21 (Application #2 Extended, "App 2E"):
 * the CPL's EssenceDescriptor must say what the MXF file's own descriptor says; the picture must be one App 2E
 * allows ({@link App2e}); images and each audio track must stay the same from resource to resource; audio is
 * labelled (MCA) as the core constraints of its revision require.
 */
final class EssenceConformanceCheck {

    private EssenceConformanceCheck() {
    }

    /** A picture's properties, from a CPL descriptor or a track file. Null means "not stated". */
    record Image(String kind, Long storedWidth, Long storedHeight, Long displayWidth, Long displayHeight,
                 Long frameLayout, Rational sampleRate, SmpteUl primaries, SmpteUl transfer, SmpteUl coding,
                 Integer depth, Long horizontalSubsampling, Long verticalSubsampling, Integer rsiz,
                 SmpteUl compression) {

        boolean rgb() {
            return "RGBADescriptor".equals(kind);
        }
    }

    /** A sound track file's properties. */
    record Sound(String kind, Rational audioSampleRate, Long channelCount, Long bits, List<String> channels,
                 List<String> groups, Set<String> languages) {
    }

    static final Map<String, Long> FRAME_LAYOUTS = Map.of("FullFrame", 0L, "SeparateFields", 1L, "OneField", 2L,
            "MixedFields", 3L, "SegmentedFrame", 4L);

    // --- building the views

    static Image image(CompositionPlaylist.EssenceDescriptor d) {
        Integer depth = integer(d.property("ComponentDepth"));
        if (depth == null && d.element() != null) {
            for (Element c : SecureXml.descendants(d.element(), "RGBAComponent")) {
                String code = SecureXml.childText(c, "Code");
                if ("CompRed".equals(code) || "CompGreen".equals(code) || "CompBlue".equals(code)) {
                    depth = integer(SecureXml.childText(c, "ComponentSize"));
                    break;
                }
            }
        }
        if (depth == null && d.element() != null) {
            for (Element c : SecureXml.descendants(d.element(), "J2KComponentSizing")) {
                Integer ssiz = integer(SecureXml.childText(c, "Ssiz"));
                depth = ssiz == null ? null : (ssiz & 0x7f) + 1;
                break;
            }
        }
        List<String> rsiz = d.descendantTexts("Rsiz");
        return new Image(d.kind(), number(d.property("StoredWidth")), number(d.property("StoredHeight")),
                number(d.property("DisplayWidth")), number(d.property("DisplayHeight")),
                d.property("FrameLayout") == null ? null
                        : FRAME_LAYOUTS.getOrDefault(d.property("FrameLayout"), 99L),
                CompositionPlaylistReader.parseRate(d.property("SampleRate")),
                SmpteUl.parse(d.property("ColorPrimaries")).orElse(null),
                SmpteUl.parse(d.property("TransferCharacteristic")).orElse(null),
                SmpteUl.parse(d.property("CodingEquations")).orElse(null), depth,
                number(d.property("HorizontalSubsampling")), number(d.property("VerticalSubsampling")),
                rsiz.isEmpty() ? null : integer(rsiz.get(0)),
                SmpteUl.parse(d.property("PictureCompression")).orElse(null));
    }

    static Image image(MxfEssence e) {
        MxfEssence.Picture p = e.picture();
        return new Image(e.kind(), p.storedWidth(), p.storedHeight(), p.displayWidth(), p.displayHeight(),
                p.frameLayout(), e.sampleRate(), p.colorPrimaries(), p.transferCharacteristic(), p.codingEquations(),
                p.componentDepth(), p.horizontalSubsampling(), p.verticalSubsampling(), p.rsiz(), p.compression());
    }

    static Sound sound(CompositionPlaylist.EssenceDescriptor d) {
        List<String> channels = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        if (d.element() != null) {
            for (Element c : SecureXml.descendants(d.element(), "AudioChannelLabelSubDescriptor")) {
                channels.add(SecureXml.childText(c, "MCATagSymbol"));
            }
            for (Element c : SecureXml.descendants(d.element(), "SoundfieldGroupLabelSubDescriptor")) {
                groups.add(SecureXml.childText(c, "MCATagSymbol"));
            }
        }
        Set<String> languages = new LinkedHashSet<>();
        AudioEssenceCheck.LANGUAGE_PROPERTIES.forEach(p -> languages.addAll(d.descendantTexts(p)));
        return new Sound(d.kind(), CompositionPlaylistReader.parseRate(d.property("AudioSampleRate")),
                number(d.property("ChannelCount")), number(d.property("QuantizationBits")), channels, groups,
                languages);
    }

    static Sound sound(MxfEssence e) {
        MxfEssence.Sound s = e.sound();
        return new Sound(e.kind(), s.audioSampleRate(), s.channelCount(), s.quantizationBits(),
                s.channels().stream().map(MxfEssence.McaLabel::symbol).toList(),
                s.soundfieldGroups().stream().map(MxfEssence.McaLabel::symbol).toList(),
                new LinkedHashSet<>(s.languages()));
    }

    // --- the checks

    /**
     * @param trackFiles the header of a resource's track file by TrackFileId, or null when the file is not at hand
     *                   (a lone CPL, a missing file)
     */
    static void check(CompositionPlaylist cpl, Function<String, MxfHeaderReader.MxfTrackFile> trackFiles,
                      DeliveryOrder order, List<Finding> out) {
        Optional<App2e.Revision> app2e = checkApplication(cpl, order, out);
        Map<String, Image> images = new LinkedHashMap<>(); // by "descriptor id" or "track file id"
        Set<String> reported = new LinkedHashSet<>();
        for (CompositionPlaylist.Segment segment : cpl.segments()) {
            for (CompositionPlaylist.Sequence sequence : segment.sequences()) {
                for (CompositionPlaylist.Resource r : sequence.resources()) {
                    checkResource(cpl, sequence, r, trackFiles, app2e, images, reported, out);
                }
            }
        }
        checkImageHomogeneity(cpl, images, out);
        checkAudioHomogeneity(cpl, trackFiles, app2e, out);
    }

    private static Optional<App2e.Revision> checkApplication(CompositionPlaylist cpl, DeliveryOrder order,
                                                             List<Finding> out) {
        if (cpl.applicationIds().isEmpty()) {
            if (order != null) {
                out.add(Finding.of(FindingCode.APPLICATION_ID_MISSING, cpl.file(), "ExtensionProperties",
                        "the CPL has no ApplicationIdentification; Netflix accepts only App 2E compositions "
                                + "(SMPTE ST 2067-21), which must say so"));
            }
            return Optional.empty();
        }
        Optional<App2e.Revision> app2e = Optional.empty();
        for (CompositionPlaylist.ApplicationId id : cpl.applicationIds()) {
            Optional<App2e.Revision> revision = App2e.revision(id.value());
            if (revision.isPresent()) {
                app2e = app2e.isPresent() ? app2e : revision;
            } else if (App2e.OTHER_APPLICATIONS.containsKey(id.value())) {
                if (order != null) {
                    out.add(new Finding(FindingCode.APPLICATION_ID_UNSUPPORTED, Severity.WARNING, cpl.file(),
                            "ApplicationIdentification", "the composition is "
                            + App2e.OTHER_APPLICATIONS.get(id.value()) + ", not App 2E; Netflix takes it only "
                            + "where the order asks for it (e.g. an ACES archival master); App 2E rules were not "
                            + "applied"));
                }
            } else {
                out.add(Finding.of(FindingCode.APPLICATION_ID_UNSUPPORTED, cpl.file(), "ApplicationIdentification",
                        "ApplicationIdentification " + Plain.quote(id.value()) + " is not an IMF application "
                                + "this inspection knows; Netflix accepts App 2E ("
                                + String.join(", ", App2e.IDS.keySet()) + ")"));
            }
        }
        return app2e;
    }

    private static void checkResource(CompositionPlaylist cpl, CompositionPlaylist.Sequence sequence,
                                      CompositionPlaylist.Resource r,
                                      Function<String, MxfHeaderReader.MxfTrackFile> trackFiles,
                                      Optional<App2e.Revision> app2e, Map<String, Image> images,
                                      Set<String> reported, List<Finding> out) {
        CompositionPlaylist.EssenceDescriptor d = cpl.descriptor(r.sourceEncoding());
        MxfHeaderReader.MxfTrackFile tf = r.trackFileId() == null ? null : trackFiles.apply(r.trackFileId());
        String element = "Resource " + r.id();
        if (tf != null && !reported.add("file " + UrnIds.normalize(r.trackFileId()))) {
            tf = tf.readable() ? tf : null; // header problems are reported once per file
        } else if (tf != null) {
            for (MxfHeaderReader.Problem p : tf.problems()) {
                out.add(Finding.of(p.code(), tf.file(), "track file " + r.trackFileId(), p.message()));
            }
        }
        MxfEssence essence = tf == null || !tf.readable() ? null : MxfEssence.of(tf.descriptor());
        boolean mainImage = CompositionPlaylist.MAIN_IMAGE.equals(sequence.kind());
        if (essence != null && r.intrinsicDuration() != null && essence.containerDuration() != null
                && essence.containerDuration() > 0 && r.intrinsicDuration() > essence.containerDuration()
                && reported.add("duration " + r.id())) {
            out.add(Finding.of(FindingCode.TRACK_FILE_DURATION_MISMATCH, tf.file(), element,
                    "the CPL gives the resource an IntrinsicDuration of " + r.intrinsicDuration()
                            + " edit units but the track file holds " + essence.containerDuration()));
        }
        if (mainImage) {
            Image fromCpl = d == null || !PictureEssenceCheck.PICTURE_DESCRIPTORS.contains(d.kind()) ? null : image(d);
            Image fromFile = essence == null || essence.picture() == null ? null : image(essence);
            if (essence != null && essence.picture() == null && reported.add("kind " + r.trackFileId())) {
                out.add(Finding.of(FindingCode.ESSENCE_DESCRIPTOR_MISMATCH, tf.file(), element,
                        "the main image resource's track file carries a " + essence.kind() + ", not a picture"));
            }
            if (fromCpl != null && fromFile != null && reported.add("compare " + d.id() + " " + r.trackFileId())) {
                compareImages(fromCpl, fromFile, tf.file(), element, d, out);
            }
            Image subject = fromCpl != null ? merge(fromCpl, fromFile) : fromFile;
            if (subject != null) {
                String key = d != null ? "descriptor " + UrnIds.normalize(d.id()) : "file " + r.trackFileId();
                if (images.putIfAbsent(key, subject) == null) {
                    String where = fromCpl != null ? cpl.file() : tf.file();
                    String what = fromCpl != null ? (d.kind() + " " + d.id()) : element;
                    checkProgressive(subject, where, what, out);
                    app2e.ifPresent(rev -> App2e.checkImage(rev, subject, where, what, out));
                }
            }
        } else if (d != null && essence != null && essence.sound() != null
                && reported.add("compare " + d.id() + " " + r.trackFileId())) {
            compareSounds(sound(d), sound(essence), tf.file(), element, d, out);
        } else if (d != null && essence != null && essence.sound() == null
                && d.kind() != null && d.kind().contains("PCM") && reported.add("kind " + r.trackFileId())) {
            out.add(Finding.of(FindingCode.ESSENCE_DESCRIPTOR_MISMATCH, tf.file(), element,
                    "the CPL describes the resource as " + d.kind() + " but its track file carries a "
                            + essence.kind()));
        }
    }

    private static void checkProgressive(Image image, String file, String element, List<Finding> out) {
        if (image.frameLayout() != null && image.frameLayout() != 0L) {
            out.add(Finding.of(FindingCode.PICTURE_NOT_PROGRESSIVE, file, element,
                    "the picture's FrameLayout is " + MxfEssence.frameLayoutName(image.frameLayout())
                            + "; App 2E and Netflix require progressive pictures (FullFrame)"));
        }
    }

    /** The CPL's values, completed by the track file's where the CPL is silent. */
    private static Image merge(Image cpl, Image file) {
        if (file == null) {
            return cpl;
        }
        return new Image(cpl.kind(), or(cpl.storedWidth(), file.storedWidth()), or(cpl.storedHeight(),
                file.storedHeight()), or(cpl.displayWidth(), file.displayWidth()),
                or(cpl.displayHeight(), file.displayHeight()), or(cpl.frameLayout(), file.frameLayout()),
                or(cpl.sampleRate(), file.sampleRate()), or(cpl.primaries(), file.primaries()),
                or(cpl.transfer(), file.transfer()), or(cpl.coding(), file.coding()), or(cpl.depth(), file.depth()),
                or(cpl.horizontalSubsampling(), file.horizontalSubsampling()),
                or(cpl.verticalSubsampling(), file.verticalSubsampling()), or(cpl.rsiz(), file.rsiz()),
                or(cpl.compression(), file.compression()));
    }

    private static <T> T or(T a, T b) {
        return a != null ? a : b;
    }

    private static void compareImages(Image cpl, Image file, String trackFile, String element,
                                      CompositionPlaylist.EssenceDescriptor d, List<Finding> out) {
        List<String> differences = new ArrayList<>();
        if (!Objects.equals(cpl.kind(), file.kind())) {
            differences.add("descriptor " + cpl.kind() + " in the CPL, " + file.kind() + " in the file");
        }
        differ(differences, "StoredWidth", cpl.storedWidth(), file.storedWidth());
        differ(differences, "StoredHeight", cpl.storedHeight(), file.storedHeight());
        differ(differences, "DisplayWidth", cpl.displayWidth(), file.displayWidth());
        differ(differences, "DisplayHeight", cpl.displayHeight(), file.displayHeight());
        if (cpl.frameLayout() != null && file.frameLayout() != null && !cpl.frameLayout().equals(file.frameLayout())) {
            differences.add("FrameLayout " + MxfEssence.frameLayoutName(cpl.frameLayout()) + " in the CPL, "
                    + MxfEssence.frameLayoutName(file.frameLayout()) + " in the file");
        }
        differ(differences, "SampleRate", cpl.sampleRate(), file.sampleRate());
        differUl(differences, "ColorPrimaries", cpl.primaries(), file.primaries());
        differUl(differences, "TransferCharacteristic", cpl.transfer(), file.transfer());
        differUl(differences, "CodingEquations", cpl.coding(), file.coding());
        differ(differences, "component depth", cpl.depth(), file.depth());
        differ(differences, "HorizontalSubsampling", cpl.horizontalSubsampling(), file.horizontalSubsampling());
        differ(differences, "VerticalSubsampling", cpl.verticalSubsampling(), file.verticalSubsampling());
        differ(differences, "JPEG 2000 Rsiz", cpl.rsiz(), file.rsiz());
        mismatch(differences, trackFile, element, d, out);
    }

    private static void compareSounds(Sound cpl, Sound file, String trackFile, String element,
                                      CompositionPlaylist.EssenceDescriptor d, List<Finding> out) {
        List<String> differences = new ArrayList<>();
        if (!Objects.equals(cpl.kind(), file.kind())) {
            differences.add("descriptor " + cpl.kind() + " in the CPL, " + file.kind() + " in the file");
        }
        differ(differences, "AudioSampleRate", cpl.audioSampleRate(), file.audioSampleRate());
        differ(differences, "ChannelCount", cpl.channelCount(), file.channelCount());
        differ(differences, "QuantizationBits", cpl.bits(), file.bits());
        if (!cpl.channels().isEmpty() && !file.channels().isEmpty() && !cpl.channels().equals(file.channels())) {
            differences.add("channel labels " + cpl.channels() + " in the CPL, " + file.channels() + " in the file");
        }
        if (!cpl.languages().isEmpty() && !file.languages().isEmpty()
                && cpl.languages().stream().noneMatch(t -> file.languages().stream().anyMatch(f -> Bcp47.sameTag(t, f)))) {
            differences.add("spoken language " + cpl.languages() + " in the CPL, " + file.languages()
                    + " in the file");
        }
        mismatch(differences, trackFile, element, d, out);
    }

    private static void mismatch(List<String> differences, String trackFile, String element,
                                 CompositionPlaylist.EssenceDescriptor d, List<Finding> out) {
        if (!differences.isEmpty()) {
            out.add(Finding.of(FindingCode.ESSENCE_DESCRIPTOR_MISMATCH, trackFile, element,
                    "the CPL's EssenceDescriptor " + d.id() + " does not describe the track file: "
                            + String.join("; ", differences)));
        }
    }

    private static void differ(List<String> out, String name, Object cpl, Object file) {
        if (cpl != null && file != null && !cpl.equals(file)) {
            out.add(name + " " + cpl + " in the CPL, " + file + " in the file");
        }
    }

    private static void differUl(List<String> out, String name, SmpteUl cpl, SmpteUl file) {
        if (cpl != null && file != null && !cpl.sameLabelAs(file)) {
            out.add(name + " " + App2e.name(cpl) + " in the CPL, " + App2e.name(file) + " in the file");
        }
    }

    private static void checkImageHomogeneity(CompositionPlaylist cpl, Map<String, Image> images,
                                              List<Finding> out) {
        Image first = null;
        for (Image image : images.values()) {
            if (first == null) {
                first = image;
                continue;
            }
            List<String> differences = new ArrayList<>();
            differ(differences, "descriptor", first.kind(), image.kind());
            differ(differences, "StoredWidth", first.storedWidth(), image.storedWidth());
            differ(differences, "StoredHeight", first.storedHeight(), image.storedHeight());
            differ(differences, "FrameLayout", first.frameLayout(), image.frameLayout());
            differ(differences, "SampleRate", first.sampleRate(), image.sampleRate());
            differUl(differences, "ColorPrimaries", first.primaries(), image.primaries());
            differUl(differences, "TransferCharacteristic", first.transfer(), image.transfer());
            differ(differences, "component depth", first.depth(), image.depth());
            differ(differences, "HorizontalSubsampling", first.horizontalSubsampling(),
                    image.horizontalSubsampling());
            differ(differences, "JPEG 2000 Rsiz", first.rsiz(), image.rsiz());
            if (!differences.isEmpty()) {
                out.add(Finding.of(FindingCode.ESSENCE_NOT_HOMOGENEOUS, cpl.file(), CompositionPlaylist.MAIN_IMAGE,
                        "the main image changes from one resource to another (App 2E requires one image format "
                                + "throughout): " + String.join("; ", differences).replace(" in the CPL, ",
                                " first, ").replace(" in the file", " later")));
                return;
            }
        }
    }

    private static void checkAudioHomogeneity(CompositionPlaylist cpl,
                                              Function<String, MxfHeaderReader.MxfTrackFile> trackFiles,
                                              Optional<App2e.Revision> app2e, List<Finding> out) {
        Map<String, List<Sound>> byTrack = new LinkedHashMap<>();
        Map<String, CompositionPlaylist.EssenceDescriptor> firstDescriptor = new LinkedHashMap<>();
        for (CompositionPlaylist.Sequence s : cpl.sequences(CompositionPlaylist.MAIN_AUDIO)) {
            for (CompositionPlaylist.Resource r : s.resources()) {
                CompositionPlaylist.EssenceDescriptor d = cpl.descriptor(r.sourceEncoding());
                if (d != null) {
                    firstDescriptor.putIfAbsent(String.valueOf(UrnIds.normalize(s.trackId())), d);
                }
                Sound sound = null;
                if (d != null) {
                    sound = sound(d);
                } else if (r.trackFileId() != null) {
                    MxfHeaderReader.MxfTrackFile tf = trackFiles.apply(r.trackFileId());
                    if (tf != null && tf.readable() && MxfEssence.of(tf.descriptor()).sound() != null) {
                        sound = sound(MxfEssence.of(tf.descriptor()));
                    }
                }
                if (sound != null) {
                    byTrack.computeIfAbsent(String.valueOf(UrnIds.normalize(s.trackId())), k -> new ArrayList<>())
                            .add(sound);
                }
            }
        }
        Optional<CoreConstraints.Revision> core = CoreConstraints.of(cpl);
        Severity unlabelled = core.map(CoreConstraints.Rule.MCA_LABELS::severity)
                .orElse(mcaRequired(cpl) ? Severity.ERROR : Severity.WARNING);
        Set<String> seen = new LinkedHashSet<>();
        for (Map.Entry<String, List<Sound>> track : byTrack.entrySet()) {
            String element = CompositionPlaylist.MAIN_AUDIO + " " + track.getKey();
            Sound first = track.getValue().get(0);
            for (Sound s : track.getValue()) {
                List<String> differences = new ArrayList<>();
                differ(differences, "AudioSampleRate", first.audioSampleRate(), s.audioSampleRate());
                differ(differences, "ChannelCount", first.channelCount(), s.channelCount());
                differ(differences, "QuantizationBits", first.bits(), s.bits());
                if (!differences.isEmpty()) {
                    out.add(Finding.of(FindingCode.ESSENCE_NOT_HOMOGENEOUS, cpl.file(), element,
                            "the audio track changes from one resource to another: "
                                    + String.join("; ", differences).replace(" in the CPL, ", " first, ")
                                    .replace(" in the file", " later")));
                    break;
                }
            }
            if (!seen.add(first.toString())) {
                continue;
            }
            CompositionPlaylist.EssenceDescriptor descriptor = firstDescriptor.get(track.getKey());
            if (core.isPresent() && descriptor != null) {
                CoreConstraints.checkAudio(core.get(), descriptor, cpl.file(), element, out);
            } else {
                app2e.ifPresent(rev -> App2e.checkAudio(first, cpl.file(), element, out));
            }
            if (first.channels().isEmpty() && first.groups().isEmpty()) {
                boolean required = unlabelled == Severity.ERROR;
                out.add(new Finding(FindingCode.AUDIO_CHANNEL_LABELS_INVALID, unlabelled, cpl.file(), element,
                        "the audio descriptor has no MCA labels (SMPTE ST 377-4 soundfield group and channel "
                                + "labels); " + (required ? "the core constraints of "
                                + core.map(r -> r.title).orElse("ST 2067-2:2016 and later") + " require them"
                                : "ST 2067-2:2013 did not require them, but Netflix reads the layout from them")));
            } else if (first.channelCount() != null && !first.channels().isEmpty()
                    && first.channels().size() != first.channelCount()) {
                out.add(Finding.of(FindingCode.AUDIO_CHANNEL_LABELS_INVALID, cpl.file(), element,
                        "the audio has " + first.channelCount() + " channels but " + first.channels().size()
                                + " channel labels " + first.channels()));
            } else if (first.groups().isEmpty()) {
                out.add(Finding.of(FindingCode.AUDIO_CHANNEL_LABELS_INVALID, cpl.file(), element,
                        "the audio's channel labels belong to no soundfield group (e.g. sg51 for 5.1)"));
            } else if (!App2e.layoutMatches(first.groups(), first.channelCount())) {
                out.add(Finding.of(FindingCode.AUDIO_CHANNEL_LABELS_INVALID, cpl.file(), element,
                        "the soundfield group " + first.groups() + " does not fit " + first.channelCount()
                                + " channels"));
            }
        }
    }

    /** MCA labels are required by the core constraints of ST 2067-2:2016 and later. */
    static boolean mcaRequired(CompositionPlaylist cpl) {
        for (CompositionPlaylist.ApplicationId id : cpl.applicationIds()) {
            if (id.namespace() != null && !id.namespace().contains("/2013")) {
                return true;
            }
        }
        return cpl.namespace() != null && !cpl.namespace().endsWith("/2013");
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer integer(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
