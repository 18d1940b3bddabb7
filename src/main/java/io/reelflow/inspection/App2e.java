package io.reelflow.inspection;

import static io.reelflow.inspection.SmpteUl.Named.CODING_BT2020_NCL;
import static io.reelflow.inspection.SmpteUl.Named.CODING_BT601;
import static io.reelflow.inspection.SmpteUl.Named.CODING_BT709;
import static io.reelflow.inspection.SmpteUl.Named.PRIMARIES_BT2020;
import static io.reelflow.inspection.SmpteUl.Named.PRIMARIES_BT470_PAL;
import static io.reelflow.inspection.SmpteUl.Named.PRIMARIES_BT709;
import static io.reelflow.inspection.SmpteUl.Named.PRIMARIES_P3_D65;
import static io.reelflow.inspection.SmpteUl.Named.PRIMARIES_SMPTE_170M;
import static io.reelflow.inspection.SmpteUl.Named.TRANSFER_BT2020;
import static io.reelflow.inspection.SmpteUl.Named.TRANSFER_BT709;
import static io.reelflow.inspection.SmpteUl.Named.TRANSFER_PQ;
import static io.reelflow.inspection.SmpteUl.Named.TRANSFER_XVYCC;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SMPTE ST 2067-21 (IMF Application #2 Extended) as data: the application ids of its revisions, the colour
 * combinations COLOR.1 to COLOR.7 with the component depths each allows, the JPEG 2000 / HTJ2K profiles with the
 * largest picture each may carry, and the image and audio constraints. docs/inspection.md prints these tables.
 */
final class App2e {

    private App2e() {
    }

    enum Revision {
        R2014("2014"), R2016("2016"), R2020("2020"), R2021("2021");

        final String year;

        Revision(String year) {
            this.year = year;
        }

        /** HTJ2K (ISO/IEC 15444-15) is allowed from ST 2067-21:2021 (and in the 2020 amendment Netflix reads as it). */
        boolean allowsHtj2k() {
            return this == R2020 || this == R2021;
        }
    }

    static final Map<String, Revision> IDS = new LinkedHashMap<>();

    static {
        IDS.put("http://www.smpte-ra.org/schemas/2067-21/2014", Revision.R2014);
        IDS.put("http://www.smpte-ra.org/schemas/2067-21/2016", Revision.R2016);
        IDS.put("http://www.smpte-ra.org/ns/2067-21/2016", Revision.R2016);
        IDS.put("http://www.smpte-ra.org/ns/2067-21/2020", Revision.R2020);
        IDS.put("http://www.smpte-ra.org/ns/2067-21/2021", Revision.R2021);
    }

    /** IMF applications that exist but are not App 2E. */
    static final Map<String, String> OTHER_APPLICATIONS = Map.of(
            "http://www.smpte-ra.org/schemas/2067-20/2013", "IMF Application #2 (ST 2067-20)",
            "http://www.smpte-ra.org/schemas/2067-20/2016", "IMF Application #2 (ST 2067-20)",
            "http://www.smpte-ra.org/ns/2067-40/2016", "IMF Application #4 (ST 2067-40, cinema mezzanine)",
            "http://www.smpte-ra.org/ns/2067-50/2017", "IMF Application #5 ACES (ST 2067-50)",
            "http://www.smpte-ra.org/ns/2067-50/2018", "IMF Application #5 ACES (ST 2067-50)");

    static Optional<Revision> revision(String applicationId) {
        return Optional.ofNullable(IDS.get(applicationId.trim()));
    }

    /** One colour combination of ST 2067-21; {@code coding} null means RGB only (no coding equations). */
    record Color(String name, SmpteUl.Named primaries, SmpteUl.Named transfer, SmpteUl.Named coding,
                 Set<Integer> depths) {
    }

    static final List<Color> COLORS = List.of(
            new Color("COLOR.1", PRIMARIES_BT470_PAL, TRANSFER_BT709, CODING_BT601, Set.of(8, 10)),
            new Color("COLOR.2", PRIMARIES_SMPTE_170M, TRANSFER_BT709, CODING_BT601, Set.of(8, 10)),
            new Color("COLOR.3", PRIMARIES_BT709, TRANSFER_BT709, CODING_BT709, Set.of(8, 10, 12)),
            new Color("COLOR.4", PRIMARIES_BT709, TRANSFER_XVYCC, CODING_BT709, Set.of(8, 10)),
            new Color("COLOR.5", PRIMARIES_BT2020, TRANSFER_BT2020, CODING_BT2020_NCL, Set.of(10, 12)),
            new Color("COLOR.6", PRIMARIES_P3_D65, TRANSFER_PQ, null, Set.of(10, 12, 16)),
            new Color("COLOR.7", PRIMARIES_BT2020, TRANSFER_PQ, CODING_BT2020_NCL, Set.of(10, 12, 16)));

    /** A JPEG 2000 profile family (by the Rsiz high byte) and the largest picture it may carry. */
    record Profile(String name, int rsizHigh, long maxWidth, long maxHeight) {
    }

    static final List<Profile> PROFILES = List.of(
            new Profile("Broadcast Contribution single tile (levels 1–3)", 0x01, 2048, 1080),
            new Profile("Broadcast Contribution multi-tile reversible (levels 6–7)", 0x03, 4096, 2160),
            new Profile("IMF 2K", 0x04, 2048, 1556),
            new Profile("IMF 4K", 0x05, 4096, 3112),
            new Profile("IMF 2K reversible", 0x07, 2048, 1556),
            new Profile("IMF 4K reversible", 0x08, 4096, 3112));

    static final long MAX_RGB_WIDTH = 4096;
    static final long MAX_RGB_HEIGHT = 3112;
    static final long MAX_YCBCR_WIDTH = 3840;
    static final long MAX_YCBCR_HEIGHT = 2160;
    static final Set<Rational> FRAME_RATES = Set.of(Rational.of(24000, 1001), Rational.of(24), Rational.of(25),
            Rational.of(30000, 1001), Rational.of(30), Rational.of(50), Rational.of(60000, 1001), Rational.of(60),
            Rational.of(120));
    static final Set<Rational> AUDIO_SAMPLE_RATES = Set.of(Rational.of(48000), Rational.of(96000));
    static final long AUDIO_BITS = 24;

    /** Soundfield groups and their channel counts (ST 377-4 / ST 2067-8 symbols). */
    static final Map<String, Integer> SOUNDFIELDS = Map.of("sg51", 6, "sg71", 8, "sgSDS", 8, "sgST", 2,
            "sgDM", 2, "sgM", 1, "sgDOL", 2);

    static boolean layoutMatches(List<String> groups, Long channelCount) {
        if (channelCount == null) {
            return true;
        }
        int sum = 0;
        for (String g : groups) {
            Integer n = g == null ? null : SOUNDFIELDS.get(g);
            if (n == null) {
                return true; // a group this table does not know: not judged
            }
            sum += n;
        }
        return sum == channelCount;
    }

    static Optional<Color> color(EssenceConformanceCheck.Image image) {
        Optional<SmpteUl.Named> p = named(image.primaries(), SmpteUl.Category.COLOR_PRIMARIES);
        Optional<SmpteUl.Named> t = named(image.transfer(), SmpteUl.Category.TRANSFER_CHARACTERISTIC);
        Optional<SmpteUl.Named> c = named(image.coding(), SmpteUl.Category.CODING_EQUATIONS);
        for (Color color : COLORS) {
            if (p.orElse(null) != color.primaries() || t.orElse(null) != color.transfer()) {
                continue;
            }
            if (image.rgb()) {
                return Optional.of(color); // RGB pictures carry no Y'CbCr coding: not compared
            }
            if (color.coding() != null && c.orElse(null) == color.coding()) {
                return Optional.of(color);
            }
        }
        return Optional.empty();
    }

    private static Optional<SmpteUl.Named> named(SmpteUl ul, SmpteUl.Category category) {
        return ul == null ? Optional.empty() : ul.lookup(category);
    }

    static String name(SmpteUl ul) {
        return ul == null ? "none" : ul.lookup().map(SmpteUl.Named::displayName).orElse(ul.toString());
    }

    static void checkImage(Revision revision, EssenceConformanceCheck.Image image, String file, String element,
                           List<Finding> out) {
        String app = "App 2E (ST 2067-21:" + revision.year + ")";
        // sizes
        long maxW = image.rgb() ? MAX_RGB_WIDTH : MAX_YCBCR_WIDTH;
        long maxH = image.rgb() ? MAX_RGB_HEIGHT : MAX_YCBCR_HEIGHT;
        Long w = image.storedWidth();
        Long h = image.storedHeight();
        if (w != null && h != null && (w > maxW || h > maxH)) {
            out.add(Finding.of(FindingCode.RESOLUTION_NOT_ALLOWED, file, element, "the picture is " + w + "×" + h
                    + "; " + app + " allows at most " + maxW + "×" + maxH + " for " + (image.rgb() ? "RGB" : "Y′CbCr")
                    + " pictures"));
        }
        // coding: JPEG 2000 profile, or HTJ2K where the revision allows it
        if (image.rsiz() != null) {
            int rsiz = image.rsiz();
            if ((rsiz & 0x4000) != 0) {
                if (!revision.allowsHtj2k()) {
                    out.add(Finding.of(FindingCode.J2K_PROFILE_NOT_ALLOWED, file, element, "the picture is "
                            + "HTJ2K (Rsiz 0x" + Integer.toHexString(rsiz) + "), which " + app
                            + " does not allow; HTJ2K needs ST 2067-21:2021"));
                }
            } else {
                Optional<Profile> profile = PROFILES.stream().filter(p -> p.rsizHigh() == (rsiz >> 8)).findFirst();
                if (profile.isEmpty()) {
                    out.add(Finding.of(FindingCode.J2K_PROFILE_NOT_ALLOWED, file, element, "the JPEG 2000 "
                            + "profile Rsiz 0x" + Integer.toHexString(rsiz) + " is not one " + app + " allows "
                            + "(Broadcast Contribution, IMF 2K/4K, IMF 2K/4K reversible, HTJ2K)"));
                } else if (w != null && h != null
                        && (w > profile.get().maxWidth() || h > profile.get().maxHeight())) {
                    out.add(Finding.of(FindingCode.RESOLUTION_NOT_ALLOWED, file, element, "the picture is " + w
                            + "×" + h + " but its JPEG 2000 profile " + profile.get().name() + " allows at most "
                            + profile.get().maxWidth() + "×" + profile.get().maxHeight()));
                }
            }
        }
        // frame rate
        if (image.sampleRate() != null && !FRAME_RATES.contains(image.sampleRate())
                && (image.frameLayout() == null || image.frameLayout() == 0L)) {
            out.add(Finding.of(FindingCode.FRAME_RATE_NOT_ALLOWED, file, element, "the picture's SampleRate "
                    + image.sampleRate() + " is not a frame rate " + app + " allows"));
        }
        // colour and depth
        boolean labelsKnown = image.primaries() != null && image.transfer() != null
                && image.primaries().lookup(SmpteUl.Category.COLOR_PRIMARIES).isPresent()
                && image.transfer().lookup(SmpteUl.Category.TRANSFER_CHARACTERISTIC).isPresent()
                && (image.coding() == null || image.coding().lookup(SmpteUl.Category.CODING_EQUATIONS).isPresent());
        if (labelsKnown) { // an unregistered label is reported as ..._UNKNOWN already
            Optional<Color> color = color(image);
            if (color.isEmpty()) {
                out.add(Finding.of(FindingCode.COLOR_COMBINATION_NOT_ALLOWED, file, element, "primaries "
                        + name(image.primaries()) + ", transfer " + name(image.transfer())
                        + (image.rgb() ? "" : ", coding " + name(image.coding())) + " is none of the colour "
                        + "combinations COLOR.1 to COLOR.7 of " + app
                        + (image.rgb() ? "" : " for Y′CbCr pictures (COLOR.6, P3-D65 with PQ, is RGB only)")));
            } else if (image.depth() != null && !color.get().depths().contains(image.depth())) {
                out.add(Finding.of(FindingCode.COMPONENT_DEPTH_NOT_ALLOWED, file, element, "the picture has "
                        + image.depth() + "-bit components; " + color.get().name() + " allows "
                        + color.get().depths().stream().sorted().map(String::valueOf).reduce((a, b) -> a + ", " + b)
                        .orElse("") + " bits"));
            }
        }
        // sampling: RGB 4:4:4, Y'CbCr 4:2:2
        if (!image.rgb() && image.horizontalSubsampling() != null) {
            long hs = image.horizontalSubsampling();
            long vs = image.verticalSubsampling() == null ? 1 : image.verticalSubsampling();
            if (hs != 2 || vs != 1) {
                out.add(Finding.of(FindingCode.SAMPLING_NOT_ALLOWED, file, element, "the Y′CbCr picture is "
                        + (hs == 1 && vs == 1 ? "4:4:4" : hs == 2 && vs == 2 ? "4:2:0" : "subsampled " + hs + "×" + vs)
                        + "; " + app + " requires 4:2:2 for Y′CbCr (RGB is 4:4:4)"));
            }
        }
    }

    static void checkAudio(EssenceConformanceCheck.Sound sound, String file, String element, List<Finding> out) {
        if (sound.audioSampleRate() != null && !AUDIO_SAMPLE_RATES.contains(sound.audioSampleRate())) {
            out.add(Finding.of(FindingCode.AUDIO_FORMAT_NOT_ALLOWED, file, element, "the audio is sampled at "
                    + sound.audioSampleRate() + " Hz; IMF audio is 48 kHz or 96 kHz"));
        }
        if (sound.bits() != null && sound.bits() != AUDIO_BITS) {
            out.add(Finding.of(FindingCode.AUDIO_FORMAT_NOT_ALLOWED, file, element, "the audio has "
                    + sound.bits() + "-bit samples; IMF audio is 24-bit PCM"));
        }
    }
}
