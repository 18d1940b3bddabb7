package io.reelflow.inspection;

import java.util.List;
import java.util.Map;

/**
 * The ttp: timing parameters of a TTML document (TTML1 §7.2), validated. Where an attribute is invalid or absent
 * the TTML default is used so the rest of the file can still be checked.
 */
final class TimingParameters {

    static final String TTP = "http://www.w3.org/ns/ttml#parameter";

    final boolean frameRateSpecified;
    final int frameRate;                 // nominal frames per second (ttp:frameRate), default 30
    final Rational frameRateMultiplier;  // default 1
    final int subFrameRate;              // default 1
    final Rational tickRate;             // ttp:tickRate, or its TTML default
    final boolean tickRateSpecified;     // Netflix: tick times need an explicit ttp:tickRate
    final String timeBase;               // media | smpte | clock
    final String dropMode;               // nonDrop | dropNTSC | dropPAL

    private TimingParameters(boolean frameRateSpecified, int frameRate, Rational frameRateMultiplier,
                             int subFrameRate, Rational tickRate, boolean tickRateSpecified, String timeBase,
                             String dropMode) {
        this.frameRateSpecified = frameRateSpecified;
        this.frameRate = frameRate;
        this.frameRateMultiplier = frameRateMultiplier;
        this.subFrameRate = subFrameRate;
        this.tickRate = tickRate;
        this.tickRateSpecified = tickRateSpecified;
        this.timeBase = timeBase;
        this.dropMode = dropMode;
    }

    /** Frames per second actually played: ttp:frameRate × ttp:frameRateMultiplier (e.g. 24 × 1000/1001). */
    Rational effectiveFrameRate() {
        return Rational.of(frameRate).times(frameRateMultiplier);
    }

    static TimingParameters defaults() {
        return new TimingParameters(false, 30, Rational.ONE, 1, Rational.ONE, false, "media", "nonDrop");
    }

    /**
     * @param attributes ttp: attributes of the tt element by local name
     */
    static TimingParameters from(Map<String, String> attributes, String file, List<Finding> out) {
        String frameRateText = attributes.get("frameRate");
        Integer frameRate = positiveInt(frameRateText, "ttp:frameRate", file, out);
        String multiplierText = attributes.get("frameRateMultiplier");
        Rational multiplier = Rational.ONE;
        if (multiplierText != null) {
            String[] parts = multiplierText.trim().split("\\s+");
            if (parts.length == 2 && parts[0].matches("[1-9]\\d{0,8}") && parts[1].matches("[1-9]\\d{0,8}")) {
                multiplier = Rational.of(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            } else {
                out.add(invalid(file, "ttp:frameRateMultiplier " + Plain.quote(multiplierText)
                        + " is not two positive integers separated by a space (e.g. \"1000 1001\")"));
            }
            if (frameRateText == null) {
                out.add(Finding.of(FindingCode.TTML_TIMING_INCONSISTENT, file, "tt",
                        "ttp:frameRateMultiplier is given without ttp:frameRate, so it multiplies the default "
                                + "30 fps; state ttp:frameRate"));
            }
        }
        Integer subFrameRate = positiveInt(attributes.get("subFrameRate"), "ttp:subFrameRate", file, out);
        Integer tickRate = positiveInt(attributes.get("tickRate"), "ttp:tickRate", file, out);

        String timeBase = attributes.getOrDefault("timeBase", "media").trim();
        if (timeBase.equals("clock")) {
            out.add(Finding.of(FindingCode.TTML_TIME_BASE_UNSUPPORTED, file, "tt",
                    "ttp:timeBase=\"clock\" ties subtitles to wall-clock time; Netflix accepts only media time"));
        } else if (timeBase.equals("smpte")) {
            out.add(Finding.of(FindingCode.TTML_TIME_BASE_UNSUPPORTED, file, "tt",
                    "ttp:timeBase=\"smpte\" labels frames with time code; Netflix does not accept the smpte time "
                            + "base: express times in media time (ttp:timeBase=\"media\")"));
        } else if (!timeBase.equals("media") && !timeBase.equals("smpte")) {
            out.add(invalid(file, "ttp:timeBase " + Plain.quote(timeBase) + " is not media, smpte or clock"));
            timeBase = "media";
        }
        String dropMode = attributes.getOrDefault("dropMode", "nonDrop").trim();
        if (!dropMode.equals("nonDrop") && !dropMode.equals("dropNTSC") && !dropMode.equals("dropPAL")) {
            out.add(invalid(file, "ttp:dropMode " + Plain.quote(dropMode) + " is not nonDrop, dropNTSC or dropPAL"));
            dropMode = "nonDrop";
        }
        if (!dropMode.equals("nonDrop") && !timeBase.equals("smpte")) {
            out.add(Finding.of(FindingCode.TTML_TIMING_INCONSISTENT, file, "tt",
                    "ttp:dropMode=\"" + dropMode + "\" applies only with ttp:timeBase=\"smpte\""));
        }
        if (dropMode.equals("dropNTSC") && frameRate != null && frameRate != 30) {
            out.add(Finding.of(FindingCode.TTML_TIMING_INCONSISTENT, file, "tt",
                    "ttp:dropMode=\"dropNTSC\" is defined for 30 fps timecode, but ttp:frameRate is " + frameRate));
        }
        int fr = frameRate == null ? 30 : frameRate;
        int sfr = subFrameRate == null ? 1 : subFrameRate;
        // TTML1 §7.2.10: without ttp:tickRate, ticks are sub-frames when a frame rate is given, else seconds.
        Rational ticks = tickRate != null ? Rational.of(tickRate)
                : frameRateText != null ? Rational.of(fr).times(multiplier).times(sfr) : Rational.ONE;
        return new TimingParameters(frameRate != null, fr, multiplier, sfr, ticks, tickRate != null, timeBase,
                dropMode);
    }

    private static Integer positiveInt(String text, String name, String file, List<Finding> out) {
        if (text == null) {
            return null;
        }
        if (!text.trim().matches("[1-9]\\d{0,8}")) {
            out.add(invalid(file, name + " " + Plain.quote(text) + " is not a positive whole number below a billion"));
            return null;
        }
        return Integer.valueOf(text.trim());
    }

    private static Finding invalid(String file, String message) {
        return Finding.of(FindingCode.TTML_TIMING_ATTRIBUTE_INVALID, file, "tt", message);
    }
}
