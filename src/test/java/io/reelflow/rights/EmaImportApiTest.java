package io.reelflow.rights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelflow.rights.ema.EmaAvail;
import io.reelflow.rights.ema.EmaTemplate;
import io.reelflow.rights.ema.EmaTestFiles;
import io.reelflow.rights.ema.EmaXlsxWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rights-in from EMA Avails over real HTTP: export → import round-trips to the same rights (XLSX and XML), titles are matched
 * by EIDR or an explicit mapping and never created, and a hostile file (not EMA, old template, formula or merged cells,
 * dates as text, a million rows, a zip bomb) answers 400 naming the sheet, row and column, storing nothing.
 */
class EmaImportApiTest extends EmaApiTestSupport {

    private static final String IMPORT = "/api/rights-in/import/ema";
    private static final String XLSX = EmaTemplate.XLSX_MEDIA_TYPE;

    long source;

    @BeforeEach
    void sourceTitle() {
        source = createTitle(unique("EMA Source"), "en");
        long rightsIn = createRightsIn(source, "[\"DE\", \"FR\", \"AT\"]", "[\"SVOD\", \"TVOD\", \"EST\"]", "2027-01-01", "2029-12-31", true);
        Response hb = postJson("rita", "/api/rights-in/" + rightsIn + "/holdbacks", """
                {"territories": ["FR"], "media": ["SVOD"], "periodStart": "2027-01-01", "periodEnd": "2027-06-30", "reason": "theatrical"}""");
        assertThat(hb.status()).as(hb.body()).isEqualTo(201);
        jdbc.update("""
                INSERT INTO grant_out (title_id, territory, media, window_start, window_end, exclusive, licensee, deal_ref, status)
                VALUES (?, 'AT', 'EST', DATE '2027-01-01', DATE '2027-12-31', true, 'Other Buyer', ?, 'ACTIVE')""", source, unique("OTH"));
    }

    @Test
    void xlsxExportImportedForAnotherTitleGivesItTheSameAvails() {
        exportImportRoundTrip("xlsx");
    }

    @Test
    void xmlExportImportedForAnotherTitleGivesItTheSameAvails() {
        exportImportRoundTrip("xml");
    }

    private void exportImportRoundTrip(String format) {
        String params = "&from=2027-01-01&to=2029-12-31&format=" + format;
        Bytes exported = download("rita", "/api/avails/ema?titleIds=" + source + params, null);
        assertThat(exported.status()).as(exported.text()).isEqualTo(200);
        long target = createTitle(unique("EMA Target"), "en");
        int before = count("select count(*) from rights_in");

        Bytes imported = upload("rita", IMPORT + "?map=" + enc(EmaTemplate.alid(source) + "=" + target),
                format.equals("xml") ? "application/xml" : XLSX, exported.body());

        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        assertThat(count("select count(*) from rights_in where title_id = ?", target)).isPositive();
        assertThat(count("select count(*) from rights_in")).isGreaterThan(before);
        assertThat(count("select count(*) from rights_in where title_id = ?", source)).isEqualTo(1);
        Bytes again = download("rita", "/api/avails/ema?titleIds=" + target + params, null);
        assertThat(rights(again, format)).isEqualTo(rights(exported, format)).hasSize(9);
    }

