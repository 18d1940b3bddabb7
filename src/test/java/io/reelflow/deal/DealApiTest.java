package io.reelflow.deal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelflow.support.ApiTestSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * POST /api/deals and GET /api/deals/{crmDealId} over real HTTP: intake, idempotency, refusal of bad
 * input (problem+json naming the field, nothing stored), the rights check through the engine, security.
 */
class DealApiTest extends ApiTestSupport {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final int MAX_BODY_BYTES = 262144;
    private static final ObjectMapper RAW = new ObjectMapper();

    @Autowired
    private IdentityService identity;

    private long titleId;

    @BeforeEach
    void aTitleHeldExclusivelyInFranceAndGermany() {
        titleId = createTitle(unique("Deal API Title"), "en");
        createRightsIn(titleId, "[\"FR\", \"DE\"]", "[\"SVOD\"]", "2026-01-01", "2030-12-31", true);
    }

    // ---------------------------------------------------------------- a valid deal

    @Test
    void validDealIsRecordedAndAfterTheRightsCheckGrantedOncePerTitleCountryAndMedium() throws Exception {
        long otherTitle = createTitle(unique("Deal API Title B"), "fr");
        for (long t : List.of(titleId, otherTitle)) {
            createRightsIn(t, "[\"WW\"]", "[\"SVOD\", \"AVOD\"]", "2026-01-01", "2030-12-31", true);
        }
        String crmDealId = unique("CRM-VALID");
        ObjectNode deal = deal(crmDealId, "[\"FR\", \"419\"]", "2027-01-01", "2027-12-31");
        deal.set("titleIds", json.createArrayNode().add(titleId).add(otherTitle));
        deal.set("media", json.createArrayNode().add("SVOD").add("AVOD"));

        HttpResponse<String> created = rawPost("crm", "/api/deals", "application/json",
                HttpRequest.BodyPublishers.ofString(deal.toString()));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/deals/" + crmDealId);
        JsonNode received = json.readTree(created.body());
        assertThat(received.path("crmDealId").asText()).isEqualTo(crmDealId);
        assertThat(received.path("status").asText()).isEqualTo("RECEIVED");
        assertThat(received.path("grants")).isEmpty();
        assertThat(received.path("processes")).hasSize(1);
        assertThat(received.path("processes").get(0).path("state").asText()).isEqualTo("ACTIVE");
        // the 201 answer is built from what the request wrote: exactly what reading the deal gives before any step ran
        Response readBack = get("crm", "/api/deals/" + crmDealId);
        assertThat(readBack.json()).isEqualTo(received);
        assertThat(texts(received.path("titles").findValues("name").stream().collect(json::createArrayNode,
                com.fasterxml.jackson.databind.node.ArrayNode::add, com.fasterxml.jackson.databind.node.ArrayNode::addAll)))
                .hasSize(2);
        assertThat(received.path("events")).hasSize(1);

        runJobs();

        Response r = get("crm", "/api/deals/" + crmDealId);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode granted = r.json();
        assertThat(granted.path("status").asText()).isEqualTo("GRANTED");
        assertThat(granted.path("conflicts")).isEmpty();
        assertThat(texts(granted.path("territoriesRequested"))).containsExactlyInAnyOrder("FR", "419");

        // 419 (Latin America and the Caribbean) expands to its countries, and only to them
        List<String> countries = texts(granted.path("territories"));
        assertThat(countries).contains("FR", "BR", "MX", "AR", "CL", "JM", "CU", "PA")
                .doesNotContain("419", "US", "CA", "ES", "PT", "DE")
                .doesNotHaveDuplicates();
        assertThat(countries.size()).isGreaterThan(40);

        // exactly one grant per title x country x medium
        Set<String> expected = new HashSet<>();
        for (long t : List.of(titleId, otherTitle)) {
            for (String c : countries) {
                for (String m : List.of("SVOD", "AVOD")) expected.add(t + "/" + c + "/" + m);
            }
        }
        List<String> grants = new ArrayList<>();
        for (JsonNode g : granted.path("grants")) {
            grants.add(g.path("titleId").asLong() + "/" + g.path("territory").asText() + "/" + g.path("media").asText());
            assertThat(g.path("status").asText()).isEqualTo("ACTIVE");
            assertThat(g.path("dealRef").asText()).isEqualTo(crmDealId);
            assertThat(g.path("windowStart").asText()).isEqualTo("2027-01-01");
            assertThat(g.path("windowEnd").asText()).isEqualTo("2027-12-31");
            assertThat(g.path("exclusive").asBoolean()).isTrue();
            assertThat(g.path("licensee").asText()).isEqualTo("Netflix");
        }
        assertThat(grants).hasSize(2 * countries.size() * 2).doesNotHaveDuplicates();
        assertThat(new HashSet<>(grants)).isEqualTo(expected);

        // granted: the deal's lifecycle now watches the licence window, which waits for its first day
        JsonNode processes = granted.path("processes");
        // deal-lifecycle, window-watch, one netflix-delivery per title (2), licence-fee and one fee-instalment per instalment (2)
        assertThat(processes).hasSize(7);
        assertThat(processes.get(0).path("process").asText()).isEqualTo("deal-lifecycle");
        assertThat(processes.get(0).path("state").asText()).isEqualTo("ACTIVE");
        assertThat(processes.get(0).path("waitingAt").toString()).contains("Watch licence window");
        List<String> keys = new java.util.ArrayList<>();
        processes.forEach(p -> keys.add(p.path("process").asText()));
        assertThat(keys).containsExactlyInAnyOrder("deal-lifecycle", "window-watch", "netflix-delivery", "netflix-delivery",
                "licence-fee", "fee-instalment", "fee-instalment");
        processes.forEach(p -> {
            if (p.path("process").asText().equals("window-watch")) assertThat(p.path("waitingAt").toString()).contains("Window starts");
            if (p.path("process").asText().equals("fee-instalment")) assertThat(p.path("waitingAt")).isNotEmpty();
            if (p.path("process").asText().equals("netflix-delivery")) assertThat(p.path("waitingAt").toString()).contains("in Backlot");
        });
        assertThat(eventKinds(granted)).containsExactly("RECEIVED", "GRANTED", "DELIVERY_BACKLOT_SETUP", "DELIVERY_BACKLOT_SETUP"); // one delivery per title

        assertThat(dealRows(crmDealId)).isEqualTo(1);
        assertThat(processInstances(crmDealId)).isEqualTo(1);
        assertThat(count("select count(*) from act_hi_procinst where business_key_ = ? and proc_def_key_ = 'deal-lifecycle'", crmDealId))
                .isEqualTo(1);
    }

