package io.reelflow.inspection;

import static io.reelflow.inspection.FindingCode.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timed-text files made to break the inspection: every one gives findings, never an exception. */
class HostileTimedTextTest {

    static final String TT_OPEN = "<tt xmlns=\"http://www.w3.org/ns/ttml\" "
            + "xmlns:ttp=\"http://www.w3.org/ns/ttml#parameter\" xml:lang=\"en\" ttp:frameRate=\"24\"><body>";
    static final String TT_CLOSE = "</body></tt>";

    @TempDir
    Path temp;
    final TimedTextInspector inspector = new TimedTextInspector();
    final TimedTextExpectations en = TimedTextExpectations.of("en");

    InspectionReport inspect(String name, String xml) throws IOException {
        Path f = temp.resolve(name);
        Files.writeString(f, xml);
        return inspector.inspect(f, en);
    }

    static String ttEn(String paragraphs) {
        return TimedTextInspectorTest.tt(TimedTextInspectorTest.ATTRS.replace("pt-BR", "en"), paragraphs);
    }

    @Test
    void threeHundredThousandNestedDivsStopAtTheDepthLimit() throws IOException {
        Path f = HostileFiles.deep(temp.resolve("deep.ttml"), TT_OPEN, TT_CLOSE, "div begin=\"1s\"", 300_000);

        InspectionReport report = inspector.inspect(f, en);

        assertThat(report.findings()).extracting(Finding::code).containsExactly(XML_LIMIT_EXCEEDED);
        assertThat(report.findings().get(0).message()).contains("64 levels", "line 3", "<div>");
        HostileFiles.assertPlain(report);
    }

    @Test
    void theReportedQuadraticFileIsRefusedAtOnce() throws IOException {
        // 40,000 nested <div begin> around 20,000 <p>: the file that exhausted a 6 GB heap
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + TT_OPEN);
        xml.append("<div begin=\"1s\">".repeat(40_000));
        for (int i = 0; i < 20_000; i++) {
            xml.append("<p begin=\"1s\" end=\"2s\">x</p>");
        }
        xml.append("</div>".repeat(40_000)).append(TT_CLOSE);

        InspectionReport report = inspect("quadratic.ttml", xml.toString());

