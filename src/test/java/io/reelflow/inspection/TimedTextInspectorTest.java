package io.reelflow.inspection;

import static io.reelflow.inspection.FindingCode.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One TTML file per rule, written here, plus a clean file that passes. */
class TimedTextInspectorTest {

    static final String ATTRS = "xml:lang=\"pt-BR\" ttp:timeBase=\"media\" ttp:frameRate=\"24\" "
            + "ttp:frameRateMultiplier=\"1000 1001\"";

    @TempDir
    Path temp;
    final TimedTextInspector inspector = new TimedTextInspector();
    final TimedTextExpectations ptBr = TimedTextExpectations.of("pt-BR").withRuntimeSeconds(Rational.of(60));

    static String tt(String ttAttributes, String paragraphs) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"
                    xmlns:tts="http://www.w3.org/ns/ttml#styling" %s>
                  <body>
                    <div>
                %s
                    </div>
                  </body>
                </tt>
                """.formatted(ttAttributes, paragraphs);
    }

    static String p(String id, String begin, String end, String text) {
        return "      <p xml:id=\"" + id + "\" begin=\"" + begin + "\" end=\"" + end + "\">" + text + "</p>";
    }

    /** Two comfortable events that break no rule; the rule cases add one event or change an attribute. */
    static final String GOOD = p("g1", "00:00:01.000", "00:00:03.000", "Olá, tudo bem?") + "\n"
            + p("g2", "00:00:04:00", "00:00:06:12", "Tudo ótimo.<br/>E você?");

    Path write(String name, String xml) throws IOException {
        Path f = temp.resolve(name);
        Files.writeString(f, xml);
        return f;
    }

    @Test
    void aCleanFilePasses() throws IOException {
        String xml = tt(ATTRS + " ttp:tickRate=\"10000000\"", GOOD + "\n"
                + p("g3", "10s", "12.5s", "Vamos embora.") + "\n"
                + p("g4", "336f", "384f", "<span tts:fontStyle=\"italic\">Agora!</span>") + "\n"
                + p("g5", "170000000t", "190000000t", "Até   logo,\n   amigo.") + "\n"
                + "      <p xml:id=\"g6\" begin=\"00:00:20.000\" dur=\"2s\">Tchau.</p>");

        InspectionReport report = inspector.inspect(write("clean.ttml", xml), ptBr);

        assertThat(report.findings()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(report.notes()).anyMatch(n -> n.startsWith("6 events checked"));
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of(TTML_LANGUAGE_MISSING, tt(ATTRS.replace("xml:lang=\"pt-BR\"", ""), GOOD)),
                Arguments.of(TTML_LANGUAGE_INVALID, tt(ATTRS.replace("pt-BR", "pt_BR"), GOOD)),
                Arguments.of(TTML_LANGUAGE_MISMATCH, tt(ATTRS.replace("pt-BR", "pt"), GOOD)),
                Arguments.of(TTML_FRAME_RATE_MISSING, tt("xml:lang=\"pt-BR\"", GOOD)),
                Arguments.of(TTML_TIME_BASE_UNSUPPORTED, tt(ATTRS.replace("media", "clock"), GOOD)),
                Arguments.of(TTML_TIMING_ATTRIBUTE_INVALID, tt(ATTRS.replace("1000 1001", "1000/1001"), GOOD)),
                Arguments.of(TTML_TIMING_INCONSISTENT, tt(ATTRS.replace("ttp:frameRate=\"24\"", ""),
                        p("a", "1s", "3s", "Oi."))),
                Arguments.of(TTML_TIME_EXPRESSION_INVALID, tt(ATTRS, GOOD + p("x", "10.5x", "12s", "Oi."))),
                Arguments.of(TTML_TIME_EXPRESSION_INVALID, tt(ATTRS, GOOD + p("x", "00:00:10:24", "12s", "Oi."))),
                Arguments.of(TTML_DUPLICATE_ID, tt(ATTRS, GOOD + p("g1", "10s", "12s", "Oi."))),
                Arguments.of(TTML_EVENT_OUTSIDE_RUNTIME, tt(ATTRS, GOOD + p("x", "59s", "61s", "Fim."))),
                Arguments.of(TTML_EVENT_OUT_OF_ORDER, tt(ATTRS, p("b", "10s", "12s", "Depois.") + GOOD)),
                Arguments.of(TTML_EVENT_OVERLAP, tt(ATTRS, GOOD + p("x", "6s", "8s", "Cedo demais."))),
                // g2 ends at 00:00:06:12; one frame later is 00:00:06:13
                Arguments.of(TTML_EVENT_GAP_TOO_SHORT, tt(ATTRS, GOOD + p("x", "00:00:06:13", "8s", "Perto."))),
                Arguments.of(TTML_EVENT_TOO_SHORT, tt(ATTRS, GOOD + p("x", "10s", "10.5s", "Oi."))),
                Arguments.of(TTML_EVENT_TOO_LONG, tt(ATTRS, GOOD + p("x", "10s", "17.5s", "Muito tempo."))),
                Arguments.of(TTML_TOO_MANY_LINES, tt(ATTRS, GOOD + p("x", "10s", "14s", "Um<br/>dois<br/>três"))),
                Arguments.of(TTML_LINE_TOO_LONG, tt(ATTRS, GOOD + p("x", "10s", "14s", "a".repeat(43)))),
                // 36 characters in 2 s is 18 per second
                Arguments.of(TTML_READING_SPEED_TOO_HIGH, tt(ATTRS, GOOD + p("x", "10s", "12s", "b".repeat(36)))),
                Arguments.of(TTML_EVENT_UNTIMED, tt(ATTRS, GOOD + "<p xml:id=\"x\">Sem tempo.</p>")),
                Arguments.of(TTML_EVENT_EMPTY, tt(ATTRS, GOOD + p("x", "10s", "12s", "  <br/> "))),
                Arguments.of(TTML_NO_EVENTS, tt(ATTRS, "")),
                Arguments.of(TTML_NAMESPACE_INVALID, tt(ATTRS, GOOD).replace("http://www.w3.org/ns/ttml\"",
                        "http://www.w3.org/2006/10/ttaf1\"")),
                Arguments.of(XML_MALFORMED, tt(ATTRS, GOOD).replace("</div>", "")),
                Arguments.of(XML_DOCTYPE_FORBIDDEN, tt(ATTRS, GOOD).replace("<tt ",
                        "<!DOCTYPE tt [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<tt ")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleIsReported(FindingCode expected, String xml) throws IOException {
        InspectionReport report = inspector.inspect(write("rule.ttml", xml), ptBr);

        assertThat(report.findings()).extracting(Finding::code).containsExactly(expected);
        assertThat(report.findings().get(0).file()).isEqualTo("rule.ttml");
    }

    @Test
    void limitsAreInclusive() throws IOException {
        // 5/6 s exactly (20 frames at 24 fps), 7 s exactly, 42 characters, 17 characters per second, 2-frame gap
        String attrs = "xml:lang=\"pt-BR\" ttp:frameRate=\"24\"";
        String xml = tt(attrs, p("a", "00:00:01:00", "00:00:01:20", "Oi.") + "\n"
                + p("b", "00:00:01:22", "00:00:08:22", "c".repeat(42)) + "\n"
                + p("c", "00:00:10:00", "00:00:12:00", "d".repeat(34)));

        assertThat(inspector.inspect(write("edges.ttml", xml), ptBr).findings()).isEmpty();
    }

    @Test
    void kidsTitlesReadSlower() throws IOException {
        // 28 characters in 2 s: 14 per second, fine for adults (17), too fast for kids (13)
        Path f = write("kids.ttml", tt(ATTRS, p("a", "10s", "12s", "e".repeat(28))));

        assertThat(inspector.inspect(f, ptBr).findings()).isEmpty();
        assertThat(inspector.inspect(f, ptBr.forKids()).findings()).extracting(Finding::code)
                .containsExactly(TTML_READING_SPEED_TOO_HIGH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pt-BR", "pt-br", "PT-BR"})
    void languageIsComparedIgnoringCaseOnly(String written) throws IOException {
        Path f = write("case.ttml", tt(ATTRS.replace("pt-BR", written), GOOD));

        assertThat(inspector.inspect(f, ptBr).findings()).isEmpty();
    }

    @Test
    void ptIsNotPtBr() throws IOException {
        Path f = write("pt.ttml", tt(ATTRS.replace("pt-BR", "pt"), GOOD));

        Finding finding = inspector.inspect(f, ptBr).findings().get(0);

        assertThat(finding.code()).isEqualTo(TTML_LANGUAGE_MISMATCH);
        assertThat(finding.message()).contains("pt is not pt-BR");
    }

    @Test
    void rubyAnnotationsDoNotCountAsCharacters() throws IOException {
        // IMSC 1.1 ruby (Japanese): 13 base characters plus a 10-character reading stay within Japanese's 13
        String ruby = "<span tts:ruby=\"container\"><span tts:ruby=\"base\">" + "漢".repeat(13)
                + "</span><span tts:ruby=\"text\">" + "か".repeat(10) + "</span></span>";
        Path f = write("ja.ttml", tt(ATTRS.replace("pt-BR", "ja")
                + " ttp:contentProfiles=\"http://www.w3.org/ns/ttml/profile/imsc1.1/text\"",
                p("a", "10s", "16s", ruby)));

        assertThat(inspector.inspect(f, TimedTextExpectations.of("ja")).findings()).isEmpty();
    }

    @Test
    void smpteTimeBaseIsRefusedButItsDropFrameTimesCountRealTime() throws IOException {
        // 00:01:00;02 drop-frame at 29.97 is frame 1800 → 1800 × 1001/30000 = 60.06 s; with a 60 s runtime it is out
        String attrs = "xml:lang=\"pt-BR\" ttp:timeBase=\"smpte\" ttp:frameRate=\"30\" "
                + "ttp:frameRateMultiplier=\"1000 1001\" ttp:dropMode=\"dropNTSC\"";
        Path f = write("smpte.ttml", tt(attrs, p("a", "00:00:57:00", "00:01:00:02", "Fim.")));

        InspectionReport report = inspector.inspect(f, ptBr);

        // Netflix does not accept the smpte time base, but its times are still computed right
        assertThat(report.findings()).extracting(Finding::code)
                .containsExactlyInAnyOrder(TTML_TIME_BASE_UNSUPPORTED, TTML_EVENT_OUTSIDE_RUNTIME);
        assertThat(report.findings(TTML_EVENT_OUTSIDE_RUNTIME).get(0).message()).contains("00:01:00.060");
    }

    @Test
    void anEmptyForcedNarrativeIsOnlyAWarning() throws IOException {
        InspectionReport report = inspector.inspect(write("fn.ttml", tt(ATTRS, "")), ptBr.asForcedNarrative());

        assertThat(report.findings()).extracting(Finding::code, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TTML_NO_EVENTS, Severity.WARNING));
        assertThat(report.passed()).isTrue();
    }

    // ---- forced narrative against the full subtitles

    static final String FULL = tt(ATTRS, GOOD + "\n"
            + p("f1", "00:00:10.000", "00:00:12.000", "PRISÃO FEDERAL<br/>DE SEGURANÇA MÁXIMA") + "\n"
            + p("f2", "00:00:20.000", "00:00:22.000", "Três anos depois"));

    @Test
    void forcedEventsFoundInTheFullSubtitlesPass() throws IOException {
        Path forced = write("forced.ttml", tt(ATTRS,
                p("n1", "00:00:10.500", "00:00:12.000", "PRISÃO FEDERAL\n   DE SEGURANÇA MÁXIMA") + "\n"
                        + p("n2", "00:00:20.000", "00:00:22.000", "Três  anos depois")));

        InspectionReport report = inspector.crossCheckForcedNarrative(forced, write("full.ttml", FULL));

        assertThat(report.findings()).isEmpty();
    }

    @Test
    void forcedEventsMissingOrDifferentInTheFullSubtitlesFail() throws IOException {
        Path forced = write("forced.ttml", tt(ATTRS,
                p("n1", "00:00:10.000", "00:00:12.000", "PRISÃO ESTADUAL<br/>DE SEGURANÇA MÁXIMA") + "\n"
                        + p("n2", "00:00:30.000", "00:00:32.000", "Três anos depois")));

        InspectionReport report = inspector.crossCheckForcedNarrative(forced, write("full.ttml", FULL));

        assertThat(report.findings()).extracting(Finding::code, Finding::element).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FORCED_EVENT_NOT_IN_FULL_SUBTITLES, "p xml:id=n1 (line 6)"),
                org.assertj.core.groups.Tuple.tuple(FORCED_EVENT_NOT_IN_FULL_SUBTITLES, "p xml:id=n2 (line 7)"));
        assertThat(report.findings().get(0).message()).contains("PRISÃO FEDERAL DE SEGURANÇA MÁXIMA");
        assertThat(report.findings().get(1).message()).contains("no event of full.ttml overlaps");
    }

    @Test
    void forcedNarrativeInAnotherLanguageFails() throws IOException {
        Path forced = write("forced.ttml", tt(ATTRS.replace("pt-BR", "pt-PT"), ""));

        assertThat(inspector.crossCheckForcedNarrative(forced, write("full.ttml", FULL)).findings())
                .extracting(Finding::code).containsExactly(FORCED_LANGUAGE_MISMATCH);
    }
}
