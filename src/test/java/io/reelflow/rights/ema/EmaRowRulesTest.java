package io.reelflow.rights.ema;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.platform.web.FieldProblem;
import io.reelflow.rights.ema.EmaRowRules.EmaRight;
import io.reelflow.rights.ema.EmaTemplate.Column;
import io.reelflow.rights.rules.Media;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pure rules of an EMA row and the template's vocabulary mapping, table-driven. */
class EmaRowRulesTest {

    private static Map<Column, String> good() {
        Map<Column, String> m = new HashMap<>();
        m.put(EmaTemplate.DISPLAY_NAME, "Harbour Films");
        m.put(EmaTemplate.CONTENT_ID, "10.5240/1111-2222-3333-4444-5555-C");
        m.put(EmaTemplate.ALID, "md:alid:org:harbour:lighthouse");
        m.put(EmaTemplate.WORK_TYPE, "Movie");
        m.put(EmaTemplate.INTERNAL_ALIAS, "The Last Lighthouse");
        m.put(EmaTemplate.TERRITORY, "de");
        m.put(EmaTemplate.LICENSE_TYPE, "VOD");
        m.put(EmaTemplate.START, "2027-01-01");
        m.put(EmaTemplate.END, "Open");
        m.put(EmaTemplate.EXCLUSIVE, "Yes");
        return m;
    }

    private static EmaRecord record(Map<Column, String> text) {
        Map<Column, String> at = new HashMap<>();
        for (Column c : EmaTemplate.COLUMNS) at.put(c, "Avails!" + EmaXlsxReader.letters(EmaTemplate.COLUMNS.indexOf(c)) + "4");
        return new EmaRecord("Avails!row 4", text, Map.of(), at);
    }

    @Test
    void aGoodRowIsARightWithOurMediumAndAnOpenEnd() {
        List<FieldProblem> problems = new ArrayList<>();
        Optional<EmaRight> r = EmaRowRules.check(record(good()), problems);
        assertThat(problems).isEmpty();
        assertThat(r).get().satisfies(right -> {
            assertThat(right.media()).isEqualTo(Media.TVOD);
            assertThat(right.territory()).isEqualTo("DE");
            assertThat(right.start()).isEqualTo(LocalDate.of(2027, 1, 1));
            assertThat(right.end()).isNull();
            assertThat(right.exclusive()).isTrue();
        });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            Territory    | XX         | Avails!J4 | AvailTrans/Territory
            Territory    | NULL       | Avails!J4 | required
            LicenseType  | AVOD       | Avails!K4 | 'AVOD' is not a licence type we hold rights as
            Start        | 01/02/2027 | Avails!L4 | is not a date: use a date cell or YYYY-MM-DD
            Start        | 2027-02-30 | Avails!L4 | not a day of the calendar
            End          | 2026-12-31 | Avails!M4 | before the start
            End          | forever    | Avails!M4 | (or Open)
            Exclusive    | maybe      | Avails!N4 | must be Yes or No
            WorkType     | Film       | Avails!F4 | is not one of [Movie, Episode, Season, Series]
            DisplayName  | NULL       | Avails!B4 | required
            """)
    void aBadCellIsNamedByItsCellAndColumn(String field, String value, String at, String reason) {
        Map<Column, String> text = good();
        Column column = EmaTemplate.COLUMNS.stream().filter(c -> c.field().equals(field)).findFirst().orElseThrow();
        if (value == null) text.remove(column);
        else text.put(column, value);
        List<FieldProblem> problems = new ArrayList<>();

        assertThat(EmaRowRules.check(record(text), problems)).isEmpty();

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).field()).isEqualTo(at);
        assertThat(problems.get(0).reason()).startsWith(column.key()).contains(reason);
    }

    @ParameterizedTest
    @CsvSource({
            "10.5240/1111-2222-3333-4444-5555-C, 10.5240/1111-2222-3333-4444-5555-C",
            "md:cid:eidr-s:1111-2222-3333-4444-5555-C, 10.5240/1111-2222-3333-4444-5555-C",
            "md:cid:EIDR-X:10.5240/abcd-2222-3333-4444-5555-C, 10.5240/ABCD-2222-3333-4444-5555-C"})
    void eidrIdsAreReadInEveryFormOfContentId(String contentId, String eidr) {
        assertThat(EmaTemplate.eidr(contentId)).contains(eidr);
        assertThat(EmaTemplate.contentIdXml(eidr)).isEqualTo("md:cid:eidr-s:" + eidr.substring(8));
    }

    @Test
    void mediaMapToTheAvailsVocabularyAndBack() {
        assertThat(EmaTemplate.licenseType(Media.SVOD)).contains("SVOD");
        assertThat(EmaTemplate.licenseType(Media.TVOD)).contains("VOD");
        assertThat(EmaTemplate.licenseType(Media.EST)).contains("EST");
        assertThat(EmaTemplate.licenseType(Media.AVOD)).isEmpty();
        for (Media m : EmaTemplate.emaMedia()) assertThat(EmaTemplate.media(EmaTemplate.licenseType(m).orElseThrow())).contains(m);
        assertThat(EmaTemplate.ownTitleId(EmaTemplate.alid(42))).contains(42L);
        assertThat(EmaTemplate.ownTitleId("md:alid:org:elsewhere:title-42")).isEmpty();
        assertThat(EmaTemplate.availType(EmaTemplate.workType("FEATURE"))).isEqualTo("single");
    }

    @Test
    void anXmlEndAtMidnightEndsTheDayBefore() {
        assertThat(EmaXmlReader.day("2029-12-31T23:59:59", true)).contains(LocalDate.of(2029, 12, 31));
        assertThat(EmaXmlReader.day("2030-01-01T00:00:00", true)).contains(LocalDate.of(2029, 12, 31));
        assertThat(EmaXmlReader.day("2030-01-01T00:00:00Z", false)).contains(LocalDate.of(2030, 1, 1));
        assertThat(EmaXmlReader.day("next year", false)).isEmpty();
    }
}
