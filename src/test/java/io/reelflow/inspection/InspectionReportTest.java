package io.reelflow.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InspectionReportTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "plain          | plain                ",
            "say \"hi\"     | say \\\"hi\\\"       ",
            "C:\\path       | C:\\\\path           ",
            "tab\there      | tab\\there           "})
    void escapesJsonStrings(String raw, String escaped) {
        String input = raw.replace("\\t", "\t");
        assertThat(Json.string(input)).isEqualTo("\"" + escaped + "\"");
    }

    @Test
    void escapesControlAndLineSeparatorCharacters() {
        assertThat(Json.string("a\nb\r\u0001\u2028é漢")).isEqualTo("\"a\\nb\\r\\u0001\\u2028é漢\"");
        assertThat(Json.string(null)).isEqualTo("null");
    }

    @Test
    void jsonListsEveryFindingAndTheVerdict() {
        InspectionReport report = new InspectionReport("IMF package \"x\"", List.of(
                Finding.of(FindingCode.ASSET_HASH_MISMATCH, "VIDEO.mxf", "Asset urn:uuid:1", "bad \"hash\""),
                Finding.of(FindingCode.UNREFERENCED_FILE, "notes.txt", null, "stray")), List.of("note"));

        String json = report.toJson();

        assertThat(json).contains("\"subject\": \"IMF package \\\"x\\\"\"", "\"passed\": false",
                "\"errorCount\": 1", "\"warningCount\": 1",
                "{\"code\": \"ASSET_HASH_MISMATCH\", \"severity\": \"ERROR\", \"file\": \"VIDEO.mxf\", "
                        + "\"element\": \"Asset urn:uuid:1\", \"message\": \"bad \\\"hash\\\"\"}",
                "\"element\": null", "\"notes\": [\n    \"note\"\n  ]");
        assertThat(json.chars().filter(c -> c == '{').count()).isEqualTo(json.chars().filter(c -> c == '}').count());
    }

    @Test
    void summaryIsOneParagraphWithCountsErrorsFirst() {
        InspectionReport report = new InspectionReport("IMF package p", List.of(
                Finding.of(FindingCode.UNREFERENCED_FILE, "a.txt", null, "stray a."),
                Finding.of(FindingCode.ASSET_FILE_MISSING, "v.mxf", null, "v.mxf is missing."),
                Finding.of(FindingCode.ASSET_FILE_MISSING, "w.mxf", null, "w.mxf is missing."),
                Finding.of(FindingCode.TRACK_DURATION_MISMATCH, "cpl.xml", null, "audio short")));

        assertThat(report.summary()).isEqualTo("IMF package p: FAILED, 3 errors, 1 warning: "
                + "asset file missing (ASSET_FILE_MISSING): v.mxf is missing (and 1 more); "
                + "track duration differs from the picture (sync) (TRACK_DURATION_MISMATCH): audio short; "
                + "file not named by the ASSETMAP (UNREFERENCED_FILE): stray a.");
        assertThat(report.summary()).doesNotContain("\n");
    }

    @Test
    void warningsAloneStillPass() {
        InspectionReport report = new InspectionReport("x", List.of(
                Finding.of(FindingCode.UNREFERENCED_FILE, "a.txt", null, "stray")));

        assertThat(report.passed()).isTrue();
        assertThat(report.summary()).isEqualTo("x: PASSED with 1 warning: file not named by the ASSETMAP "
                + "(UNREFERENCED_FILE): stray.");
        assertThat(new InspectionReport("y", List.of()).summary()).isEqualTo("y: PASSED, no errors or warnings.");
    }
}
