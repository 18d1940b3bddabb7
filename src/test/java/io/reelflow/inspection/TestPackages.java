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
