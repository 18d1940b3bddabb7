package io.reelflow.rights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelflow.support.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The catalogue API over real HTTP: titles, rights-in with holdbacks, CSV import (all or nothing) and
 * avails. Refusals are problem+json whose {@code errors[].field} names the field; nothing is stored then.
 */
class CatalogueApiTest extends ApiTestSupport {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String CSV_HEADER = "title_id,licensor,territories,media,term_start,term_end,exclusive";

    // ---------------------------------------------------------------- titles

    @Test
    void createTitleAnswers201WithEveryFieldEchoed() {
        String name = unique("Catalogue Title");
        String eidr = eidr();

        Response r = postJson("rita", "/api/titles", """
                {"name": "%s", "kind": "SERIES", "runtimeMinutes": 45, "originalLanguage": "pt-BR", "eidrId": "%s", "kids": true}"""
                .formatted(name, eidr));

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode t = r.json();
        long id = t.path("id").asLong();
        assertThat(id).isPositive();
        assertThat(t.path("name").asText()).isEqualTo(name);
        assertThat(t.path("kind").asText()).isEqualTo("SERIES");
        assertThat(t.path("runtimeMinutes").asInt()).isEqualTo(45);
        assertThat(t.path("originalLanguage").asText()).isEqualTo("pt-BR");
        assertThat(t.path("eidrId").asText()).isEqualTo(eidr);
        assertThat(t.path("kids").asBoolean()).isTrue();

        Response read = get("crm", "/api/titles/" + id);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(t);
        assertThat(count("select count(*) from title where name = ?", name)).isEqualTo(1);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            blank name       | name             | '   '  | FEATURE | en    | 10.5240/1111-2222-3333-4444-5555-C | must not be blank
            unknown kind     | kind             | Title  | MOVIE   | en    | 10.5240/1111-2222-3333-4444-5555-C | 'MOVIE' is not a valid TitleKind
            malformed EIDR   | eidrId           | Title  | FEATURE | en    | 10.5240/XYZ                        | must be an EIDR id
            language tag en_US       | originalLanguage | Title  | FEATURE | en_US | 10.5240/1111-2222-3333-4444-5555-C | not a BCP 47 tag
            malformed language tag   | originalLanguage | Title  | FEATURE | en-   | 10.5240/1111-2222-3333-4444-5555-C | not a well-formed BCP 47
            """)
    void anInvalidTitleAnswers400NamingTheFieldAndStoresNothing(String what, String field, String name, String kind, String language,
                                                                 String eidrId, String reason) {
        String storedName = name.isBlank() ? name : unique(name);
        String eidr = eidrId.endsWith("-C") ? eidr() : eidrId;
        int titlesBefore = count("select count(*) from title");

        Response r = postJson("rita", "/api/titles", """
                {"name": "%s", "kind": "%s", "runtimeMinutes": 90, "originalLanguage": "%s", "eidrId": "%s"}"""
                .formatted(storedName, kind, language, eidr));

        assertProblem(r, 400);
        assertThat(r.errorFields()).as(r.body()).contains(field);
        assertThat(r.reason(field)).contains(reason);
        assertThat(count("select count(*) from title")).isEqualTo(titlesBefore);
        assertThat(count("select count(*) from title where eidr_id = ?", eidr)).isZero();
    }

    @Test
    void aSecondTitleWithTheSameEidrIdAnswers400NamingEidrId() {
        String eidr = eidr();
        assertThat(postJson("rita", "/api/titles", """
                {"name": "%s", "kind": "FEATURE", "originalLanguage": "en", "eidrId": "%s"}""".formatted(unique("First"), eidr)).status())
                .isEqualTo(201);

        Response r = postJson("rita", "/api/titles", """
                {"name": "%s", "kind": "FEATURE", "originalLanguage": "en", "eidrId": "%s"}""".formatted(unique("Second"), eidr));

        assertProblem(r, 400);
        assertThat(r.errorFields()).containsExactly("eidrId");
        assertThat(r.reason("eidrId")).contains("already exists");
        assertThat(count("select count(*) from title where eidr_id = ?", eidr)).isEqualTo(1);
    }

    @Test
    void anUnknownTitleAnswers404() {
        long unknown = count("select coalesce(max(id), 0) from title") + 1_000_000L;

        Response r = get("rita", "/api/titles/" + unknown);

        assertProblem(r, 404);
        assertThat(r.json().path("detail").asText()).contains(String.valueOf(unknown));
    }

    // ---------------------------------------------------------------- rights-in

    @Test
    void rightsInWithRegionsAndHoldbacksIsRecordedWithTheRegionsExpanded() {
        long titleId = createTitle(unique("Rights Title"), "fr");

        Response r = postJson("rita", "/api/rights-in", """
                {"titleId": %d, "licensor": "Maison Poivre", "territories": ["150", "jp"], "media": ["SVOD", "tvod"],
                 "termStart": "2027-01-01", "termEnd": "2029-12-31", "exclusive": true,
                 "holdbacks": [{"territories": ["FR"], "media": ["SVOD"], "periodStart": "2027-01-01", "periodEnd": "2027-06-30",
                                "reason": "French media chronology"},
                               {"territories": ["155"], "media": ["TVOD"], "periodStart": "2028-01-01"}]}""".formatted(titleId));

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode ri = r.json();
        long id = ri.path("id").asLong();
        assertThat(ri.path("titleId").asLong()).isEqualTo(titleId);
        assertThat(ri.path("licensor").asText()).isEqualTo("Maison Poivre");
        // 150 (Europe) expands to its countries
        assertThat(texts(ri.path("territories"))).contains("FR", "DE", "IT", "ES", "PL", "GB", "SE", "JP")
                .doesNotContain("150", "US", "CA", "BR", "TR", "jp");
        assertThat(texts(ri.path("media"))).containsExactlyInAnyOrder("SVOD", "TVOD");
        assertThat(ri.path("termStart").asText()).isEqualTo("2027-01-01");
        assertThat(ri.path("termEnd").asText()).isEqualTo("2029-12-31");
        assertThat(ri.path("exclusive").asBoolean()).isTrue();

        JsonNode holdbacks = ri.path("holdbacks");
        assertThat(holdbacks).hasSize(2);
        assertThat(texts(holdbacks.get(0).path("territories"))).containsExactly("FR");
        assertThat(texts(holdbacks.get(0).path("media"))).containsExactly("SVOD");
        assertThat(holdbacks.get(0).path("periodStart").asText()).isEqualTo("2027-01-01");
        assertThat(holdbacks.get(0).path("periodEnd").asText()).isEqualTo("2027-06-30");
        assertThat(holdbacks.get(0).path("reason").asText()).isEqualTo("French media chronology");
        assertThat(texts(holdbacks.get(1).path("territories"))).contains("FR", "DE", "AT", "BE", "NL").doesNotContain("155", "IT");
        assertThat(holdbacks.get(1).has("periodEnd")).as("open-ended holdback").isFalse();

        Response read = get("crm", "/api/rights-in/" + id);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(ri);
        Response ofTitle = get("crm", "/api/titles/" + titleId + "/rights-in");
        assertThat(ofTitle.json()).hasSize(1);
        assertThat(ofTitle.json().get(0)).isEqualTo(ri);
        assertThat(count("select count(*) from rights_in where id = ? and not ('150' = any(territories)) and 'DE' = any(territories)", id))
                .isEqualTo(1);
        assertThat(count("select count(*) from holdback where rights_in_id = ?", id)).isEqualTo(2);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            termEnd before termStart        | termEnd                | ["FR"]             | ["SVOD"]        | 2028-01-01 | "2027-12-31" | []                                                                                          | is before term start 2028-01-01
            unknown territory at index 1    | territories[1]         | ["FR", "QQ", "DE"] | ["SVOD"]        | 2027-01-01 | "2027-12-31" | []                                                                                          | unknown territory 'QQ'
            unknown medium at index 1       | media[1]               | ["FR"]             | ["SVOD", "DVD"] | 2027-01-01 | "2027-12-31" | []                                                                                          | unknown medium 'DVD'
            holdback ending before it starts| holdbacks[0].periodEnd | ["FR"]             | ["SVOD"]        | 2027-01-01 | "2027-12-31" | [{"territories": ["FR"], "media": ["SVOD"], "periodStart": "2027-06-01", "periodEnd": "2027-05-31"}] | is before period start
            holdback in an unknown territory| holdbacks[0].territories[0] | ["FR"]        | ["SVOD"]        | 2027-01-01 | "2027-12-31" | [{"territories": ["ZZ"], "media": ["SVOD"], "periodStart": "2027-06-01"}]                   | unknown territory 'ZZ'
            no territories          | territories            | []                 | ["SVOD"]        | 2027-01-01 | "2027-12-31" | []                                                                                          | must not be empty
            invalid term start      | termStart              | ["FR"]             | ["SVOD"]        | 2027-02-30 | "2027-12-31" | []                                                                                          | '2027-02-30' is not a valid date
            """)
    void invalidRightsInAnswers400NamingTheFieldAndStoresNothing(String what, String field, String territories, String media,
                                                                 String start, String end, String holdbacks, String reason) {
        long titleId = createTitle(unique("Rights Title"), "en");

        Response r = postJson("rita", "/api/rights-in", """
                {"titleId": %d, "licensor": "Licensor", "territories": %s, "media": %s, "termStart": "%s", "termEnd": %s,
                 "exclusive": true, "holdbacks": %s}""".formatted(titleId, territories, media, start, end, holdbacks));

        assertProblem(r, 400);
        assertThat(r.errorFields()).as(r.body()).contains(field);
        assertThat(r.reason(field)).contains(reason);
        assertThat(count("select count(*) from rights_in where title_id = ?", titleId)).isZero();
        assertThat(count("select count(*) from holdback where title_id = ?", titleId)).isZero();
    }

