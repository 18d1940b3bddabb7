package io.reelflow.rights;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelflow.platform.EngineClock;
import io.reelflow.rights.ema.EmaTemplate;
import io.reelflow.rights.ema.EmaXmlSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The EMA Avails export over real HTTP: free windows from the avails rules (never before today, nothing held back or granted
 * exclusively to another), read back from the XLSX with POI and checked against MovieLabs' Avails XSD and vocabulary as XML.
 */
class EmaAvailsApiTest extends EmaApiTestSupport {

    long titleId;
    String eidr;

    @BeforeEach
    void catalogue() {
        eidr = "10.5240/" + hex4() + "-" + hex4() + "-" + hex4() + "-" + hex4() + "-" + hex4() + "-C";
        Response t = postJson("rita", "/api/titles", """
                {"name": "%s", "kind": "FEATURE", "runtimeMinutes": 100, "originalLanguage": "en", "eidrId": "%s"}"""
                .formatted(unique("EMA Feature"), eidr));
        assertThat(t.status()).as(t.body()).isEqualTo(201);
        titleId = t.json().path("id").asLong();
        long rightsIn = createRightsIn(titleId, "[\"DE\", \"FR\", \"AT\"]", "[\"SVOD\", \"TVOD\", \"AVOD\"]", "2027-01-01", "2029-12-31", true);
        Response hb = postJson("rita", "/api/rights-in/" + rightsIn + "/holdbacks", """
                {"territories": ["FR"], "media": ["SVOD"], "periodStart": "2027-01-01", "periodEnd": "2027-06-30", "reason": "theatrical"}""");
        assertThat(hb.status()).as(hb.body()).isEqualTo(201);
        jdbc.update("""
                INSERT INTO grant_out (title_id, territory, media, window_start, window_end, exclusive, licensee, deal_ref, status)
                VALUES (?, 'AT', 'SVOD', DATE '2027-01-01', DATE '2027-12-31', true, 'Other Buyer', ?, 'ACTIVE')""", titleId, unique("OTH"));
    }

    /** The rows the rules give: DE whole term; FR SVOD after the holdback; AT SVOD after the other buyer's exclusive year. */
    private Set<String> expectedAvails() {
        return new TreeSet<>(List.of(
                "DE|SVOD|2027-01-01|2029-12-31", "DE|VOD|2027-01-01|2029-12-31",
                "FR|SVOD|2027-07-01|2029-12-31", "FR|VOD|2027-01-01|2029-12-31",
                "AT|SVOD|2028-01-01|2029-12-31", "AT|VOD|2027-01-01|2029-12-31"));
    }

    @Test
    void xlsxExportHasOneRowPerTerritoryMediaAndFreeWindowWithTheTemplatesColumns() throws IOException {
        Bytes r = download("crm", "/api/avails/ema?titleIds=" + titleId + "&from=2027-01-01&to=2029-12-31", EmaTemplate.XLSX_MEDIA_TYPE);

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo(EmaTemplate.XLSX_MEDIA_TYPE);
        assertThat(r.headers().get("content-disposition").get(0)).contains("attachment").contains(".xlsx");
        List<Map<String, String>> rows = readXlsx(r.body());
        Set<String> got = new TreeSet<>();
        for (Map<String, String> row : rows) {
            got.add(row.get("AvailTrans/Territory") + "|" + row.get("AvailTrans/LicenseType") + "|" + row.get("AvailTrans/Start") + "|"
                    + row.get("AvailTrans/End"));
            assertThat(row.get("Avail/DisplayName")).isNotBlank();
            assertThat(row.get("AvailAsset/ContentID")).isEqualTo(eidr);
            assertThat(row.get("Avail/ALID")).isEqualTo(EmaTemplate.alid(titleId));
            assertThat(row.get("AvailAsset/WorkType")).isEqualTo("Movie");
            assertThat(row.get("AvailMetadata/TitleInternalAlias")).startsWith("EMA Feature");
            assertThat(row.get("AvailTrans/Exclusive")).isEqualTo("Yes");
            assertThat(row.get("AvailTrans/ExclusiveAttributes")).startsWith("Exclusive ");
        }
        assertThat(got).isEqualTo(expectedAvails());
        assertThat(r.headers().get("x-ema-rows")).containsExactly("6");
    }

    @Test
    void xmlExportIsValidAgainstTheAvailsSchemaAndVocabulary() {
        Bytes r = download("dave", "/api/avails/ema?titleIds=" + titleId + "&from=2027-01-01&to=2029-12-31", "application/xml");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/xml");

        assertThat(EmaXmlSchema.problems(r.body())).isEmpty();
        String xml = r.text();
        assertThat(xml).contains("<avails:AvailType>single</avails:AvailType>")
                .contains("contentID=\"md:cid:eidr-s:" + eidr.substring("10.5240/".length()) + "\"")
                .contains("<avails:Start>2027-07-01T00:00:00</avails:Start>")
                .contains("<avails:End>2029-12-31T23:59:59</avails:End>")
                .contains("<md:country>FR</md:country>");
        assertThat(xml.split("<avails:Avail>", -1)).hasSize(expectedAvails().size() + 1);

        Bytes byFormat = download("mark", "/api/avails/ema?titleIds=" + titleId + "&from=2027-01-01&to=2029-12-31&format=xml", "text/html");
        assertThat(byFormat.status()).isEqualTo(200);
        assertThat(byFormat.text()).isEqualTo(xml);
    }

