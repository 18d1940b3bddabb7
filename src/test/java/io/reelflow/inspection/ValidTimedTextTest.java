package io.reelflow.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Valid files using each timing and layout construct: none may get an ERROR. */
class ValidTimedTextTest {

    @TempDir
    Path temp;

    static String doc(String lang, String ttAttrs, String head, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"
                    xmlns:tts="http://www.w3.org/ns/ttml#styling" xml:lang="%s" ttp:timeBase="media"
                    ttp:frameRate="24" ttp:frameRateMultiplier="1000 1001" %s>
                  <head>%s</head>
                  %s
                </tt>
                """.formatted(lang, ttAttrs, head, body);
    }

    static final String HEAD = """
            <styling>
              <style xml:id="base" tts:fontFamily="proportionalSansSerif" tts:color="white"/>
              <style xml:id="italic" style="base" tts:fontStyle="italic"/>
            </styling>
            <layout>
              <region xml:id="bottom" tts:origin="10% 80%" tts:extent="80% 15%" style="base"/>
              <region xml:id="top" tts:origin="10% 5%" tts:extent="80% 15%"/>
            </layout>""";

    static Stream<Arguments> files() {
        StringBuilder seq = new StringBuilder("<body><div timeContainer=\"seq\" region=\"bottom\">");
        for (int i = 0; i < 10; i++) {
            seq.append("<p begin=\"1s\" dur=\"2s\">Line number ").append(i).append(" in a row.</p>\n");
        }
        seq.append("</div></body>");
        return Stream.of(
                Arguments.of("ten events in a seq container", "en", "", HEAD, seq.toString()),
                Arguments.of("times inherited from nested divs", "en", "", HEAD,
                        "<body region=\"bottom\"><div begin=\"00:01:00.000\"><div begin=\"10s\">"
                                + "<p begin=\"0s\" end=\"2s\" style=\"italic\">Inside two divs.</p>"
                                + "<p begin=\"3s\" end=\"5s\">Still inside.</p></div></div></body>"),
                Arguments.of("a div's interval gives its p theirs", "en", "", HEAD,
                        "<body><div begin=\"1s\" end=\"3s\" region=\"top\"><p>Shown with its div.</p></div>"
                                + "<div begin=\"4s\" end=\"6s\" region=\"bottom\"><p>And the next.</p></div></body>"),
                Arguments.of("spans on separate source lines make one line", "en", "", HEAD,
                        "<body><div><p begin=\"1s\" end=\"4s\" region=\"bottom\">\n"
                                + "      <span style=\"italic\">Thirty-nine characters</span>\n"
                                + "      <span>on a single line.</span>\n"
                                + "      <br/>\n"
                                + "      <span>And a second line.</span>\n"
                                + "    </p></div></body>"),
                Arguments.of("region timing", "en", "",
                        "<layout><region xml:id=\"r\" begin=\"1s\" end=\"10s\" tts:origin=\"0% 80%\" "
                                + "tts:extent=\"100% 20%\"/></layout>",
                        "<body region=\"r\"><div><p begin=\"0s\" end=\"3s\">Cut to the region.</p></div></body>"),
                Arguments.of("ticks with a tick rate", "en", "ttp:tickRate=\"10000000\"", HEAD,
                        "<body><div><p begin=\"10000000t\" end=\"30000000t\">Ticks.</p></div></body>"),
                Arguments.of("Japanese in IMSC 1.1 with ruby", "ja",
                        "ttp:contentProfiles=\"http://www.w3.org/ns/ttml/profile/imsc1.1/text\"", HEAD,
                        "<body><div><p begin=\"1s\" end=\"5s\"><span tts:ruby=\"container\">"
                                + "<span tts:ruby=\"base\">漢字</span><span tts:ruby=\"textContainer\">"
                                + "<span tts:ruby=\"text\">かんじ</span></span></span>です。<br/>ＡＢＣのＸ</p>"
                                + "</div></body>"),
                Arguments.of("Korean with half-width Latin counting half", "ko", "", HEAD,
                        "<body><div><p begin=\"1s\" end=\"4s\">안녕하세요 DVD 12개</p></div></body>"),
                Arguments.of("pixel regions inside the root container", "en", "tts:extent=\"1920px 1080px\"",
                        "<layout><region xml:id=\"px\" tts:origin=\"192px 864px\" tts:extent=\"1536px 162px\"/>"
                                + "</layout>",
                        "<body region=\"px\"><div><p begin=\"1s\" end=\"3s\">Pixels.</p></div></body>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void noErrors(String what, String lang, String ttAttrs, String head, String body) throws IOException {
        Path f = Files.writeString(temp.resolve("valid.ttml"), doc(lang, ttAttrs, head, body));

        InspectionReport report = new TimedTextInspector().inspect(f,
                TimedTextExpectations.of(lang).withRuntimeSeconds(Rational.of(3600)));

        assertThat(report.findings()).as(what).isEmpty();
        assertThat(report.notes()).as(what).noneMatch(n -> n.startsWith("0 events"));
    }
}