    @Test
    void rightsInForAnUnknownTitleAnswers404NamingTitleId() {
        long unknown = count("select coalesce(max(id), 0) from title") + 1_000_000L;
        int before = count("select count(*) from rights_in");

        Response r = postJson("rita", "/api/rights-in", """
                {"titleId": %d, "licensor": "Licensor", "territories": ["FR"], "media": ["SVOD"], "termStart": "2027-01-01",
                 "exclusive": false}""".formatted(unknown));

        assertProblem(r, 404);
        assertThat(r.errorFields()).containsExactly("titleId");
        assertThat(r.reason("titleId")).contains("no title with id " + unknown);
        assertThat(count("select count(*) from rights_in")).isEqualTo(before);
    }

    @ParameterizedTest(name = "[{index}] {0} POST {1}")
    @CsvSource({
            "crm,   /api/titles,           application/json",
            "crm,   /api/rights-in,        application/json",
            "crm,   /api/rights-in/import, text/csv",
            "dave,  /api/titles,           application/json",
            "fiona, /api/titles,           application/json",
            "mark,  /api/rights-in,        application/json"})
    void onlyRightsManagersAndAdminsMayChangeTheCatalogue(String user, String path, String contentType) {
        long titleId = createTitle(unique("Forbidden"), "en");
        String name = unique("Not Created");
        int rightsBefore = count("select count(*) from rights_in");
        String body = switch (path) {
            case "/api/titles" -> """
                    {"name": "%s", "kind": "FEATURE", "originalLanguage": "en"}""".formatted(name);
            case "/api/rights-in" -> """
                    {"titleId": %d, "licensor": "L", "territories": ["FR"], "media": ["SVOD"], "termStart": "2027-01-01", "exclusive": true}"""
                    .formatted(titleId);
            default -> CSV_HEADER + "\n" + titleId + ",L,FR,SVOD,2027-01-01,2027-12-31,true\n";
        };

        Response r = post(user, path, contentType, body);

        assertProblem(r, 403);
        assertThat(count("select count(*) from title where name = ?", name)).isZero();
        assertThat(count("select count(*) from rights_in")).isEqualTo(rightsBefore);
    }