    @Test
    void anOpenEndedRightAndAPastFromOfferOnlyFromTodayAndEndOpen() {
        long evergreen = createTitle(unique("EMA Evergreen"), "fr");
        createRightsIn(evergreen, "[\"BE\"]", "[\"EST\"]", "2020-01-01", null, false);

        Bytes r = download("crm", "/api/avails/ema?titleIds=" + evergreen + "&from=2021-01-01&exclusive=false&format=xlsx", null);

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<Map<String, String>> rows = readXlsx(r.body());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("AvailTrans/Start")).isEqualTo(EngineClock.today().toString());
        assertThat(rows.get(0).get("AvailTrans/End")).isEqualTo("Open");
        assertThat(rows.get(0).get("AvailTrans/LicenseType")).isEqualTo("EST");
        assertThat(rows.get(0).get("AvailTrans/Exclusive")).isEqualTo("No");
        assertThat(rows.get(0).get("AvailAsset/ContentID")).isEqualTo("md:cid:org:reelflow.io:title-" + evergreen);

        Bytes xml = download("crm", "/api/avails/ema?titleIds=" + evergreen + "&from=2021-01-01&exclusive=false&format=xml", null);
        assertThat(EmaXmlSchema.problems(xml.body())).isEmpty();
        assertThat(xml.text()).contains("<avails:EndCondition>Open</avails:EndCondition>");
    }

    @Test
    void grantsExportWithLicenseeAndContract() {
        Bytes r = download("rita", "/api/avails/ema?of=grants&titleIds=" + titleId + "&format=xlsx", null);

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<Map<String, String>> rows = readXlsx(r.body());
        assertThat(rows).hasSize(1);
        Map<String, String> g = rows.get(0);
        assertThat(g.get("Avail/Licensee")).isEqualTo("Other Buyer");
        assertThat(g.get("AvailTrans/ContractID")).startsWith("OTH");
        assertThat(g.get("AvailTrans/Territory") + g.get("AvailTrans/LicenseType") + g.get("AvailTrans/Start") + g.get("AvailTrans/End"))
                .isEqualTo("ATSVOD2027-01-012027-12-31");
        assertThat(g.get("AvailTrans/Exclusive")).isEqualTo("Yes");

        Bytes xml = download("rita", "/api/avails/ema?of=grants&titleIds=" + titleId + "&format=xml", null);
        assertThat(EmaXmlSchema.problems(xml.body())).isEmpty();
        assertThat(xml.text()).contains("<avails:Licensee><md:DisplayName>Other Buyer</md:DisplayName></avails:Licensee>")
                .contains("<avails:AvailType>single</avails:AvailType>");
    }

    @Test
    void badParametersAnswer400NamingTheParameter() {
        assertBadParameter("/api/avails/ema?titleIds=" + titleId + "&media=AVOD", "media", "no EMA Avails LicenseType");
        assertBadParameter("/api/avails/ema?titleIds=" + titleId + "&format=pdf", "format", "xlsx or xml");
        assertBadParameter("/api/avails/ema?titleIds=" + titleId + "&territories=XX", "territories[0]", "");
        Response unknown = get("crm", "/api/avails/ema?titleIds=0");
        assertThat(unknown.status()).as("a title that does not exist: " + unknown.body()).isEqualTo(404);
        assertThat(unknown.reason("titleIds[0]")).contains("no title with id 0");
        assertBadParameter("/api/avails/ema?titleIds=", "titleIds", "empty");
        assertBadParameter("/api/avails/ema?titleIds=" + titleId + "&of=everything", "of", "avails or grants");
        assertBadParameter("/api/avails/ema?titleIds=" + titleId + "&from=2028-01-01&to=2027-01-01", "to", "before");
        assertBadParameter("/api/avails/ema?titleIds=" + titleId + "&part=2", "part", "1 file");
    }

    @Test
    void moreThan60000RowsAnswer400NamingTheLimitAndThePartsThenEachPartDownloads() {
        // 90 titles x every country x 3 media: above one file's 60,000 rows
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            Long id = jdbc.queryForObject("INSERT INTO title (name, kind, runtime_minutes, original_language, kids) VALUES (?, 'FEATURE', 90, 'en', false) RETURNING id",
                    Long.class, unique("EMA Bulk"));
            jdbc.update("INSERT INTO rights_in (title_id, licensor, territories, media, term_start, term_end, exclusive) "
                    + "VALUES (?, 'Bulk Licensor', ARRAY['WW'], ARRAY['SVOD','TVOD','EST'], DATE '2027-01-01', DATE '2030-12-31', true)", id);
            ids.add(id);
        }
        String path = "/api/avails/ema?from=2027-01-01&titleIds=" + String.join(",", ids.stream().map(String::valueOf).toList());

        Bytes tooMany = download("crm", path + "&format=xlsx", null);

        assertThat(tooMany.status()).as(tooMany.text()).isEqualTo(400);
        assertThat(tooMany.contentType()).startsWith("application/problem+json");
        assertThat(tooMany.text()).contains("\"field\":\"rows\"").contains("at most 60000").contains("part=1..2");

        Bytes second = download("crm", path + "&format=xlsx&part=2", null);
        assertThat(second.status()).as(second.text()).isEqualTo(200);
        int total = Integer.parseInt(tooMany.text().replaceAll("(?s).*the export has (\\d+) rows.*", "$1"));
        assertThat(readXlsx(second.body())).hasSize(total - EmaTemplate.MAX_ROWS);
        assertThat(second.headers().get("x-ema-parts")).containsExactly("2");
    }

    private void assertBadParameter(String path, String field, String reason) {
        Response r = get("crm", path);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.errorFields()).as(r.body()).contains(field);
        assertThat(r.reason(field)).contains(reason);
    }

    private static String hex4() {
        return String.format("%04X", java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000));
    }
}
