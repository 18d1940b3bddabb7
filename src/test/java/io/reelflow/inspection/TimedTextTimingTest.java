package io.reelflow.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every TTML1 timing construct, with the event times it must give (TTML1 §10: time containers and intervals). */
class TimedTextTimingTest {

    @TempDir
    Path temp;

    static String doc(String head, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"
                    xmlns:tts="http://www.w3.org/ns/ttml#styling" xml:lang="en" ttp:frameRate="24"
                    ttp:frameRateMultiplier="1000 1001" tts:extent="1920px 1080px">
                  <head>%s</head>
                %s
                </tt>
                """.formatted(head, body);
    }

    record Read(List<String> events, FindingSink findings) {
    }

    Read read(String xml) throws IOException, XmlProblem {
        Path f = temp.resolve("t.ttml");
        Files.writeString(f, xml);
        List<String> events = new ArrayList<>();
        FindingSink out = new FindingSink();
        TimedTextReader.read(f, "t.ttml", XmlLimits.TIMED_TEXT, out, new TimedTextReader.Listener() {
            @Override
            public void root(TimedTextReader.Root root) {
            }

            @Override
            public void event(TimedTextReader.Event e) {
                events.add(e.id() + " " + seconds(e.begin()) + "-" + seconds(e.end())
                        + " " + String.join("|", e.lines()));
            }
        });
        return new Read(events, out);
    }

    static String seconds(Rational r) {
        return new java.math.BigDecimal(r.numerator())
                .divide(new java.math.BigDecimal(r.denominator()), 3, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    static Stream<Arguments> constructs() {
        return Stream.of(
                Arguments.of("begins add up down par containers (body, div, p)", doc("",
                        "<body begin='5s'><div begin='10s'><p xml:id='a' begin='1s' end='3s'>A</p></div></body>"),
                        List.of("a 16.000-18.000 A")),
                Arguments.of("end on p is relative to its sync base, like begin", doc("",
                        "<body><div begin='10s'><p xml:id='a' begin='1s' end='3s'>A</p></div></body>"),
                        List.of("a 11.000-13.000 A")),
                Arguments.of("a p without timing takes its div's interval", doc("",
                        "<body><div begin='10s' end='14s'><p xml:id='a'>A</p></div></body>"),
                        List.of("a 10.000-14.000 A")),
                Arguments.of("a p is clipped by its div's end", doc("",
                        "<body><div end='12s'><p xml:id='a' begin='1s' end='20s'>A</p></div></body>"),
                        List.of("a 1.000-12.000 A")),
                Arguments.of("a p is clipped by its div's dur", doc("",
                        "<body><div begin='10s' dur='3s'><p xml:id='a' begin='1s' end='5s'>A</p></div></body>"),
                        List.of("a 11.000-13.000 A")),
                Arguments.of("a p is clipped by the body's end", doc("",
                        "<body end='2s'><div><p xml:id='a' begin='1s' end='5s'>A</p></div></body>"),
                        List.of("a 1.000-2.000 A")),
                Arguments.of("dur and end together: the earlier wins", doc("",
                        "<body><div><p xml:id='a' begin='1s' end='4s' dur='2s'>A</p></div></body>"),
                        List.of("a 1.000-3.000 A")),
                Arguments.of("seq: each child begins when the previous one ends, plus its own begin", doc("",
                        "<body><div timeContainer='seq'><p xml:id='a' dur='2s'>A</p><p xml:id='b' dur='3s'>B</p>"
                                + "<p xml:id='c' begin='1s' dur='2s'>C</p></div></body>"),
                        List.of("a 0.000-2.000 A", "b 2.000-5.000 B", "c 6.000-8.000 C")),
                Arguments.of("seq inside a div that begins later", doc("",
                        "<body begin='1s'><div timeContainer='seq' begin='1s'><p xml:id='a' begin='1s' dur='2s'>A"
                                + "</p><p xml:id='b' begin='1s' dur='2s'>B</p></div></body>"),
                        List.of("a 3.000-5.000 A", "b 6.000-8.000 B")),
                Arguments.of("seq of divs: a div ends with its last child (implicit duration)", doc("",
                        "<body timeContainer='seq'><div><p xml:id='a' begin='1s' end='3s'>A</p></div>"
                                + "<div><p xml:id='b' begin='1s' end='2s'>B</p></div></body>"),
                        List.of("a 1.000-3.000 A", "b 4.000-5.000 B")),
                Arguments.of("a p ends with its timed spans when it has no end of its own", doc("",
                        "<body><div><p xml:id='a' begin='1s'><span begin='0s' end='2s'>A</span>\n   "
                                + "<span begin='2s' end='3s'>B</span></p></div></body>"),
                        List.of("a 1.000-4.000 A B")),
                Arguments.of("spans are clipped by their p", doc("",
                        "<body><div><p xml:id='a' begin='1s' end='2s'><span end='9s'>A</span></p></div></body>"),
                        List.of("a 1.000-2.000 A")),
                Arguments.of("region timing clips the events shown in it, inherited from the div", doc(
                        "<layout><region xml:id='r1' begin='5s' end='8s' tts:origin='10% 80%' "
                                + "tts:extent='80% 10%'/></layout>",
                        "<body><div region='r1'><p xml:id='a' begin='4s' end='10s'>A</p>"
                                + "<p xml:id='b' begin='6s' end='7s'>B</p></div></body>"),
                        List.of("a 5.000-8.000 A", "b 6.000-7.000 B")),
                Arguments.of("frames and ticks", doc("",
                        "<body><div><p xml:id='a' begin='00:00:01:12' end='48f'>A</p></div></body>")
                        .replace("ttp:frameRate=\"24\"", "ttp:frameRate=\"24\" ttp:tickRate=\"10\""),
                        List.of("a 1.500-2.002 A")),
                Arguments.of("lines come from br only, never from source line breaks between spans", doc("",
                        "<body><div><p xml:id='a' begin='1s' end='3s'>\n  <span>One</span>\n  <span>line</span>"
                                + "<br/>\n  <span>two</span>\n</p></div></body>"),
                        List.of("a 1.000-3.000 One line|two")),
                Arguments.of("metadata inside a p is not text", doc("",
                        "<body><div><p xml:id='a' begin='1s' end='3s'><metadata><ttm:desc "
                                + "xmlns:ttm='http://www.w3.org/ns/ttml#metadata'>a note</ttm:desc></metadata>"
                                + "Shown</p></div></body>"),
                        List.of("a 1.000-3.000 Shown")),
                Arguments.of("xml:space='preserve' keeps line feeds as line breaks", doc("",
                        "<body><div><p xml:id='a' begin='1s' end='3s' xml:space='preserve'>One\ntwo</p></div>"
                                + "</body>"),
                        List.of("a 1.000-3.000 One|two")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constructs")
    void eventTimes(String construct, String xml, List<String> expected) throws Exception {
        Read r = read(xml);

        assertThat(r.events()).as(construct).containsExactlyElementsOf(expected);
        assertThat(r.findings().findings()).as(construct).isEmpty();
    }

    @Test
    void aParagraphClippedAwayByItsDivIsNeverShown() throws Exception {
        Read r = read(doc("", "<body><div end='2s'><p xml:id='a' begin='3s' end='5s'>A</p></div></body>"));

        assertThat(r.events()).isEmpty();
        assertThat(r.findings().findings()).extracting(Finding::code)
                .containsExactly(FindingCode.TTML_EVENT_NEVER_SHOWN);
    }

    @Test
    void textWithoutAnyEndIsUntimed() throws Exception {
        Read r = read(doc("", "<body><div begin='1s'><p xml:id='a'>A</p></div></body>"));

        assertThat(r.events()).isEmpty();
        assertThat(r.findings().findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.TTML_EVENT_UNTIMED);
            assertThat(f.message()).contains("no end");
            assertThat(f.element()).isEqualTo("p xml:id=a (line 6)");
        });
    }

    @Test
    void aSeqChildAfterOneThatNeverEndsNeverBegins() throws Exception {
        Read r = read(doc("", "<body><div timeContainer='seq'><p xml:id='a' begin='1s'>A</p>"
                + "<p xml:id='b' dur='1s'>B</p></div></body>"));

        assertThat(r.findings().findings()).extracting(Finding::code)
                .containsExactly(FindingCode.TTML_EVENT_UNTIMED, FindingCode.TTML_EVENT_UNTIMED);
        assertThat(r.findings().findings().get(1).message()).contains("never begins");
    }

    @Test
    void timeExpressionsOnBodyAndDivAreCheckedWithoutAnyParagraph() throws Exception {
        Read r = read(doc("", "<body begin='1x'><div end='00:99:00.000'/></body>"));

        assertThat(r.findings().findings()).extracting(Finding::code, Finding::element).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FindingCode.TTML_TIME_EXPRESSION_INVALID, "<body> at line 6"),
                org.assertj.core.groups.Tuple.tuple(FindingCode.TTML_TIME_EXPRESSION_INVALID, "<div> at line 6"));
    }

    @Test
    void tenThousandNestedDivsAddUpWithoutCopying() throws Exception {
        // the begins of 60 nested divs (the depth limit is 64) accumulate down the tree
        String open = "<div begin='1s'>".repeat(60);
        String close = "</div>".repeat(60);
        Read r = read(doc("", "<body>" + open + "<p xml:id='a' begin='1s' end='2s'>A</p>" + close + "</body>"));

        assertThat(r.events()).containsExactly("a 61.000-62.000 A");
    }
}