    // ---------------------------------------------------------------- CSV import

    @Test
    void aGoodCsvFileImportsEveryRow() {
        long a = createTitle(unique("Import A"), "fr");
        long b = createTitle(unique("Import B"), "en");
        int before = count("select count(*) from rights_in");
        String csv = CSV_HEADER + "\r\n"
                + a + ",Société Lumière,FR DE,SVOD|AVOD,2027-01-01,2029-12-31,true\r\n"
                + b + ",\"Harbour Films, Ltd\",150|JP,SVOD,2027-01-01,,false\r\n"
                + a + ",Onda Norte,ES  |  IT,svod tvod,2028-01-01,2028-12-31,no\r\n";

        Response r = post("rita", "/api/rights-in/import", "text/csv", csv);

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("imported").asInt()).isEqualTo(3);
        List<Long> ids = new ArrayList<>();
        r.json().path("rightsInIds").forEach(id -> ids.add(id.asLong()));
        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        assertThat(count("select count(*) from rights_in")).isEqualTo(before + 3);

        JsonNode first = get("rita", "/api/rights-in/" + ids.get(0)).json();
        assertThat(first.path("titleId").asLong()).isEqualTo(a);
        assertThat(first.path("licensor").asText()).isEqualTo("Société Lumière");
        assertThat(texts(first.path("territories"))).containsExactlyInAnyOrder("FR", "DE");
        assertThat(texts(first.path("media"))).containsExactlyInAnyOrder("SVOD", "AVOD");
        assertThat(first.path("termEnd").asText()).isEqualTo("2029-12-31");
        assertThat(first.path("exclusive").asBoolean()).isTrue();

