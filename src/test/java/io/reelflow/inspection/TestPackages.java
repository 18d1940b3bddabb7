package io.reelflow.inspection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Deliverables written by tests of other rooms: a clean HD SDR IMF package and clean timed text. */
public final class TestPackages {

    /** Seconds of picture in {@link #hdSdrPackage}: 240 frames at 24000/1001. */
    public static final String COMPOSITION_SECONDS = "10.01";

    private TestPackages() {
    }

    /** A complete IMP that passes inspection against an HD SDR order for an English title (5.1, 23.976). */
    public static Path hdSdrPackage(Path dir) throws IOException {
        return new SyntheticPackage().writeTo(dir);
    }

    /**
     * A 5.1 48 kHz 24-bit PCM IMF audio track file (MXF, MCA-labelled, English) of {@code seconds} of a 1 kHz tone at
     * {@code dbfs} on the centre only, or on every channel but the LFE when {@code allChannels}.
     */
    public static Path pcmAudioTrackFile(Path file, double dbfs, int seconds, boolean allChannels) throws IOException {
        Files.createDirectories(file.getParent());
        int frames = seconds * 48000;
        double[] x = new double[frames * 6];
        double a = Math.pow(10, dbfs / 20);
        for (int n = 0; n < frames; n++) {
            double v = a * Math.sin(2 * Math.PI * 1000 * n / 48000.0);
            for (int c = 0; c < 6; c++) {
                x[n * 6 + c] = c == 3 ? 0 : (allChannels || c == 2) ? v : 0;
            }
        }
        DialogueGateTest.writeMxf(file, x);
        return file;
    }

    /** A TTML subtitle file in {@code language} that breaks no rule. */
    public static Path cleanTimedText(Path file, String language) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, TimedTextInspectorTest.tt(
                "xml:lang=\"" + language + "\" ttp:timeBase=\"media\" ttp:frameRate=\"24\" ttp:frameRateMultiplier=\"1000 1001\""
                        + (TimedTextRules.forLanguage(language).imsc11Required()
                        ? " ttp:contentProfiles=\"" + TimedTextRules.IMSC11_TEXT + "\"" : ""),
                TimedTextInspectorTest.p("s1", "00:00:01.000", "00:00:03.000", "Hello there.") + "\n"
                        + TimedTextInspectorTest.p("s2", "00:00:04.000", "00:00:06.000", "See you.")));
        return file;
    }
}
