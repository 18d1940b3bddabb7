package io.reelflow.inspection;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the deal ordered for the picture and main audio of a composition. Any of resolution, dynamic range and
 * original language may be null, meaning "not part of the order, do not check".
 *
 * @param resolution             HD (1920×1080) or UHD (3840×2160)
 * @param dynamicRange           SDR (Rec.709), HDR10 (Rec.2020 + PQ + mastering metadata) or Dolby Vision
 * @param allowedFrameRates      composition edit rates accepted; Netflix's usual set unless the deal allows more
 * @param atmosRequired          whether an Atmos (IAB) track must be present
 * @param originalLanguage       BCP 47 tag the main audio must be in, compared exactly (case-insensitively)
 * @param minimumAudioChannels   the widest main audio track must have at least this many channels (6 = 5.1)
 */
public record DeliveryOrder(Resolution resolution, DynamicRange dynamicRange, Set<Rational> allowedFrameRates,
                            boolean atmosRequired, String originalLanguage, int minimumAudioChannels) {

    /** 23.976, 24 and 25 fps: the rates a Netflix order accepts unless it says otherwise. */
    public static final Set<Rational> DEFAULT_FRAME_RATES =
            Set.of(Rational.of(24000, 1001), Rational.of(24), Rational.of(25));

    /** 5.1: six channels. */
    public static final int SURROUND_5_1 = 6;

    public enum Resolution {
        HD(1920, 1080),
        UHD(3840, 2160);

        private final int width;
        private final int height;

        Resolution(int width, int height) {
            this.width = width;
            this.height = height;
        }

        public int width() {
            return width;
        }

        public int height() {
            return height;
        }
    }

    public enum DynamicRange {
        SDR,
        HDR10,
        DOLBY_VISION;

        public boolean isHdr() {
            return this != SDR;
        }
    }

    public DeliveryOrder {
        allowedFrameRates = allowedFrameRates == null ? DEFAULT_FRAME_RATES : Set.copyOf(allowedFrameRates);
        if (originalLanguage != null && !Bcp47.isWellFormed(originalLanguage)) {
            throw new IllegalArgumentException("original language '" + originalLanguage + "' is not a BCP 47 tag");
        }
        if (minimumAudioChannels < 0) {
            throw new IllegalArgumentException("minimumAudioChannels must not be negative");
        }
    }

    /** A usual Netflix order: default frame rates, 5.1 minimum, no Atmos. */
    public static DeliveryOrder of(Resolution resolution, DynamicRange dynamicRange, String originalLanguage) {
        return new DeliveryOrder(resolution, dynamicRange, DEFAULT_FRAME_RATES, false, originalLanguage, SURROUND_5_1);
    }

    public DeliveryOrder withAllowedFrameRates(Set<Rational> rates) {
        return new DeliveryOrder(resolution, dynamicRange, rates, atmosRequired, originalLanguage,
                minimumAudioChannels);
    }

    /** Adds frame rates to those allowed (e.g. when a deal accepts 29.97). */
    public DeliveryOrder allowingFrameRates(Set<Rational> extra) {
        Set<Rational> rates = new LinkedHashSet<>(allowedFrameRates);
        rates.addAll(extra);
        return withAllowedFrameRates(rates);
    }

    public DeliveryOrder withAtmosRequired(boolean required) {
        return new DeliveryOrder(resolution, dynamicRange, allowedFrameRates, required, originalLanguage,
                minimumAudioChannels);
    }

    public DeliveryOrder withMinimumAudioChannels(int channels) {
        return new DeliveryOrder(resolution, dynamicRange, allowedFrameRates, atmosRequired, originalLanguage,
                channels);
    }

    public DeliveryOrder withOriginalLanguage(String language) {
        return new DeliveryOrder(resolution, dynamicRange, allowedFrameRates, atmosRequired, language,
                minimumAudioChannels);
    }
}