        JsonNode second = get("rita", "/api/rights-in/" + ids.get(1)).json();
        assertThat(second.path("licensor").asText()).isEqualTo("Harbour Films, Ltd");
        assertThat(texts(second.path("territories"))).contains("FR", "DE", "GB", "JP").doesNotContain("150", "US");
        assertThat(second.has("termEnd")).as("perpetual term").isFalse();
        assertThat(second.path("exclusive").asBoolean()).isFalse();

        JsonNode third = get("rita", "/api/rights-in/" + ids.get(2)).json();
        assertThat(texts(third.path("territories"))).containsExactlyInAnyOrder("ES", "IT");
        assertThat(texts(third.path("media"))).containsExactlyInAnyOrder("SVOD", "TVOD");
        assertThat(third.path("exclusive").asBoolean()).isFalse();
    }

    @Test
    void aCsvFileWithBadRowsImportsNothingAndListsEveryBadRow() {
        long a = createTitle(unique("Import Bad A"), "en");
        long unknown = count("select coalesce(max(id), 0) from title") + 1_000_000L;
        int before = count("select count(*) from rights_in");
        String csv = CSV_HEADER + "\n"
                + a + ",Good One,FR,SVOD,2027-01-01,2027-12-31,true\n"        // line 2
                + a + ",Bad Date,FR|XX,SVOD,2027-13-01,2027-12-31,true\n"     // line 3: term_start, territories[1]
                + a + ",Good Two,DE,SVOD,2027-01-01,2027-12-31,true\n"        // line 4
                + unknown + ",Bad Title,IT,DVD,2027-01-01,2027-12-31,true\n"  // line 5: title, media[0]
                + a + ",Good Three,ES,AVOD,2027-01-01,,false\n";              // line 6

        Response r = post("rita", "/api/rights-in/import", "text/csv", csv);

        assertProblem(r, 400);
        List<String> fields = r.errorFields();
        assertThat(fields).as(r.body()).contains("line 3: term_start", "line 3: territories[1]", "line 5: media[0]");
        assertThat(fields).anySatisfy(f -> assertThat(f).startsWith("line 5: title"));
        assertThat(fields).allSatisfy(f -> assertThat(f).matches("line [35]: .*"));
        assertThat(r.reason("line 3: term_start")).contains("'2027-13-01' is not a date");
        assertThat(r.reason("line 3: territories[1]")).contains("unknown territory 'XX'");
        assertThat(r.reason("line 5: media[0]")).contains("unknown medium 'DVD'");
        assertThat(count("select count(*) from rights_in")).as("all or nothing").isEqualTo(before);
        assertThat(count("select count(*) from rights_in where title_id = ?", a)).isZero();
    }

    /**
     * CSV problems name the CSV column
     * (title_id, term_end) as term_start does, but the shared JSON validation names them titleId and
     * termEnd, so the same column is called "line 2: title_id" when not a number and "line 2: titleId"
     * when no such title exists.
     */
    @Test
    void csvProblemsNameTheCsvColumns() {
        long a = createTitle(unique("Import Columns"), "en");
        long unknown = count("select coalesce(max(id), 0) from title") + 1_000_000L;
        int before = count("select count(*) from rights_in");
        String csv = CSV_HEADER + "\n"
                + unknown + ",Unknown Title,FR,SVOD,2027-01-01,2027-12-31,true\n"  // line 2
                + a + ",Ends Before It Starts,FR,SVOD,2028-01-01,2027-12-31,true\n"  // line 3
                + "abc,Not A Number,FR,SVOD,2027-01-01,2027-12-31,maybe\n";          // line 4

        Response r = post("rita", "/api/rights-in/import", "text/csv", csv);

        assertProblem(r, 400);
        assertThat(count("select count(*) from rights_in")).isEqualTo(before);
        assertThat(r.errorFields()).as(r.body()).contains("line 4: title_id", "line 4: exclusive");
        assertThat(r.errorFields()).as("CSV columns are title_id and term_end; " + r.body())
                .contains("line 2: title_id", "line 3: term_end");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            wrong column name       | title,licensor,territories,media,term_start,term_end,exclusive | header must be
            a column missing        | title_id,licensor,territories,media,term_start,exclusive       | header must be
            columns in another order| licensor,title_id,territories,media,term_start,term_end,exclusive | header must be
            """)
    void aCsvFileWithAWrongHeaderAnswers400(String what, String header, String reason) {
        long a = createTitle(unique("Import Header"), "en");
        int before = count("select count(*) from rights_in");

        Response r = post("rita", "/api/rights-in/import", "text/csv",
                header + "\n" + a + ",Licensor,FR,SVOD,2027-01-01,2027-12-31,true\n");

        assertProblem(r, 400);
        assertThat(r.errorFields()).containsExactly("csv");
        assertThat(r.reason("csv")).contains("line 1").contains(reason).contains(CSV_HEADER);
        assertThat(count("select count(*) from rights_in")).isEqualTo(before);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty file | ''     | body | missing
            only the header    | HEADER | csv  | no data rows
            unterminated quote | QUOTE  | csv  | line 2: quote opened and never closed
            """)
    void aCsvFileWithoutUsableRowsAnswers400(String what, String content, String field, String reason) {
        int before = count("select count(*) from rights_in");
        String csv = switch (content) {
            case "HEADER" -> CSV_HEADER + "\n";
            case "QUOTE" -> CSV_HEADER + "\n1,\"Licensor,FR,SVOD,2027-01-01,2027-12-31,true\n";
            default -> "";
        };

        Response r = post("rita", "/api/rights-in/import", "text/csv", csv);

        assertProblem(r, 400);
        assertThat(r.errorFields()).as(r.body()).containsExactly(field);
        assertThat(r.reason(field)).contains(reason);
        assertThat(count("select count(*) from rights_in")).isEqualTo(before);
    }

    // ---------------------------------------------------------------- avails

    @Test
    void availsShowPerTerritoryTheConflictsAndTheFreePeriods() {
        long titleId = createTitle(unique("Avails Title"), "en");
        createRightsIn(titleId, "[\"FR\", \"DE\"]", "[\"SVOD\"]", "2027-01-01", "2029-12-31", true);
        String crmDealId = unique("CRM-AVAILS");
        Response deal = postJson("crm", "/api/deals", dealJson(crmDealId, titleId, "[\"DE\"]", "2027-06-01", "2027-12-31"));
        assertThat(deal.status()).as(deal.body()).isEqualTo(201);
        runJobs();
        JsonNode granted = get("crm", "/api/deals/" + crmDealId).json();
        assertThat(granted.path("status").asText()).isEqualTo("GRANTED");
        long grantId = granted.path("grants").get(0).path("id").asLong();

        Response r = get("rita", "/api/avails?titleId=" + titleId + "&media=SVOD&from=2027-01-01&to=2028-12-31&exclusive=true");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode avails = r.json();
        assertThat(avails.path("titleId").asLong()).isEqualTo(titleId);
        assertThat(avails.path("media").asText()).isEqualTo("SVOD");
        assertThat(avails.path("from").asText()).isEqualTo("2027-01-01");
        assertThat(avails.path("to").asText()).isEqualTo("2028-12-31");
        assertThat(avails.path("availableTerritories").asInt()).isEqualTo(1);
        assertThat(territories(avails)).containsExactly("DE", "FR");

        JsonNode de = territory(avails, "DE");
        assertThat(de.path("available").asBoolean()).isFalse();
        assertThat(de.path("conflicts")).hasSize(1);
        JsonNode conflict = de.path("conflicts").get(0);
        assertThat(conflict.path("rule").asText()).isEqualTo("EXCLUSIVE_OVERLAP");
        assertThat(conflict.path("territory").asText()).isEqualTo("DE");
        assertThat(conflict.path("from").asText()).isEqualTo("2027-06-01");
        assertThat(conflict.path("to").asText()).isEqualTo("2027-12-31");
        assertThat(conflict.path("recordType").asText()).isEqualTo("grant");
        assertThat(conflict.path("recordId").asLong()).isEqualTo(grantId);
        assertThat(periods(de)).containsExactly("2027-01-01..2027-05-31", "2028-01-01..2028-12-31");

        JsonNode fr = territory(avails, "FR");
        assertThat(fr.path("available").asBoolean()).isTrue();
        assertThat(fr.path("conflicts")).isEmpty();
        assertThat(periods(fr)).containsExactly("2027-01-01..2028-12-31");

        Response onlyFr = get("crm", "/api/avails?titleId=" + titleId + "&media=SVOD&from=2027-01-01&to=2028-12-31&exclusive=true&territories=FR");
        assertThat(onlyFr.status()).as(onlyFr.body()).isEqualTo(200);
        assertThat(territories(onlyFr.json())).containsExactly("FR");
        assertThat(onlyFr.json().path("availableTerritories").asInt()).isEqualTo(1);
        assertThat(periods(territory(onlyFr.json(), "FR"))).containsExactly("2027-01-01..2028-12-31");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown media  | media=DVD&from=2027-01-01&to=2027-12-31                 | media       | 'DVD' is not a valid Media
            to before from         | media=SVOD&from=2027-06-01&to=2027-05-31                | to          | is before 'from' 2027-06-01
            invalid from   | media=SVOD&from=2027-13-01&to=2027-12-31                | from        | '2027-13-01' is not a valid date
            missing from   | media=SVOD&to=2027-12-31                                | from        | required
            unknown territory      | media=SVOD&from=2027-01-01&to=2027-12-31&territories=XX | territories[0] | unknown territory 'XX'
            """)
    void badAvailsParametersAnswer400NamingTheParameter(String what, String query, String field, String reason) {
        long titleId = createTitle(unique("Avails Bad"), "en");

        Response r = get("rita", "/api/avails?titleId=" + titleId + "&" + query);

        assertProblem(r, 400);
        assertThat(r.errorFields()).as(r.body()).contains(field);
        assertThat(r.reason(field)).contains(reason);
    }

    @Test
    void availsOfAnUnknownTitleAnswer404() {
        long unknown = count("select coalesce(max(id), 0) from title") + 1_000_000L;

        Response r = get("rita", "/api/avails?titleId=" + unknown + "&media=SVOD&from=2027-01-01&to=2027-12-31");

        assertProblem(r, 404);
    }

    // ---------------------------------------------------------------- helpers

    /** a well-formed EIDR id no other test uses */
    private static String eidr() {
        String hex = UUID.randomUUID().toString().replace("-", "").toUpperCase();
        return "10.5240/" + hex.substring(0, 4) + "-" + hex.substring(4, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16)
                + "-" + hex.substring(16, 20) + "-C";
    }

    private void assertProblem(Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).as(r.body()).startsWith(PROBLEM_JSON);
        JsonNode p = r.json();
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("title").asText()).isNotBlank();
        assertThat(p.path("type").asText()).isNotBlank();
    }



    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> territories(JsonNode avails) {
        return StreamSupport.stream(avails.path("territories").spliterator(), false).map(t -> t.path("territory").asText()).toList();
    }

    private static JsonNode territory(JsonNode avails, String code) {
        for (JsonNode t : avails.path("territories")) {
            if (t.path("territory").asText().equals(code)) return t;
        }
        throw new AssertionError("no " + code + " in " + avails);
    }

    /** free periods as start..end */
    private static List<String> periods(JsonNode territory) {
        return StreamSupport.stream(territory.path("freePeriods").spliterator(), false)
                .map(p -> p.path("start").asText() + ".." + p.path("end").asText()).toList();
    }
}
