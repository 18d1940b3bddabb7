package io.reelflow.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Netflix's per-language rules come from the resource file, with its source stated. */
class TimedTextRulesTest {

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