        assertThat(report.findings()).extracting(Finding::code).containsExactly(XML_LIMIT_EXCEEDED);
    }

    @Test
    void aHundredThousandEventsAreCheckedAndTheirFindingsBounded() throws IOException {
        // every event is 2 s for 28+ characters: 14 per second, too fast for a Portuguese kids' title (13)
        Path f = HostileFiles.wideTimedText(temp.resolve("wide.ttml"), 100_000, "pt-BR");

        InspectionReport report = inspector.inspect(f, TimedTextExpectations.of("pt-BR").forKids());

        assertThat(report.notes()).anyMatch(n -> n.startsWith("100000 events checked"));
        assertThat(report.findings(TTML_READING_SPEED_TOO_HIGH)).hasSize(FindingSink.PER_CODE + 1);
        assertThat(report.findings(TTML_READING_SPEED_TOO_HIGH).get(FindingSink.PER_CODE).message())
                .startsWith("98900 more findings like this"); // events 1000 and on have 27 characters or more
    }

    @Test
    void aFileOverTheSizeLimitIsNotRead() throws IOException {
        Path f = HostileFiles.sparse(temp.resolve("huge.ttml"), XmlLimits.TIMED_TEXT.maxBytes() + 1);

        InspectionReport report = inspector.inspect(f, en);

        assertThat(report.findings()).extracting(Finding::code).containsExactly(FILE_TOO_LARGE);
        HostileFiles.assertPlain(report);
    }

    @Test
    void aSymlinkIsNeverFollowed() throws IOException {
        Path outside = Files.writeString(temp.resolve("outside-secret.txt"), "root:x:0:0");
        Path link = Files.createSymbolicLink(temp.resolve("subs.ttml"), outside);

        InspectionReport report = inspector.inspect(link, en);

        assertThat(report.findings()).extracting(Finding::code).containsExactly(ASSET_SYMLINK);
        HostileFiles.assertPlain(report, "outside-secret", "root:x");
    }

    @Test
    void latin1BytesAreNotUtf8() throws IOException {
        Path f = temp.resolve("latin1.ttml");
        Files.write(f, TimedTextInspectorTest.tt(TimedTextInspectorTest.ATTRS,
                TimedTextInspectorTest.p("a", "1s", "3s", "Olá")).replace("encoding=\"UTF-8\"", "")
                .getBytes(StandardCharsets.ISO_8859_1));

        InspectionReport report = inspector.inspect(f, TimedTextExpectations.of("pt-BR"));

        assertThat(report.findings()).extracting(Finding::code).containsExactly(TTML_ENCODING_INVALID);
        assertThat(report.findings().get(0).message()).contains("line 6", "not valid UTF-8");
    }

    @Test
    void utf16IsNotUtf8() throws IOException {
        Path f = temp.resolve("utf16.ttml");
        Files.write(f, TimedTextInspectorTest.tt(TimedTextInspectorTest.ATTRS,
                TimedTextInspectorTest.p("a", "1s", "3s", "Olá")).replace("UTF-8", "UTF-16")
                .getBytes(StandardCharsets.UTF_16));

        assertThat(inspector.inspect(f, TimedTextExpectations.of("pt-BR")).findings()).extracting(Finding::code)
                .containsExactly(TTML_ENCODING_INVALID);
    }

    @Test
    void anotherDeclaredEncodingIsRefused() throws IOException {
        InspectionReport report = inspect("declared.ttml", TimedTextInspectorTest.tt(TimedTextInspectorTest.ATTRS,
                TimedTextInspectorTest.p("a", "1s", "3s", "Ola")).replace("UTF-8", "ISO-8859-1"));

        assertThat(report.findings()).extracting(Finding::code).containsExactly(TTML_ENCODING_INVALID);
        assertThat(report.findings().get(0).message()).contains("\"ISO-8859-1\"");
    }

    @Test
    void aUtf8ByteOrderMarkIsAccepted() throws IOException {
        Path f = temp.resolve("bom.ttml");
        byte[] body = TimedTextInspectorTest.tt(TimedTextInspectorTest.ATTRS, TimedTextInspectorTest.GOOD)
                .getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(f, withBom);

        assertThat(inspector.inspect(f, TimedTextExpectations.of("pt-BR")).findings()).isEmpty();
    }

    @Test
    void hugeNumbersAreFindingsInPlainWords() throws IOException {
        InspectionReport report = inspect("numbers.ttml", TimedTextInspectorTest.tt(TimedTextInspectorTest.ATTRS.replace("pt-BR", "en")
                        + " ttp:tickRate=\"99999999999999999999\"",
                TimedTextInspectorTest.p("a", "99999999999999999999s", "3s", "A") + "\n"
                        + TimedTextInspectorTest.p("b", "99999999999:00:00", "3s", "B") + "\n"
                        + TimedTextInspectorTest.p("c", "1s", "00:00:01:99999999999999", "C") + "\n"
                        + TimedTextInspectorTest.p("d", "1" + "0".repeat(50) + "s", "3s", "D")));

        assertThat(report.findings()).extracting(Finding::code).containsOnly(TTML_TIMING_ATTRIBUTE_INVALID,
                TTML_TIME_EXPRESSION_INVALID);
        assertThat(report.findings(TTML_TIME_EXPRESSION_INVALID)).hasSize(4);
        HostileFiles.assertPlain(report);
    }

    @Test
    void ticksNeedATickRate() throws IOException {
        InspectionReport report = inspect("ticks.ttml", ttEn(
                TimedTextInspectorTest.p("a", "10000000t", "30000000t", "A")));

        assertThat(report.findings()).extracting(Finding::code).contains(TTML_TICK_RATE_MISSING);
        assertThat(report.findings(TTML_TICK_RATE_MISSING).get(0).element()).isEqualTo("<p> at line 6");
    }

    @Test
    void styleAndRegionReferencesAreResolved() throws IOException {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"
                    xmlns:tts="http://www.w3.org/ns/ttml#styling" xml:lang="en" ttp:frameRate="24"
                    tts:extent="1920px 1080px">
                  <head>
                    <styling>
                      <style xml:id="s1" style="s2"/>
                      <style xml:id="s2" style="s1"/>
                    </styling>
                    <layout>
                      <region xml:id="low" tts:origin="10% 80%" tts:extent="80% 30%"/>
                      <region xml:id="wide" tts:origin="100px 900px" tts:extent="1900px 100px"/>
                      <region xml:id="huge" tts:origin="1E999999999% 0%" tts:extent="1% 1%"/>
                    </layout>
                  </head>
                  <body><div>
                    <p begin="1s" end="3s" style="nothing" region="nowhere">A</p>
                  </div></body>
                </tt>
                """;

        InspectionReport report = inspect("refs.ttml", xml);

        assertThat(report.findings()).extracting(Finding::code).containsExactlyInAnyOrder(
                TTML_REGION_OUTSIDE_ROOT, TTML_REGION_OUTSIDE_ROOT, TTML_STYLE_REFERENCE_INVALID,
                TTML_REGION_REFERENCE_INVALID, TTML_STYLE_REFERENCE_INVALID);
        assertThat(report.findings(TTML_REGION_OUTSIDE_ROOT)).extracting(Finding::message)
                .anyMatch(m -> m.contains("110 % of the root container's height"))
                .anyMatch(m -> m.contains("104.2 % of the root container's width"));
        assertThat(report.findings(TTML_STYLE_REFERENCE_INVALID)).extracting(Finding::message)
                .anyMatch(m -> m.contains("\"nothing\""))
                .anyMatch(m -> m.contains("loop"));
        assertThat(report.findings(TTML_REGION_REFERENCE_INVALID).get(0).element()).isEqualTo("<p> at line 17");
    }

    @Test
    void japaneseNeedsImsc11() throws IOException {
        InspectionReport report = inspector.inspect(Files.writeString(temp.resolve("ja.ttml"),
                TimedTextInspectorTest.tt(TimedTextInspectorTest.ATTRS.replace("pt-BR", "ja"),
                        TimedTextInspectorTest.p("a", "1s", "4s", "こんにちは"))), TimedTextExpectations.of("ja"));

        assertThat(report.findings()).extracting(Finding::code).containsExactly(TTML_PROFILE_REQUIRED);
    }

    @Test
    void anUnknownTimeContainerIsAFinding() throws IOException {
        InspectionReport report = inspect("container.ttml", ttEn(
                "<p begin=\"1s\" end=\"3s\" timeContainer=\"excl\">A</p>"));

        assertThat(report.findings()).extracting(Finding::code).containsExactly(TTML_TIMING_ATTRIBUTE_INVALID);
    }

    @Test
    void notXmlAtAllIsAFinding() throws IOException {
        InspectionReport report = inspect("binary.ttml", "\u0000\u0001PK garbage");

        assertThat(report.passed()).isFalse();
        HostileFiles.assertPlain(report);
    }
}