    /** Territory, licence type, window and exclusivity of every exported row. */
    private Set<String> rights(Bytes file, String format) {
        if (format.equals("xlsx")) {
            return readXlsx(file.body()).stream().map(r -> r.get("AvailTrans/Territory") + "|" + r.get("AvailTrans/LicenseType") + "|"
                    + r.get("AvailTrans/Start") + "|" + r.get("AvailTrans/End") + "|" + r.get("AvailTrans/Exclusive")).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> out = new TreeSet<>();
        for (String avail : file.text().split("<avails:Avail>")) {
            if (!avail.contains("<avails:Transaction>")) continue;
            out.add(between(avail, "<md:country>", "<") + "|" + between(avail, "<avails:LicenseType>", "<") + "|" + between(avail, "<avails:Start>", "<")
                    + "|" + between(avail, "<avails:End>", "<") + "|" + between(avail, "<avails:Boolean>", "<"));
        }
        return out;
    }

    @Test
    void aTitleIsMatchedByItsEidrIdAndTheRowBecomesARightsInRecord() {
        String eidr = "10.5240/EEEE-" + String.format("%04X", (int) (System.nanoTime() & 0xFFFF)) + "-1111-2222-3333-K";
        Response t = postJson("rita", "/api/titles", """
                {"name": "%s", "kind": "SERIES", "runtimeMinutes": 45, "originalLanguage": "es", "eidrId": "%s"}""".formatted(unique("EMA Eidr"), eidr));
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        long title = t.json().path("id").asLong();
        byte[] xlsx = sheet(new EmaAvail("Full Extract", "Onda Norte Studios", null, "series", "Series", eidr, "md:alid:org:ondanorte:signal",
                "Signal", "Signal", "GB", "SVOD", LocalDate.parse("2027-02-01"), null, true, null, List.of(), null));

        Bytes r = upload("rita", IMPORT, XLSX, xlsx);

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode held = get("dave", "/api/titles/" + title + "/rights-in").json();
        assertThat(held).hasSize(1);
        assertThat(held.get(0).path("licensor").asText()).isEqualTo("Onda Norte Studios");
        assertThat(held.get(0).path("territories").toString()).isEqualTo("[\"GB\"]");
        assertThat(held.get(0).path("media").toString()).isEqualTo("[\"SVOD\"]");
        assertThat(held.get(0).path("termStart").asText()).isEqualTo("2027-02-01");
        assertThat(held.get(0).path("termEnd").isNull() || held.get(0).path("termEnd").isMissingNode()).as(held.toString()).isTrue();
        assertThat(held.get(0).path("exclusive").asBoolean()).isTrue();
    }

    @Test
    void anUnknownEidrAndBadCellsAreEachNamedBySheetCellAndColumnAndNothingIsStored() {
        byte[] xlsx = sheet(
                new EmaAvail("Full Extract", "Harbour Films", null, "single", "Movie", "10.5240/0000-0000-0000-0000-0000-X", "md:alid:org:harbour:x",
                        "X", "X", "DE", "SVOD", LocalDate.parse("2027-01-01"), LocalDate.parse("2027-12-31"), true, null, List.of(), null),
                new EmaAvail("Full Extract", "Harbour Films", null, "single", "Movie", "md:cid:org:reelflow.io:title-" + source, EmaTemplate.alid(source),
                        "X", "X", "XX", "POEST", LocalDate.parse("2027-01-01"), LocalDate.parse("2026-12-31"), false, null, List.of(), null));

        Bytes r = upload("rita", IMPORT, XLSX, xlsx);

        Map<String, String> errors = errors(r, 400);
        assertThat(errors.get("Avails!G4")).contains("AvailAsset/ContentID").contains("no title with EIDR id 10.5240/0000-0000-0000-0000-0000-X");
        assertThat(errors.get("Avails!J5")).contains("AvailTrans/Territory");
        assertThat(errors.get("Avails!K5")).contains("AvailTrans/LicenseType").contains("'POEST'");
        assertThat(errors.get("Avails!M5")).contains("AvailTrans/End").contains("before the start");
        assertNothingStoredFor(source);
    }

    @Test
    void aFormulaCellMergedCellsAndADateAsTextAreRefusedNamingTheirCells() {
        byte[] xlsx = EmaTestFiles.workbook("Avails", EmaTemplate.COLUMNS, s -> {
            Row row = s.createRow(3);
            String[] values = {"Full Extract", "Harbour Films", "", EmaTemplate.alid(source), "", "Movie", "", "T", "T", "DE", "SVOD", "12/31/2027", "Open", "Yes"};
            for (int c = 0; c < values.length; c++) row.createCell(c).setCellValue(values[c]);
            row.createCell(14).setCellFormula("\"Exclusive \"&K4");
            Row second = s.createRow(4);
            for (int c = 0; c < values.length; c++) second.createCell(c).setCellValue(values[c]);
            second.getCell(11).setCellValue("2027-01-01");
            s.addMergedRegion(new CellRangeAddress(4, 4, 7, 8));
        });
        int before = count("select count(*) from rights_in");

        Map<String, String> errors = errors(upload("rita", IMPORT, XLSX, xlsx), 400);

        assertThat(errors.get("Avails!O4")).contains("formula");
        assertThat(errors.get("Avails!H5:I5")).contains("merged");
        assertThat(errors.get("Avails!L4")).contains("AvailTrans/Start").contains("'12/31/2027' is not a date");
        assertThat(count("select count(*) from rights_in")).isEqualTo(before);
    }

    @Test
    void aWorkbookThatIsNotEmaOrOfAnOlderTemplateIsRefused() {
        assertThat(errors(upload("rita", IMPORT, XLSX, EmaTestFiles.oldTemplate()), 400).get("workbook")).contains("1.7 or older");
        byte[] noLicenseType = EmaTestFiles.workbook("Avails", EmaTemplate.COLUMNS.stream().filter(c -> c != EmaTemplate.LICENSE_TYPE).toList(), s -> { });
        assertThat(errors(upload("rita", IMPORT, XLSX, noLicenseType), 400).get("Avails!row 1-2")).contains("missing required columns [AvailTrans/LicenseType]");
        byte[] other = EmaTestFiles.workbook("Sheet1", EmaTemplate.COLUMNS, s -> { });
        assertThat(errors(upload("rita", IMPORT, XLSX, other), 400).get("workbook")).contains("no sheet named Avails");
        assertThat(errors(upload("rita", IMPORT, XLSX, "title_id,licensor\n1,x".getBytes(StandardCharsets.UTF_8)), 400).get("file"))
                .contains("not an XLSX workbook");
    }

    @Test
    void aMillionRowsStopAtTheRowLimitWithoutReadingThemAll() {
        byte[] xlsx = EmaTestFiles.rawXlsx(EmaTestFiles.manyRows(1_000_000));
        assertThat(xlsx.length).isLessThan(32 * 1024 * 1024);
        int before = count("select count(*) from rights_in");

        Map<String, String> errors = errors(upload("rita", IMPORT, XLSX, xlsx), 400);

        assertThat(errors.values().iterator().next()).contains("more than 60000");
        assertThat(errors).containsKey("Avails!row 60004");
        assertThat(count("select count(*) from rights_in")).isEqualTo(before);
    }

    @Test
    void aZipBombDisguisedAsXlsxIsRefusedBeforeItInflates() {
        byte[] bomb = EmaTestFiles.rawXlsx(EmaTestFiles.bomb(400));
        assertThat(bomb.length).isLessThan(2 * 1024 * 1024);

        Map<String, String> errors = errors(upload("rita", IMPORT, XLSX, bomb), 400);

        assertThat(errors.get("file")).contains("zip bomb");
    }

    @Test
    void xmlOfAnotherSchemaOrWithADoctypeOrBadValuesIsRefusedNamingThePath() {
        String old = "<AvailList xmlns=\"http://www.movielabs.com/schema/avails/v2.1/avails\"/>";
        assertThat(errors(upload("rita", IMPORT, "application/xml", old.getBytes(StandardCharsets.UTF_8)), 400).get("/AvailList"))
                .contains("2.5 or 2.6");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><AvailList>&e;</AvailList>";
        assertThat(errors(upload("rita", IMPORT, "application/xml", xxe.getBytes(StandardCharsets.UTF_8)), 400)).containsKey("xml");

        Bytes exported = download("rita", "/api/avails/ema?titleIds=" + source + "&from=2027-01-01&to=2029-12-31&format=xml&media=EST", null);
        String bad = exported.text().replaceFirst("<md:country>[A-Z]{2}</md:country>", "<md:country>QQ</md:country>")
                .replaceFirst("<avails:LicenseType>EST</avails:LicenseType>", "<avails:LicenseType>Library</avails:LicenseType>");
        Map<String, String> errors = errors(upload("rita", IMPORT + "?map=" + enc(EmaTemplate.alid(source) + "=" + source), "application/xml",
                bad.getBytes(StandardCharsets.UTF_8)), 400);
        assertThat(errors.get("/AvailList/Avail[1]/Transaction[1]/Territory[1]/country[1]")).contains("AvailTrans/Territory");
        assertThat(errors.get("/AvailList/Avail[1]/Transaction[1]/LicenseType[1]")).contains("'Library'");
        assertNothingStoredFor(source);
    }

    @Test
    void aMappingToAnUnknownTitleIsRefused() {
        Bytes exported = download("rita", "/api/avails/ema?titleIds=" + source + "&from=2027-01-01&format=xml", null);
        Map<String, String> errors = errors(upload("rita", IMPORT + "?map=" + enc(EmaTemplate.alid(source) + "=999999999"), "application/xml",
                exported.body()), 404);
        assertThat(errors.get("map")).contains("no title with id 999999999");
        assertThat(errors(upload("rita", IMPORT + "?map=nonsense", "application/xml", exported.body()), 400).get("map[0]")).contains("<title id>");
        assertNothingStoredFor(source);
    }

    @Test
    void theApiExamplesOfBothEndpointsAreValidEmaAvailsXml() {
        JsonNode doc = get(null, "/v3/api-docs").json();
        JsonNode upload = doc.at("/paths/~1api~1rights-in~1import~1ema/post/requestBody/content/application~1xml/examples");
        JsonNode download = doc.at("/paths/~1api~1avails~1ema/get/responses/200/content/application~1xml/examples");
        assertThat(upload.size()).isPositive();
        assertThat(download.size()).isPositive();
        for (JsonNode example : List.of(upload.elements().next(), download.elements().next())) {
            assertThat(io.reelflow.rights.ema.EmaXmlSchema.problems(example.path("value").asText().strip().getBytes(StandardCharsets.UTF_8)))
                    .as(example.toString()).isEmpty();
        }
        assertThat(doc.at("/paths/~1api~1avails~1ema/get/parameters").toString()).contains("titleIds", "territories", "media", "format", "part");
    }

    // ------------------------------------------------------------------ helpers

    private static byte[] sheet(EmaAvail... rows) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            EmaXlsxWriter.write(List.of(rows), out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> errors(Bytes r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        Map<String, String> out = new java.util.LinkedHashMap<>();
        try {
            json.readTree(r.body()).path("errors").forEach(e -> out.merge(e.path("field").asText(), e.path("reason").asText(), (a, b) -> a + " | " + b));
        } catch (IOException e) {
            throw new AssertionError(r.text(), e);
        }
        return out;
    }

    private void assertNothingStoredFor(long title) {
        assertThat(count("select count(*) from rights_in where title_id = ?", title)).isEqualTo(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String between(String s, String open, String close) {
        int i = s.indexOf(open);
        if (i < 0) return "";
        int j = s.indexOf(close, i + open.length());
        return s.substring(i + open.length(), j);
    }
}