    // ---------------------------------------------------------------- idempotency

    @Test
    void theSameDealPostedAgainAnswers200WithTheRecordedDealAndStartsNothing() {
        String crmDealId = unique("CRM-REPEAT");
        String body = dealJson(crmDealId, titleId, "[\"FR\", \"DE\"]", "2027-01-01", "2027-12-31");
        Response first = postJson("crm", "/api/deals", body);
        assertThat(first.status()).as(first.body()).isEqualTo(201);

        Response again = postJson("crm", "/api/deals", body);

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("crmDealId").asText()).isEqualTo(crmDealId);
        assertThat(again.json().path("status").asText()).isEqualTo("RECEIVED");
        // PostgreSQL keeps microseconds: the 201 answer showed the nanoseconds of the clock
        assertThat(Instant.parse(again.json().path("createdAt").asText()))
                .isCloseTo(Instant.parse(first.json().path("createdAt").asText()), within(1, ChronoUnit.MICROS));
        assertThat(again.json().path("processes").get(0).path("instanceId"))
                .isEqualTo(first.json().path("processes").get(0).path("instanceId"));
        assertThat(dealRows(crmDealId)).isEqualTo(1);
        assertThat(processInstances(crmDealId)).isEqualTo(1);

        // still the same deal after the rights check, and when written differently (order, case of codes)
        runJobs();
        Response afterCheck = postJson("crm", "/api/deals",
                dealJson(crmDealId, titleId, "[\"de\", \"FR\"]", "2027-01-01", "2027-12-31"));
        assertThat(afterCheck.status()).as(afterCheck.body()).isEqualTo(200);
        assertThat(afterCheck.json().path("status").asText()).isEqualTo("GRANTED");
        assertThat(dealRows(crmDealId)).isEqualTo(1);
        assertThat(processInstances(crmDealId)).isEqualTo(1);
    }

    @Test
    void theSameCrmDealIdWithOtherTermsAnswers409NamingEachDifferenceAndChangesNothing() {
        String crmDealId = unique("CRM-CHANGED");
        Response first = postJson("crm", "/api/deals", dealJson(crmDealId, titleId, "[\"FR\", \"DE\"]", "2027-01-01", "2027-12-31"));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        String termsBefore = jdbc.queryForObject("select terms::text from deal where crm_deal_id = ?", String.class, crmDealId);

        Response changed = postJson("crm", "/api/deals", dealJson(crmDealId, titleId, "[\"FR\"]", "2027-01-01", "2028-06-30"));

        assertProblem(changed, 409);
        assertThat(changed.errorFields()).contains("windowEnd", "territories");
        assertThat(changed.reason("windowEnd")).contains("2027-12-31").contains("2028-06-30");
        assertThat(changed.reason("territories")).contains("[\"DE\",\"FR\"]").contains("[\"FR\"]");
        // deliveryDue and everything else is the same: only real differences are listed
        assertThat(changed.errorFields()).doesNotContain("crmDealId", "licensee", "windowStart", "fee.amount", "titleIds");

        assertThat(dealRows(crmDealId)).isEqualTo(1);
        assertThat(processInstances(crmDealId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select terms::text from deal where crm_deal_id = ?", String.class, crmDealId)).isEqualTo(termsBefore);
        assertThat(jdbc.queryForObject("select window_end::text from deal where crm_deal_id = ?", String.class, crmDealId)).isEqualTo("2027-12-31");
        assertThat(jdbc.queryForObject("select array_to_string(territories, ' ') from deal where crm_deal_id = ?", String.class, crmDealId))
                .isEqualTo("DE FR");
        Response unchanged = get("crm", "/api/deals/" + crmDealId);
        assertThat(unchanged.json().path("windowEnd").asText()).isEqualTo("2027-12-31");
        assertThat(texts(unchanged.json().path("territories"))).containsExactlyInAnyOrder("DE", "FR");
    }

    @Test
    void theSameDealPostedConcurrentlyIsRecordedOnce() throws Exception {
        String crmDealId = unique("CRM-RACE");
        String body = dealJson(crmDealId, titleId, "[\"FR\", \"DE\"]", "2027-01-01", "2027-12-31");
        int parallel = 4;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return postJson("crm", "/api/deals", body);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> a : answers) {
                Response r = a.get(60, TimeUnit.SECONDS);
                statuses.add(r.status());
                assertThat(r.json().path("crmDealId").asText()).as(r.body()).isEqualTo(crmDealId);
            }
            assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
        } finally {
            pool.shutdownNow();
        }
        assertThat(dealRows(crmDealId)).isEqualTo(1);
        assertThat(processInstances(crmDealId)).isEqualTo(1);
    }

    /** the crmDealId pattern allows . _ : - ; the deal must be readable where Location says it is */
    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource({"CRM.2027_, ''", "CRM:2027:, ''", "CRM-2027-, ''"})
    void aDealIsReadableAtItsLocationWhateverCharactersItsIdUses(String prefix, String bug) {
        String crmDealId = prefix + unique("x");
        HttpResponse<String> created = rawPost("crm", "/api/deals", "application/json",
                HttpRequest.BodyPublishers.ofString(dealJson(crmDealId, titleId, "[\"FR\"]", "2027-01-01", "2027-12-31")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();

        Response r = get("crm", location);

        assertThat(r.status()).as("GET " + location + ": " + r.body()).isEqualTo(200);
        assertThat(r.json().path("crmDealId").asText()).isEqualTo(crmDealId);
    }

    // ---------------------------------------------------------------- bad input

    /** How a bad request body is built from a valid deal (an ObjectNode to change) and its CRM deal id. */
    @FunctionalInterface
    interface BadBody {
        String build(ObjectNode validDeal, String crmDealId);
    }

    static Stream<Arguments> badDeals() {
        return Stream.of(
                bad("windowEnd before windowStart", (d, id) -> d.put("windowEnd", "2026-12-31").toString(),
                        "windowEnd", "before window start"),
                bad("unknown territory code XX", (d, id) -> set(d, "territories", "[\"FR\", \"XX\"]"),
                        "territories[1]", "unknown territory 'XX'"),
                bad("language tag pt_BR", (d, id) -> set(obj(d, "localization"), d, "subtitles", "[\"pt_BR\"]"),
                        "localization.subtitles[0]", "not a BCP 47 tag"),
                bad("language tag xx-", (d, id) -> set(obj(d, "localization"), d, "dubs", "[\"fr\", \"xx-\"]"),
                        "localization.dubs[1]", "not a well-formed BCP 47"),
                bad("negative fee amount", (d, id) -> {
                    obj(d, "fee").put("amount", -1);
                    return d.toString();
                }, "fee.amount", "must be positive"),
                bad("missing currency", (d, id) -> {
                    obj(d, "fee").remove("currency");
                    return d.toString();
                }, "fee.currency", "must not be blank"),
                bad("lowercase currency eur", (d, id) -> {
                    obj(d, "fee").put("currency", "eur");
                    return d.toString();
                }, "fee.currency", "ISO 4217"),
                bad("unknown currency ZZZ", (d, id) -> {
                    obj(d, "fee").put("currency", "ZZZ");
                    return d.toString();
                }, "fee.currency", "'ZZZ' is not an ISO 4217 currency code"),
                bad("instalments adding up to 90", (d, id) -> {
                    ((ObjectNode) obj(d, "fee").get("instalments").get(1)).put("percent", 40);
                    return d.toString();
                }, "fee.instalments", "they add up to 90"),
                bad("DATE trigger without date", (d, id) -> {
                    ((ObjectNode) obj(d, "fee").get("instalments").get(1)).put("trigger", "DATE");
                    return d.toString();
                }, "fee.instalments[1].date", "required when the trigger is DATE"),
                bad("missing windowEnd, not evergreen", (d, id) -> {
                    d.remove("windowEnd");
                    return d.toString();
                }, "windowEnd", "required unless the deal is evergreen"),
                bad("unknown field windowend (typo)", (d, id) -> {
                    d.set("windowend", d.remove("windowEnd"));
                    return d.toString();
                }, "windowend", "unknown field"),
                bad("exclusive: \"yes\"", (d, id) -> d.put("exclusive", "yes").toString(),
                        "exclusive", "expected boolean (true or false)"),
                bad("titleIds: [\"abc\"]", (d, id) -> set(d, "titleIds", "[\"abc\"]"),
                        "titleIds[0]", "expected integer"),
                bad("invalid date 2027-13-01", (d, id) -> d.put("windowStart", "2027-13-01").toString(),
                        "windowStart", "'2027-13-01' is not a valid date"),
                bad("truncated JSON", (d, id) -> {
                    String s = d.toString();
                    return s.substring(0, s.indexOf("\"fee\""));
                }, "body", "not valid JSON"),
                bad("truncated JSON inside a string ", (d, id) -> {
                    String s = d.toString();
                    return s.substring(0, s.indexOf("Netflix") + 3);
                }, "body", "not valid JSON"),
                bad("empty body", (d, id) -> "", "body", "missing"),
                bad("JSON array instead of object", (d, id) -> "[" + d + "]", "body", "expected DealRequest"),
                bad("deeply nested JSON", (d, id) -> "{\"crmDealId\": \"" + id + "\", \"titleIds\": "
                        + "[".repeat(50_000) + "]".repeat(50_000) + "}", "titleIds[0]", "expected integer"),
                bad("crmDealId with spaces", (d, id) -> d.put("crmDealId", id.replace('-', ' ')).toString(),
                        "crmDealId", "may contain letters, digits and . _ : - only"),
                bad("crmDealId with SQL", (d, id) -> d.put("crmDealId", "x'; DROP TABLE deal;--").toString(),
                        "crmDealId", "may contain letters, digits and . _ : - only"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badDeals")
    void badInputAnswers400NamingTheFieldAndStoresNothing(String name, BadBody body, String field, String reason) throws Exception {
        String crmDealId = unique("CRM-BAD");
        int dealsBefore = count("select count(*) from deal");
        int processesBefore = count("select count(*) from act_hi_procinst where proc_def_key_ = 'deal-lifecycle'");
        ObjectNode valid = deal(crmDealId, "[\"FR\", \"DE\"]", "2027-01-01", "2027-12-31");

        Response r = postJson("crm", "/api/deals", body.build(valid, crmDealId));

        assertProblem(r, 400);
        assertThat(r.errorFields()).as(r.body()).contains(field);
        assertThat(r.reason(field)).contains(reason);
        assertNothingStored(crmDealId, dealsBefore, processesBefore);
        assertThat(dealRows("x'; DROP TABLE deal;--")).as("the deal table is still there, without that id").isZero();
    }

    @Test
    void aBodyOverTheLimitAnswers413AndStoresNothing() throws Exception {
        String crmDealId = unique("CRM-BIG");
        int dealsBefore = count("select count(*) from deal");
        int processesBefore = count("select count(*) from act_hi_procinst where proc_def_key_ = 'deal-lifecycle'");
        ObjectNode deal = deal(crmDealId, "[\"FR\", \"DE\"]", "2027-01-01", "2027-12-31");
        deal.put("licensee", "N".repeat(MAX_BODY_BYTES));

        Response r = postJson("crm", "/api/deals", deal.toString());

        assertProblem(r, 413);
        assertThat(r.errorFields()).containsExactly("body");
        assertThat(r.reason("body")).contains("exceeds " + MAX_BODY_BYTES + " bytes");
        assertNothingStored(crmDealId, dealsBefore, processesBefore);
    }

    @ParameterizedTest(name = "[{index}] {0} bytes -> {1}")
    @CsvSource({"262144, 201", "262145, 413"})
    void theBodyLimitIs262144Bytes(int size, int status) {
        String crmDealId = unique("CRM-LIMIT");
        String deal = dealJson(crmDealId, titleId, "[\"FR\"]", "2027-01-01", "2027-12-31").strip();
        // pad with JSON whitespace to exactly size bytes (the body is ASCII)
        String body = deal.substring(0, deal.length() - 1) + " ".repeat(size - deal.length()) + "}";
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(size);

        Response r = postJson("crm", "/api/deals", body);

        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(dealRows(crmDealId)).isEqualTo(status == 201 ? 1 : 0);
    }

    @Test
    void aChunkedBodyOverTheLimitAnswers413AndStoresNothing() throws Exception {
        String crmDealId = unique("CRM-BIG-CHUNKED");
        int dealsBefore = count("select count(*) from deal");
        int processesBefore = count("select count(*) from act_hi_procinst where proc_def_key_ = 'deal-lifecycle'");
        ObjectNode deal = deal(crmDealId, "[\"FR\", \"DE\"]", "2027-01-01", "2027-12-31");
        deal.put("licensee", "N".repeat(MAX_BODY_BYTES));
        byte[] bytes = deal.toString().getBytes(StandardCharsets.UTF_8);

        // no Content-Length: the limit must be enforced while the body is read
        HttpResponse<String> r = rawPost("crm", "/api/deals", "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(PROBLEM_JSON);
        assertThat(json.readTree(r.body()).path("errors").get(0).path("field").asText()).isEqualTo("body");
        assertNothingStored(crmDealId, dealsBefore, processesBefore);
    }

    @Test
    void contentTypeTextPlainAnswers415AndStoresNothing() {
        String crmDealId = unique("CRM-TEXT");
        int dealsBefore = count("select count(*) from deal");
        int processesBefore = count("select count(*) from act_hi_procinst where proc_def_key_ = 'deal-lifecycle'");

        Response r = post("crm", "/api/deals", "text/plain", dealJson(crmDealId, titleId, "[\"FR\"]", "2027-01-01", "2027-12-31"));

        assertProblem(r, 415);
        assertThat(r.json().path("detail").asText()).contains("text/plain");
        assertNothingStored(crmDealId, dealsBefore, processesBefore);
    }

    // ---------------------------------------------------------------- the rights check

    @Test
    void anOverlappingExclusiveDealIsAConflictNamingTheTerritoryAndTheFirstDealsGrant() {
        String firstId = unique("CRM-FIRST");
        assertThat(postJson("crm", "/api/deals", dealJson(firstId, titleId, "[\"FR\", \"DE\"]", "2027-06-01", "2027-12-31")).status())
                .isEqualTo(201);
        runJobs();
        JsonNode first = get("crm", "/api/deals/" + firstId).json();
        assertThat(first.path("status").asText()).isEqualTo("GRANTED");
        long firstDeGrant = grantId(first, "DE", "SVOD");

        String secondId = unique("CRM-SECOND");
        Response posted = postJson("crm", "/api/deals", dealJson(secondId, titleId, "[\"DE\"]", "2027-10-01", "2028-03-31"));
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        runJobs();

        JsonNode second = get("crm", "/api/deals/" + secondId).json();
        assertThat(second.path("status").asText()).isEqualTo("CONFLICT");
        assertThat(second.path("grants")).isEmpty();
        JsonNode conflicts = second.path("conflicts");
        assertThat(conflicts).hasSize(1);
        JsonNode c = conflicts.get(0);
        assertThat(c.path("rule").asText()).isEqualTo("EXCLUSIVE_OVERLAP");
        assertThat(c.path("territory").asText()).isEqualTo("DE");
        assertThat(c.path("media").asText()).isEqualTo("SVOD");
        assertThat(c.path("titleId").asLong()).isEqualTo(titleId);
        assertThat(c.path("from").asText()).isEqualTo("2027-10-01");
        assertThat(c.path("to").asText()).isEqualTo("2027-12-31");
        assertThat(c.path("recordType").asText()).isEqualTo("grant");
        assertThat(c.path("recordId").asLong()).isEqualTo(firstDeGrant);
        assertThat(c.path("message").asText()).contains(firstId);
        // the deal waits for a rights manager
        JsonNode process = second.path("processes").get(0);
        assertThat(process.path("state").asText()).isEqualTo("ACTIVE");
        assertThat(texts(process.path("waitingAt"))).anySatisfy(w -> assertThat(w).startsWith("Resolve rights conflict"));

        // the first deal keeps its grants
        assertThat(get("crm", "/api/deals/" + firstId).json().path("grants")).hasSize(2);
    }

    @Test
    void aWindowEndingTheDayBeforeAnExclusiveGrantStartsIsNoConflict() {
        String firstId = unique("CRM-FIRST");
        assertThat(postJson("crm", "/api/deals", dealJson(firstId, titleId, "[\"FR\", \"DE\"]", "2027-06-01", "2027-12-31")).status())
                .isEqualTo(201);
        runJobs();
        assertThat(get("crm", "/api/deals/" + firstId).json().path("status").asText()).isEqualTo("GRANTED");

        String beforeId = unique("CRM-BEFORE");
        assertThat(postJson("crm", "/api/deals", dealJson(beforeId, titleId, "[\"DE\"]", "2027-01-01", "2027-05-31")).status())
                .isEqualTo(201);
        runJobs();

        JsonNode before = get("crm", "/api/deals/" + beforeId).json();
        assertThat(before.path("status").asText()).isEqualTo("GRANTED");
        assertThat(before.path("conflicts")).isEmpty();
        assertThat(before.path("grants")).hasSize(1);
        assertThat(before.path("grants").get(0).path("windowEnd").asText()).isEqualTo("2027-05-31");
    }

    @Test
    void aTerritoryNotHeldIsNoRightsIn() {
        String crmDealId = unique("CRM-NOT-HELD");
        assertThat(postJson("crm", "/api/deals", dealJson(crmDealId, titleId, "[\"FR\", \"IT\"]", "2027-01-01", "2027-12-31")).status())
                .isEqualTo(201);
        runJobs();

        JsonNode deal = get("crm", "/api/deals/" + crmDealId).json();
        assertThat(deal.path("status").asText()).isEqualTo("CONFLICT");
        assertThat(deal.path("grants")).isEmpty();
        JsonNode conflicts = deal.path("conflicts");
        assertThat(conflicts).hasSize(1);
        JsonNode c = conflicts.get(0);
        assertThat(c.path("rule").asText()).isEqualTo("NO_RIGHTS_IN");
        assertThat(c.path("territory").asText()).isEqualTo("IT");
        assertThat(c.path("media").asText()).isEqualTo("SVOD");
        assertThat(c.path("from").asText()).isEqualTo("2027-01-01");
        assertThat(c.path("to").asText()).isEqualTo("2027-12-31");
        assertThat(c.has("recordId")).isFalse();
    }

    // ---------------------------------------------------------------- security

    @Test
    void noCredentialsAnswers401() {
        String crmDealId = unique("CRM-ANON");
        Response r = postJson(null, "/api/deals", dealJson(crmDealId, titleId, "[\"FR\"]", "2027-01-01", "2027-12-31"));

        assertProblem(r, 401);
        assertThat(dealRows(crmDealId)).isZero();
        assertProblem(get(null, "/api/deals/" + crmDealId), 401);
    }

    /**
     * Runs against a CRM user of its own: Camunda's identity service delays (and after 10 failures locks)
     * a user after a wrong password, which would lock the shared {@code crm} user out of the other tests.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"wrong password", "empty password", "unknown user"})
    void wrongCredentialsAnswer401(String what) {
        String user = "crmpw" + System.nanoTime();
        User u = identity.newUser(user);
        u.setPassword(PASSWORD);
        identity.saveUser(u);
        identity.createMembership(user, "crm-integration");
        assertThat(send(null, basic(HttpRequest.newBuilder(uri("/api/deals/" + unique("CRM-NONE"))), user, PASSWORD)).status())
                .as("the user itself is fine").isEqualTo(404);

        String crmDealId = unique("CRM-WRONG");
        String name = what.equals("unknown user") ? "nobody" + System.nanoTime() : user;
        String password = switch (what) {
            case "wrong password" -> PASSWORD + "x";
            case "empty password" -> "";
            default -> PASSWORD;
        };
        HttpRequest.Builder request = basic(HttpRequest.newBuilder(uri("/api/deals")), name, password)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(dealJson(crmDealId, titleId, "[\"FR\"]", "2027-01-01", "2027-12-31")));

        Response r = send(null, request);

        assertProblem(r, 401);
        assertThat(dealRows(crmDealId)).isZero();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"rita", "dave", "fiona", "mark"})
    void onlyTheCrmMayPostDeals(String user) {
        String crmDealId = unique("CRM-ROLE");
        Response r = postJson(user, "/api/deals", dealJson(crmDealId, titleId, "[\"FR\"]", "2027-01-01", "2027-12-31"));

        assertProblem(r, 403);
        assertThat(dealRows(crmDealId)).isZero();
        assertThat(processInstances(crmDealId)).isZero();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"crm", "rita", "dave", "fiona", "mark", "admin"})
    void everyRoleMayReadADeal(String user) {
        String crmDealId = unique("CRM-READ");
        assertThat(postJson("crm", "/api/deals", dealJson(crmDealId, titleId, "[\"FR\"]", "2027-01-01", "2027-12-31")).status())
                .isEqualTo(201);

        Response r = get(user, "/api/deals/" + crmDealId);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json().path("crmDealId").asText()).isEqualTo(crmDealId);
    }

    @Test
    void anUnknownDealAnswers404() {
        String crmDealId = unique("CRM-UNKNOWN");

        Response r = get("crm", "/api/deals/" + crmDealId);

        assertProblem(r, 404);
        assertThat(r.json().path("detail").asText()).contains(crmDealId);
    }

    // ---------------------------------------------------------------- helpers

    private static Arguments bad(String name, BadBody body, String field, String reason) {
        return Arguments.of(name, body, field, reason);
    }

    /** replaces a top-level field of the deal with raw JSON */
    private static String set(ObjectNode deal, String field, String rawJson) {
        return set(deal, deal, field, rawJson);
    }

    /** replaces a field of {@code node} (part of {@code deal}) with raw JSON; returns the whole deal */
    private static String set(ObjectNode node, ObjectNode deal, String field, String rawJson) {
        try {
            node.set(field, RAW.readTree(rawJson));
        } catch (IOException e) {
            throw new IllegalArgumentException(rawJson, e);
        }
        return deal.toString();
    }

    private ObjectNode deal(String crmDealId, String territoriesJson, String start, String end) throws RuntimeException {
        try {
            return (ObjectNode) json.readTree(dealJson(crmDealId, titleId, territoriesJson, start, end));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder basic(HttpRequest.Builder request, String user, String password) {
        return request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> rawPost(String user, String path, String contentType, HttpRequest.BodyPublisher body) {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(body).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void assertProblem(Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).as(r.body()).startsWith(PROBLEM_JSON);
        JsonNode p = r.json();
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("title").asText()).isNotBlank();
        assertThat(p.path("type").asText()).isNotBlank();
    }

    private void assertNothingStored(String crmDealId, int dealsBefore, int processesBefore) {
        assertThat(dealRows(crmDealId)).as("deal rows for " + crmDealId).isZero();
        assertThat(processInstances(crmDealId)).as("process instances for " + crmDealId).isZero();
        assertThat(count("select count(*) from deal")).as("deal rows").isEqualTo(dealsBefore);
        assertThat(count("select count(*) from act_hi_procinst where proc_def_key_ = 'deal-lifecycle'")).as("process instances")
                .isEqualTo(processesBefore);
    }

    private int dealRows(String crmDealId) {
        return count("select count(*) from deal where crm_deal_id = ?", crmDealId);
    }

    /** deal-lifecycle instances of the deal (its window-watch child shares the business key) */
    private int processInstances(String crmDealId) {
        return count("select count(*) from act_hi_procinst where business_key_ = ? and proc_def_key_ = 'deal-lifecycle'", crmDealId);
    }



    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> eventKinds(JsonNode deal) {
        return StreamSupport.stream(deal.path("events").spliterator(), false).map(e -> e.path("kind").asText()).toList();
    }

    private static long grantId(JsonNode deal, String territory, String media) {
        for (JsonNode g : deal.path("grants")) {
            if (g.path("territory").asText().equals(territory) && g.path("media").asText().equals(media)) return g.path("id").asLong();
        }
        throw new AssertionError("no " + territory + " " + media + " grant in " + deal);
    }

    private static ObjectNode obj(ObjectNode node, String field) {
        return (ObjectNode) node.get(field);
    }
}
