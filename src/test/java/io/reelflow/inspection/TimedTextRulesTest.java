package io.reelflow.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Netflix's per-language rules come from the resource file, with its source stated. */
class TimedTextRulesTest {

    @TempDir
    Path temp;

    @Test
    void verticalJapaneseLinesHaveTheirOwnLimit() throws Exception {
        String twelve = "あいうえおかきくけこさし";
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"
                    xmlns:tts="http://www.w3.org/ns/ttml#styling" xml:lang="ja" ttp:frameRate="24"
                    ttp:contentProfiles="http://www.w3.org/ns/ttml/profile/imsc1.1/text">
                  <head>
                    <styling><style xml:id="v" tts:writingMode="tbrl"/></styling>
                    <layout>
                      <region xml:id="right" style="v" tts:origin="80% 10%" tts:extent="15% 80%"/>
                      <region xml:id="bottom" tts:origin="10% 80%" tts:extent="80% 15%"/>
                    </layout>
                  </head>
                  <body><div>
                    <p xml:id="h" begin="1s" end="5s" region="bottom">TWELVE</p>
                    <p xml:id="pv" begin="6s" end="10s" region="right">TWELVE</p>
                  </div></body>
                </tt>
                """.replace("TWELVE", twelve);

        InspectionReport report = new TimedTextInspector().inspect(Files.writeString(temp.resolve("ja.ttml"), xml),
                TimedTextExpectations.of("ja"));

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(FindingCode.TTML_LINE_TOO_LONG);
            assertThat(f.element()).startsWith("p xml:id=pv ");
            assertThat(f.message()).contains("vertical line", "12 characters", "at most 11");
        });
    }

    @Test
    void theTableNamesItsSourceAndHasATemplateRow() throws Exception {
        String text = new String(TimedTextRules.class.getResourceAsStream(TimedTextRules.RESOURCE).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);

        assertThat(text).contains("Source: Netflix Partner Help Center", "not confirmed");
        assertThat(TimedTextRules.rows()).containsKey("*");
        assertThat(TimedTextRules.rows().values()).allSatisfy(r -> assertThat(r.status()).isNotBlank());
    }

    @Test
    void aTagFallsBackToItsPrimaryLanguageThenToTheTemplate() {
        assertThat(TimedTextRules.forLanguage("en-US").tag()).isEqualTo("en");
        assertThat(TimedTextRules.forLanguage("pt-BR").tag()).isEqualTo("pt");
        assertThat(TimedTextRules.forLanguage("zh-Hant").tag()).isEqualTo("zh");
        assertThat(TimedTextRules.forLanguage("sv").tag()).isEqualTo("*");
    }

    @Test
    void limitsDifferByLanguageKidsAndSdh() {
        assertThat(ReadingLimits.forLanguage("en", false, false).maxCharactersPerSecond()).isEqualTo(20);
        assertThat(ReadingLimits.forLanguage("en", true, false).maxCharactersPerSecond()).isEqualTo(17);
        assertThat(ReadingLimits.forLanguage("de", false, true).maxCharactersPerSecond()).isEqualTo(17);
        assertThat(ReadingLimits.forLanguage("de", true, false).maxCharactersPerSecond()).isEqualTo(13);
        ReadingLimits ja = ReadingLimits.forLanguage("ja", false, false);
        assertThat(ja.maxCharactersPerLine()).isEqualTo(13);
        assertThat(TimedTextRules.forLanguage("ja").verticalCharactersPerLine()).isEqualTo(11);
        assertThat(TimedTextRules.forLanguage("ko").verticalCharactersPerLine()).isEqualTo(16);
        assertThat(ja.halfWidthCountsHalf()).isTrue();
        assertThat(TimedTextRules.forLanguage("ja").imsc11Required()).isTrue();
        assertThat(TimedTextRules.forLanguage("ko").imsc11Required()).isFalse();
    }

    @Test
    void halfWidthCharactersCountHalfWhereTheLanguageSaysSo() {
        ReadingLimits ko = ReadingLimits.forLanguage("ko", false, false);

        assertThat(ko.halfUnits("안녕")).isEqualTo(4);
        assertThat(ko.halfUnits("DVD 1")).isEqualTo(5);
        assertThat(ko.halfUnits("ＡＢ")).isEqualTo(4); // full-width Latin counts whole
        assertThat(ReadingLimits.forLanguage("en", false, false).halfUnits("DVD 1")).isEqualTo(10);
    }

    @Test
    void expectationsUseTheLanguagesRulesUnlessGivenOthers() {
        assertThat(TimedTextExpectations.of("en").limits().maxCharactersPerSecond()).isEqualTo(20);
        assertThat(TimedTextExpectations.of("en").forKids().limits().maxCharactersPerSecond()).isEqualTo(17);
        assertThat(TimedTextExpectations.of("en").asSdh().forKids().limits().maxCharactersPerSecond())
                .isEqualTo(17);
        assertThat(TimedTextExpectations.of("fr").withLimits(ReadingLimits.KIDS).limits())
                .isEqualTo(ReadingLimits.KIDS);
    }
}
