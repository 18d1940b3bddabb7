package io.reelflow.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hostile files made for the tests and the benchmark: deep, wide, huge; and the check that messages stay plain. */
final class HostileFiles {

    private HostileFiles() {
    }

    /** {@code depth} nested elements named {@code element} inside {@code <root>} (written streaming). */
    static Path deep(Path file, String rootOpen, String rootClose, String element, int depth) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            w.write(rootOpen);
            w.write('\n');
            for (int i = 0; i < depth; i++) {
                w.write("<" + element + ">");
            }
            for (int i = 0; i < depth; i++) {
                w.write("</" + element.split(" ")[0] + ">");
            }
            w.write('\n');
            w.write(rootClose);
        }
        return file;
    }

    /** A TTML file of {@code paragraphs} one-line events, 3 s apart, each 2 s long (valid for Netflix). */
    static Path wideTimedText(Path file, int paragraphs, String language) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" \
                    xml:lang="%s" ttp:frameRate="24" ttp:frameRateMultiplier="1000 1001">
                    <body><div>
                    """.formatted(language));
            for (int i = 0; i < paragraphs; i++) {
                long ms = 3000L * i;
                w.write("<p xml:id=\"p" + i + "\" begin=\"" + ms + "ms\" end=\"" + (ms + 2000)
                        + "ms\">Line " + i + " of the subtitles.</p>\n");
            }
            w.write("</div></body>\n</tt>\n");
        }
        return file;
    }

    /** A sparse file of the given size: nothing is written, so it costs no disk. */
    static Path sparse(Path file, long bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes);
        }
        return file;
    }

    /** No finding shows raw parser or number text, an exception, or a path that is not the package's. */
    static void assertPlain(InspectionReport report, String... neverMentioned) {
        for (Finding f : report.findings()) {
            assertThat(f.message()).as(f.toString())
                    .doesNotContain("For input string")
                    .doesNotContain("null")
                    .doesNotContain("Exception")
                    .doesNotContain("JAXP")
                    .doesNotContain("ParseError")
                    .doesNotContain("java.");
            for (String s : neverMentioned) {
                assertThat(f.toString()).as(f.toString()).doesNotContain(s);
            }
        }
    }
}
