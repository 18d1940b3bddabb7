package io.reelflow.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelflow.support.ApiTestSupport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A corpus of malformed and hostile requests against every write endpoint of the API, generated from one valid
 * body per endpoint: each case changes one thing (a missing or null required field, a wrong type, an invalid or
 * absurd value, an SQL or script fragment in a field with a format, a huge string) or breaks the body itself
 * (empty, not JSON, truncated, trailing garbage, duplicate keys, invalid UTF-8, 10,000 nested arrays, 10 MB, wrong
 * content type). Every case must be refused with a 4xx (never 2xx, never 5xx) as problem+json naming the field
 * or the reason; afterwards no row was added anywhere and the service is healthy.
 *
 * <p>Free-text fields (a licensee's or a title's name) legitimately take any text, SQL-looking or not; hostile
 * strings are aimed at the fields whose format is fixed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputCorpusTest extends ApiTestSupport {

    private static final String SQL = "'; DROP TABLE deal;--";
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String INVALID_UTF8_MARK = "@@INVALID-UTF8@@";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Object REMOVE = new Object();
    /** NUL, another control character, an escape sequence, C1, and Unicode direction overrides and isolates: refused in any text. */
    private static final List<String> CONTROLS = List.of("\u0000", "\u0007", "\u001B[31m", "\u0085", "\u202E", "\u202A", "\u2066", "\u2069");
    private static final List<String> TABLES = List.of("deal", "title", "rights_in", "holdback", "delivery_event", "licensor_agreement",
            "royalty_receipt", "fx_rate", "recoupable_expense", "grant_out", "deal_event");

    /** One request of the corpus and what its refusal must name (a field, or null when a reason suffices). */
    record Case(String name, String user, String path, String contentType, Supplier<HttpRequest.BodyPublisher> body, String field) {
        /** An encoded '/' in the path is refused by Tomcat before any filter runs: its own 400 page, not problem+json. */
        boolean refusedByTheContainer() {
            return path.contains("%2F");
        }
    }

    private long titleId;
    private String grantedDeal;
    private long deliveryId;
    private long agreementId;
    private final Map<String, Integer> before = new LinkedHashMap<>();

    /** Runs inside the first test (the engine's listeners, process test coverage among them, expect a running test). */
    private void aGrantedDealWithADeliveryAndALicensorAgreement() {
        titleId = createTitle(unique("Hostile Title"), "en");
        createRightsIn(titleId, "[\"FR\"]", "[\"SVOD\"]", "2026-01-01", "2035-12-31", true);
        grantedDeal = unique("HOSTILE");
        Response r = postJson("crm", "/api/deals", dealJson(grantedDeal, titleId, "[\"FR\"]", "2027-01-01", "2028-12-31"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        runJobs();
        assertThat(get("crm", "/api/deals/" + grantedDeal).json().path("status").asText()).isEqualTo("GRANTED");
        Response deliveries = get("dave", "/api/deliveries?crmDealId=" + grantedDeal);
        assertThat(deliveries.json()).as(deliveries.toString()).hasSize(1);
        deliveryId = deliveries.json().get(0).path("id").asLong();
        Response agreement = postJson("fiona", "/api/licensor-agreements", String.format("""
                {"licensor": "%s", "currency": "EUR", "distributionFeePercent": 25, "expenseCap": 10000, "advance": 5000,
                 "statementFrequency": "QUARTERLY"}""", unique("Hostile Licensor")));
        assertThat(agreement.status()).as(agreement.toString()).isEqualTo(201);
        agreementId = agreement.json().path("id").asLong();
        for (String table : TABLES) before.put(table, count("SELECT count(*) FROM " + table));
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyHostileRequestIsRefusedWithA4xxProblem() {
        aGrantedDealWithADeliveryAndALicensorAgreement();
        List<Case> cases = corpus();
        assertThat(cases.size()).as("cases in the corpus").isGreaterThanOrEqualTo(200);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    @Test
    @Order(2)
    void afterTheCorpusNothingWasStoredAndTheServiceIsHealthy() {
        assertThat(before).as("the corpus ran first").isNotEmpty();
        Map<String, Integer> after = new LinkedHashMap<>();
        for (String table : TABLES) after.put(table, count("SELECT count(*) FROM " + table));
        assertThat(after).as("row counts after the corpus").isEqualTo(before);
        Response health = get(null, "/actuator/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(get("crm", "/api/deals/" + grantedDeal).json().path("status").asText()).as("the granted deal is untouched").isEqualTo("GRANTED");
    }

    /**
     * Request lines the service cannot read: malformed paths (an empty segment, a path parameter, dot segments),
     * escapes that are not hex or not UTF-8, and control characters or direction overrides in a path parameter or a
     * query parameter. Each is a 400 problem naming the path or the parameter, anonymously or not, on /api, /engine-rest and
     * the webapps. Sent over a raw socket: most of these are not URIs a well-behaved client could even build.
     */
    @TestFactory
    @Order(3)
    Stream<DynamicTest> unreadableRequestLinesAreRefusedWithA400Problem() {
        String[][] lines = {
                // user, method, path (as sent), the field the refusal names
                {"admin", "GET", "//engine-rest/process-definition", "path"},
                {null, "GET", "//engine-rest/process-definition", "path"},
                {"admin", "GET", "/engine-rest;x=y/process-definition", "path"},
                {null, "GET", "/engine-rest;x=y/process-definition", "path"},
                {"admin", "POST", "/engine-rest;x=y/process-definition/key/deal-lifecycle/start", "path"},
                {"crm", "GET", "//api/deals/HOSTILE", "path"},
                {"crm", "GET", "/api//deals/HOSTILE", "path"},
                {"crm", "GET", "/api/deals;jsessionid=1/HOSTILE", "path"},
                {"crm", "GET", "/api/./deals/HOSTILE", "path"},
                {"crm", "GET", "/api/deals/%2e%2e/titles/1", "path"},
                {"crm", "GET", "/api/deals/A%00B", "path"},
                {"crm", "GET", "/api/deals/A%01B", "path"},
                {"crm", "GET", "/api/deals/A%1B%5B31mB", "path"},
                {"crm", "GET", "/api/deals/A%7FB", "path"},
                {"crm", "GET", "/api/deals/%C2%85", "path"},
                {"crm", "GET", "/api/deals/%E2%80%AEevil", "path"},
                {"crm", "GET", "/api/deals/%E2%81%A6evil", "path"},
                {"crm", "GET", "/api/deals/A%ZZ", "path"},
                {"crm", "GET", "/api/deals/A%4", "path"},
                {"crm", "GET", "/api/deals/%C3%28", "path"},
                {"crm", "GET", "/api/deals/%FF%FE", "path"},
                {"crm", "GET", "/api/deals/%ED%A0%80", "path"},
                {"crm", "POST", "/api/deals/A%00B/amendments", "path"},
                {"dave", "POST", "/api/deliveries/1%00/events", "path"},
                {"dave", "GET", "/api/deliveries?crmDealId=%00", "crmDealId"},
                {"dave", "GET", "/api/deliveries?crmDealId=A%E2%80%AEB", "crmDealId"},
                {"rita", "GET", "/api/titles?name=%ZZ", "query"},
                {"rita", "GET", "/api/titles?name=%C3%28", "query"},
                {"rita", "GET", "/api/titles?name=The%00Title", "name"},
                {"rita", "GET", "/api/titles?na%00me=x", "query"},
                {"mark", "GET", "/engine-rest/task?candidateGroup=fin%00ance", "candidateGroup"},
                {null, "GET", "/camunda/app/tasklist;jsessionid=1/default/", "path"},
                {null, "GET", "/camunda//app/tasklist/default/", "path"},
                {null, "GET", "/actuator/health;x=y", "path"},
                {null, "GET", "/actuator/health?x=%00", "x"}};
        return Arrays.stream(lines).map(l -> DynamicTest.dynamicTest(l[1] + " " + l[2] + " as " + (l[0] == null ? "anonymous" : l[0]), () -> {
            String authorization = l[0] == null ? null
                    : "Basic " + java.util.Base64.getEncoder().encodeToString((l[0] + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            io.reelflow.platform.security.LoopbackHttp.Raw r = io.reelflow.platform.security.LoopbackHttp.call(port, "127.0.0.1", l[1], l[2],
                    authorization, l[1].equals("POST") ? "" : null);
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.header("content-type")).as(r.toString()).startsWith("application/problem+json");
            JsonNode problem = json.readTree(r.body());
            assertThat(problem.path("status").asInt()).isEqualTo(400);
            List<String> fields = new ArrayList<>();
            problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
            assertThat(fields).as(r.body()).contains(l[3]);
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }));
    }

    private void check(Case c) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(c.path())).POST(c.body().get());
        if (c.contentType() != null) request.header("Content-Type", c.contentType());
        Response r;
        try {
            r = send(c.user(), request);
        } catch (IllegalStateException e) {
            throw new AssertionError("no answer (connection failed): " + e.getCause(), e);
        }
        assertThat(r.status()).as("status of %s: %s", c.name(), abbreviate(r.body(), 600)).isBetween(400, 499);
        if (c.refusedByTheContainer()) return;
        assertThat(r.contentType()).as("content type: " + abbreviate(r.body(), 300)).startsWith("application/problem+json");
        JsonNode problem = r.json();
        assertThat(problem.path("status").asInt()).isEqualTo(r.status());
        assertThat(problem.path("detail").asText()).as("the reason").isNotBlank();
        if (r.status() == 400) {
            List<String> fields = r.errorFields();
            if (c.field() != null) {
                assertThat(fields).as("a field named like '%s' in %s", c.field(), abbreviate(r.body(), 600))
                        .anyMatch(f -> f.equals(c.field()) || f.startsWith(c.field() + ".") || f.startsWith(c.field() + "[")
                                || f.contains(c.field()));
            }
        }
    }

    // ---------------------------------------------------------------- the corpus

    private List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        deals(cases);
        amendments(cases);
        deliveryEvents(cases);
        titles(cases);
        rightsIn(cases);
        csvImport(cases);
        agreements(cases);
        fxRates(cases);
        receipts(cases);
        return cases;
    }

    private ObjectNode parse(String json) {
        try {
            return (ObjectNode) this.json.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cases on one JSON endpoint: its body-level breakages, then each field mutation given. */
    private final class Endpoint {
        final String label, user, path;
        final Supplier<ObjectNode> base;
        final List<Case> cases;

        Endpoint(List<Case> cases, String user, String path, Supplier<ObjectNode> base) {
            this.cases = cases;
            this.user = user;
            this.path = path;
            this.base = base;
            this.label = "POST " + path.replaceAll("/\\d+/", "/{id}/").replace("/" + grantedDeal + "/", "/{crmDealId}/");
        }

        Endpoint set(String field, Object value) {
            return set(field, value, leaf(field));
        }

        /** The body with {@code field} set to {@code value} (REMOVE: taken out); the refusal must name {@code expectedField}. */
        Endpoint set(String field, Object value, String expectedField) {
            String shown = value == REMOVE ? "missing" : "= " + abbreviate(String.valueOf(value instanceof JsonNode n ? n.toString() : value), 48);
            cases.add(new Case(label + " · " + field + " " + shown, user, path, "application/json", () -> {
                ObjectNode body = base.get();
                put(body, field, value);
                return bytes(body.toString());
            }, expectedField));
            return this;
        }

        Endpoint raw(String name, String contentType, Supplier<HttpRequest.BodyPublisher> body, String expectedField) {
            cases.add(new Case(label + " · " + name, user, path, contentType, body, expectedField));
            return this;
        }

        /** What goes wrong with any JSON body. */
        Endpoint bodyBreakages(String someStringField, String someField) {
            raw("empty body", "application/json", () -> bytes(""), "body");
            raw("body 'null'", "application/json", () -> bytes("null"), null);
            raw("an array instead of an object", "application/json", () -> bytes("[" + base.get() + "]"), null);
            raw("a bare string", "application/json", () -> bytes("\"deal\""), null);
            raw("truncated JSON", "application/json", () -> {
                String s = base.get().toString();
                return bytes(s.substring(0, s.length() / 2));
            }, "body");
            raw("trailing garbage after the object", "application/json", () -> bytes(base.get() + " {\"x\": 1}"), "body");
            raw("JSON with a comment", "application/json", () -> bytes("/* hi */ " + base.get()), "body");
            raw("single-quoted JSON", "application/json", () -> bytes(base.get().toString().replace('"', '\'')), "body");
            raw("duplicate key " + someField, "application/json", () -> {
                ObjectNode b = base.get();
                JsonNode original = b.get(someField);
                String dup = "\"" + someField + "\": " + (original == null ? "null" : original.isTextual() ? "\"X" + original.asText() + "\"" : "null") + ", ";
                return bytes("{" + dup + b.toString().substring(1));
            }, null);
            raw("unknown field", "application/json", () -> {
                ObjectNode b = base.get();
                b.put("isAdmin", true);
                return bytes(b.toString());
            }, "isAdmin");
            raw("unknown field with an SQL fragment as its name", "application/json", () -> {
                ObjectNode b = base.get();
                b.put(SQL, 1);
                return bytes(b.toString());
            }, null);
            raw("invalid UTF-8 in " + someStringField, "application/json", () -> {
                ObjectNode b = base.get();
                b.put(someStringField, INVALID_UTF8_MARK);
                return invalidUtf8(b.toString());
            }, null);
            raw("10,000 nested arrays in " + someField, "application/json", () -> {
                String s = base.get().toString();
                return bytes("{\"" + someField + "\": " + "[".repeat(10_000) + "]".repeat(10_000) + ", " + s.substring(1));
            }, null);
            raw(someStringField + " of 1 MB", "application/json", () -> {
                ObjectNode b = base.get();
                b.put(someStringField, "x".repeat(1 << 20));
                return bytes(b.toString());
            }, "body");
            raw("10 MB body", "application/json", () -> {
                String s = base.get().toString();
                return bytes(s.substring(0, s.length() - 1) + " ".repeat(10 << 20) + "}");
            }, "body");
            // chunked: 1 MB, under server.tomcat.max-swallow-size (2 MB); past it Tomcat resets the connection after its 413
            raw("1 MB chunked body (no Content-Length)", "application/json", () -> {
                String s = base.get().toString();
                byte[] b = (s.substring(0, s.length() - 1) + " ".repeat(1 << 20) + "}").getBytes(StandardCharsets.UTF_8);
                return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(b));
            }, "body");
            raw("Content-Type text/plain", "text/plain", () -> bytes(base.get().toString()), null);
            raw("Content-Type application/xml", "application/xml", () -> bytes("<deal><x>" + SCRIPT + "</x></deal>"), null);
            raw("no Content-Type", null, () -> bytes(base.get().toString()), null);
            raw("Content-Type application/json; charset=klingon", "application/json; charset=klingon", () -> bytes(base.get().toString()), null);
            return this;
        }
    }

    private void deals(List<Case> cases) {
        Endpoint e = new Endpoint(cases, "crm", "/api/deals",
                () -> parse(dealJson(unique("HOSTILE-NEW"), titleId, "[\"FR\"]", "2027-01-01", "2028-12-31")));
        e.bodyBreakages("licensee", "crmDealId");
        for (Object v : List.of(REMOVE, NODES.nullNode(), "", "   ", SQL, SCRIPT, "../../etc/passwd", "a/b", "x".repeat(65), NODES.objectNode(),
                NODES.arrayNode())) {
            e.set("crmDealId", v);
        }
        for (Object v : List.of(REMOVE, NODES.nullNode(), "", "x".repeat(201), NODES.objectNode(), NODES.arrayNode())) e.set("licensee", v);
        for (String v : CONTROLS) e.set("licensee", "Net" + v + "flix", "licensee");
        e.set("crmDealId", "CRM\u0000-1", "crmDealId");
        e.set("localization.subtitles", array("fr\u0000"), "localization.subtitles");
        for (Object v : List.of(REMOVE, NODES.nullNode(), array(), array(0), array(-1), array(Long.MAX_VALUE), array("1; DROP TABLE title"),
                array(1.5), array(NODES.nullNode()), "1", NODES.numberNode(titleId))) {
            e.set("titleIds", v);
        }
        e.set("titleIds", manyNumbers(101, titleId));
        for (Object v : List.of(REMOVE, array(), array("svod"), array("SVOD; DROP TABLE grant_out"), array(SCRIPT), array(NODES.nullNode()),
                "SVOD", array("SVOD", "AVOD", "TVOD", "SVOD", "AVOD", "TVOD", "SVOD", "AVOD"))) {
            e.set("media", v);
        }
        for (Object v : List.of(REMOVE, NODES.nullNode(), "yes", NODES.numberNode(1), NODES.objectNode())) e.set("exclusive", v);
        for (Object v : List.of(REMOVE, array(), array("XX"), array(SQL), array("FR' OR '1'='1"), array(SCRIPT), array(""), array(NODES.nullNode()),
                array(NODES.numberNode(250)), "FR")) {
            e.set("territories", v);
        }
        for (Object v : List.of(REMOVE, NODES.nullNode(), "2027-02-30", "2027-13-01", "27-01-01", "01/01/2027", "2027-01-01T00:00:00Z", "",
                "tomorrow", SQL, "-999999999-01-01")) {
            e.set("windowStart", v);
        }
        for (Object v : List.of("2028-02-30", "2026-12-31", "2028-12-32", "+999999999-12-31", NODES.numberNode(20281231))) e.set("windowEnd", v);
        e.set("windowEnd", REMOVE, "windowEnd");
        e.set("evergreen", NODES.booleanNode(true), "windowEnd");
        e.set("evergreen", "maybe");
        for (Object v : List.of(REMOVE, NODES.nullNode(), "free", NODES.arrayNode())) e.set("fee", v);
        for (Object v : List.of("FREE", NODES.nullNode())) e.set("fee.type", v);
        for (Object v : List.of("eur", "EURO", "ZZZ", SQL, NODES.nullNode(), NODES.numberNode(978))) e.set("fee.currency", v);
        for (Object v : List.of(NODES.numberNode(-1), NODES.numberNode(0), num("1e20"), "abc", num("0.00001"), "NaN", num("1e400"))) {
            e.set("fee.amount", v);
        }
        e.set("fee.amount", REMOVE, "fee.amount");
        e.set("fee.minimumGuarantee", NODES.numberNode(1000), "fee.minimumGuarantee");
        e.set("fee.instalments", array(), "fee.instalments");
        e.set("fee.instalments[0].percent", NODES.numberNode(-10), "fee.instalments[0].percent");
        e.set("fee.instalments[0].percent", NODES.numberNode(1000), "fee.instalments[0].percent");
        e.set("fee.instalments[0].percent", NODES.numberNode(40), "fee.instalments");
        e.set("fee.instalments[0].trigger", "NEVER", "fee.instalments[0].trigger");
        e.set("fee.instalments[0].trigger", "DATE", "fee.instalments[0].date");
        e.set("fee.instalments[0].creditDays", NODES.numberNode(-1), "fee.instalments[0].creditDays");
        e.set("fee.instalments[0].creditDays", NODES.numberNode(366), "fee.instalments[0].creditDays");
        e.set("fee.instalments[0].creditDays", num("2147483648"), "fee.instalments[0].creditDays");
        e.set("fee.instalments[0].creditDays", NODES.numberNode(30.5), "fee.instalments[0].creditDays");
        for (Object v : List.of(array("xx-INVALID-TAG-!!"), array(SCRIPT), array(""), array("fr", "fr"), array(SQL))) {
            e.set("localization.subtitles", v, "localization.subtitles");
        }
        e.set("localization.dubs", "fr", "localization.dubs");
        for (Object v : List.of("8K", NODES.nullNode())) e.set("format.resolution", v);
        e.set("format.dynamicRange", "HDR11", "format.dynamicRange");
        e.set("format", REMOVE, "format");
        e.set("format", "HD", "format");
        e.set("deliveryDue", "2027-02-29", "deliveryDue");
        e.set("deliveryDue", "2030-01-01", "deliveryDue");
    }

    private void amendments(List<Case> cases) {
        Endpoint e = new Endpoint(cases, "crm", "/api/deals/" + grantedDeal + "/amendments",
                () -> parse("{\"windowEnd\": \"2028-06-30\", \"reason\": \"renegotiated\"}"));
        e.bodyBreakages("reason", "windowEnd");
        for (Object v : List.of(REMOVE, NODES.nullNode(), "2028-02-30", "2028-06-31", "tomorrow", "", SQL, NODES.numberNode(20280630),
                "2026-01-01", "2020-01-01", "+999999999-12-31", "2099-12-31", NODES.objectNode())) {
            e.set("windowEnd", v, "windowEnd");
        }
        e.set("reason", "x".repeat(501));
        e.set("reason", NODES.objectNode());
        for (String v : CONTROLS) e.set("reason", "renegotiated" + v, "reason");
        for (String path : List.of("/api/deals/NO-SUCH-DEAL-" + System.nanoTime() + "/amendments", "/api/deals/%27%3B%20DROP%20TABLE%20deal%3B--/amendments",
                "/api/deals/%3Cscript%3E/amendments", "/api/deals/..%2F..%2Fetc%2Fpasswd/amendments")) {
            cases.add(new Case("POST " + path + " (valid body)", "crm", path, "application/json",
                    () -> bytes("{\"windowEnd\": \"2028-06-30\"}"), null));
        }
    }

    private void deliveryEvents(List<Case> cases) {
        Endpoint e = new Endpoint(cases, "dave", "/api/deliveries/" + deliveryId + "/events",
                () -> parse("{\"eventId\": \"" + unique("hostile-evt") + "\", \"type\": \"PACKAGE_READY\", \"packageLocation\": \"/mnt/delivery/x\"}"));
        e.bodyBreakages("packageLocation", "eventId");
        for (Object v : List.of(REMOVE, NODES.nullNode(), "", SQL, SCRIPT, "x".repeat(101), "evt 1", NODES.objectNode())) e.set("eventId", v, "eventId");
        for (Object v : List.of(REMOVE, NODES.nullNode(), "EXPLODE", "package_ready", NODES.numberNode(0))) e.set("type", v, "type");
        e.set("packageLocation", "x".repeat(1001), "packageLocation");
        e.set("packageLocation", REMOVE, "packageLocation");
        Endpoint track = new Endpoint(cases, "dave", "/api/deliveries/" + deliveryId + "/events", () -> parse("{\"eventId\": \"" + unique("hostile-trk")
                + "\", \"type\": \"TRACK_DELIVERED\", \"kind\": \"SUBTITLE\", \"language\": \"fr\", \"fileLocation\": \"/mnt/subs/fr.xml\"}"));
        track.set("language", "pt", "language");
        track.set("language", SCRIPT, "language");
        track.set("language", "x".repeat(36), "language");
        track.set("kind", "HOLOGRAM", "kind");
        track.set("fileLocation", "x".repeat(1001), "fileLocation");
        track.set("durationSeconds", NODES.numberNode(-5), "durationSeconds");
        track.set("durationSeconds", NODES.numberNode(0), "durationSeconds");
        track.set("durationSeconds", "abc", "durationSeconds");
        Endpoint qc = new Endpoint(cases, "dave", "/api/deliveries/" + deliveryId + "/events", () -> parse("{\"eventId\": \"" + unique("hostile-qc")
                + "\", \"type\": \"QC_RESULT\", \"result\": \"REJECTED\", \"items\": [{\"category\": \"VIDEO\", \"code\": \"V1\", \"note\": \"blocky\"}]}"));
        qc.set("items", REMOVE, "items");
        qc.set("items", array(), "items");
        qc.set("items[0].category", "COFFEE", "items[0].category");
        qc.set("items[0].category", NODES.nullNode(), "items[0].category");
        qc.set("items[0].note", "x".repeat(2001), "items[0].note");
        qc.set("items[0].timecode", SQL, "items[0].timecode");
        qc.set("result", "MAYBE", "result");
        for (String v : CONTROLS) qc.set("items[0].note", "blocky" + v + "picture", "items[0].note");
        e.set("packageLocation", "/mnt/delivery/\u0000x", "packageLocation");
        qc.set("items", manyObjects(501, "{\"category\": \"VIDEO\"}"), "items");
        for (String id : List.of("abc", "-1", "99999999999999999999", "0", "1.5", "%27%3B%20DROP%20TABLE%20delivery_event%3B--")) {
            String path = "/api/deliveries/" + id + "/events";
            cases.add(new Case("POST " + path + " (valid body)", "dave", path, "application/json",
                    () -> bytes("{\"eventId\": \"" + unique("hostile-path") + "\", \"type\": \"PACKAGE_READY\", \"packageLocation\": \"/mnt/x\"}"), null));
        }
    }

    private void titles(List<Case> cases) {
        Endpoint e = new Endpoint(cases, "rita", "/api/titles",
                () -> parse("{\"name\": \"Hostile\", \"kind\": \"FEATURE\", \"runtimeMinutes\": 100, \"originalLanguage\": \"en\"}"));
        e.bodyBreakages("name", "kind");
        for (Object v : List.of(REMOVE, NODES.nullNode(), "", "  ", "x".repeat(301), NODES.arrayNode())) e.set("name", v);
        for (Object v : List.of(REMOVE, NODES.nullNode(), "MOVIE", "feature", SQL)) e.set("kind", v);
        for (Object v : List.of(NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(100001), "long", NODES.numberNode(1.5), num("1e400"))) {
            e.set("runtimeMinutes", v);
        }
        for (Object v : List.of(REMOVE, "", "english!!", SCRIPT, SQL, "x".repeat(36), "en_US_POSIX_TOO_LONG_x")) e.set("originalLanguage", v);
        for (Object v : List.of("10.5240/XXXX", SQL, "10.5240/0000-0000-0000-0000-0000-c")) e.set("eidrId", v);
        e.set("kids", "perhaps");
        for (String v : CONTROLS) e.set("name", "The" + v + "Title", "name");
    }

    private void rightsIn(List<Case> cases) {
        Endpoint e = new Endpoint(cases, "rita", "/api/rights-in", () -> parse(String.format("""
                {"titleId": %d, "licensor": "Hostile Licensor", "territories": ["FR"], "media": ["SVOD"], "termStart": "2026-01-01",
                 "termEnd": "2030-12-31", "exclusive": true,
                 "holdbacks": [{"territories": ["FR"], "media": ["SVOD"], "periodStart": "2027-01-01", "periodEnd": "2027-06-30", "reason": "x"}]}""",
                titleId)));
        e.bodyBreakages("licensor", "titleId");
        for (Object v : List.of(REMOVE, NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(999_999_999), "abc", SQL)) e.set("titleId", v);
        for (Object v : List.of(REMOVE, "", "x".repeat(201))) e.set("licensor", v);
        for (String v : CONTROLS) e.set("licensor", "Harbour" + v + "Films", "licensor");
        for (Object v : List.of(array(), array("XX"), array(SQL), array(SCRIPT), array(""))) e.set("territories", v);
        for (Object v : List.of(array(), array("TELEPATHY"), array(SQL), array(SCRIPT))) e.set("media", v);
        for (Object v : List.of(REMOVE, "2026-02-30", "")) e.set("termStart", v);
        e.set("termStart", "+999999999-12-31", null);
        e.set("termEnd", "2025-12-31", "termEnd");
        e.set("termEnd", "2030-02-31", "termEnd");
        e.set("exclusive", NODES.nullNode());
        e.set("exclusive", "sometimes");
        e.set("holdbacks[0].territories", array(), "holdbacks[0].territories");
        e.set("holdbacks[0].territories", array("XX"), "holdbacks");
        e.set("holdbacks[0].periodStart", REMOVE, "holdbacks[0].periodStart");
        e.set("holdbacks[0].periodEnd", "2026-12-31", "holdbacks");
        e.set("holdbacks[0].media", array("TELEPATHY"), "holdbacks");
        e.set("holdbacks[0].colour", "blue", "holdbacks[0].colour");
        e.set("holdbacks", "none", "holdbacks");
    }

    private void csvImport(List<Case> cases) {
        String header = "title_id,licensor,territories,media,term_start,term_end,exclusive\n";
        String good = titleId + ",Harbour Films,FR,SVOD,2026-01-01,2030-12-31,true\n";
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("empty file", "");
        bodies.put("a NUL in a licensor", header + titleId + ",Harbour\u0000Films,FR,SVOD,2026-01-01,2030-12-31,true\n");
        bodies.put("a right-to-left override in a licensor", header + titleId + ",\u202Esmlif ruobraH,FR,SVOD,2026-01-01,2030-12-31,true\n");
        bodies.put("header only", header);
        bodies.put("wrong header", "id,name\n" + good);
        bodies.put("header with an SQL fragment", SQL + "\n" + good);
        bodies.put("a row with 3 columns", header + titleId + ",Harbour Films,FR\n");
        bodies.put("a row with 8 columns", header + good.strip() + ",extra\n");
        bodies.put("title_id with an SQL fragment", header + "1; DROP TABLE rights_in;--,Harbour Films,FR,SVOD,2026-01-01,2030-12-31,true\n");
        bodies.put("an unknown title_id", header + "999999999,Harbour Films,FR,SVOD,2026-01-01,2030-12-31,true\n");
        bodies.put("term_start 2027-02-30", header + titleId + ",Harbour Films,FR,SVOD,2027-02-30,2030-12-31,true\n");
        bodies.put("term_end before term_start", header + titleId + ",Harbour Films,FR,SVOD,2026-01-01,2025-12-31,true\n");
        bodies.put("exclusive 'maybe'", header + titleId + ",Harbour Films,FR,SVOD,2026-01-01,2030-12-31,maybe\n");
        bodies.put("territory XX", header + titleId + ",Harbour Films,XX,SVOD,2026-01-01,2030-12-31,true\n");
        bodies.put("territory with a script fragment", header + titleId + ",Harbour Films," + SCRIPT + ",SVOD,2026-01-01,2030-12-31,true\n");
        bodies.put("media TELEPATHY", header + titleId + ",Harbour Films,FR,TELEPATHY,2026-01-01,2030-12-31,true\n");
        bodies.put("an unterminated quote", header + titleId + ",\"Harbour Films,FR,SVOD,2026-01-01,2030-12-31,true\n");
        bodies.put("a good row and a bad row (all or nothing)", header + good + titleId + ",Harbour Films,FR,SVOD,2026-01-01,2030-12-31,perhaps\n");
        bodies.put("a negative title_id", header + "-5,Harbour Films,FR,SVOD,2026-01-01,2030-12-31,true\n");
        bodies.put("title_id beyond a long", header + "99999999999999999999,Harbour Films,FR,SVOD,2026-01-01,2030-12-31,true\n");
        String path = "/api/rights-in/import";
        bodies.forEach((name, body) -> cases.add(new Case("POST " + path + " · " + name, "rita", path, "text/csv", () -> bytes(body), null)));
        cases.add(new Case("POST " + path + " · invalid UTF-8 in licensor", "rita", path, "text/csv",
                () -> invalidUtf8(header + titleId + "," + INVALID_UTF8_MARK + ",FR,SVOD,2026-01-01,2030-12-31,true\n"), null));
        cases.add(new Case("POST " + path + " · 1 MB licensor", "rita", path, "text/csv",
                () -> bytes(header + titleId + "," + "x".repeat(1 << 20) + ",FR,SVOD,2026-01-01,2030-12-31,true\n"), "body"));
        cases.add(new Case("POST " + path + " · 10 MB file", "rita", path, "text/csv", () -> bytes(header + good.repeat((10 << 20) / good.length())), "body"));
        cases.add(new Case("POST " + path + " · Content-Type application/json", "rita", path, "application/json", () -> bytes(header + good), null));
        cases.add(new Case("POST " + path + " · no Content-Type", "rita", path, null, () -> bytes(header + good), null));
    }

    private void agreements(List<Case> cases) {
        Endpoint e = new Endpoint(cases, "fiona", "/api/licensor-agreements", () -> parse(String.format("""
                {"licensor": "%s", "currency": "EUR", "distributionFeePercent": 25, "expenseCap": 10000, "advance": 5000,
                 "statementFrequency": "QUARTERLY"}""", unique("Hostile Licensor"))));
        e.bodyBreakages("licensor", "currency");
        for (Object v : List.of(REMOVE, "", "x".repeat(201))) e.set("licensor", v);
        for (Object v : List.of(REMOVE, "eur", "ZZZ", SQL, NODES.numberNode(978))) e.set("currency", v);
        for (Object v : List.of(REMOVE, NODES.numberNode(-1), NODES.numberNode(101), "ten", num("0.00001"), num("1e400"))) e.set("distributionFeePercent", v);
        for (Object v : List.of(NODES.numberNode(-5), num("1e20"))) e.set("expenseCap", v);
        for (Object v : List.of(NODES.numberNode(-1), "lots")) e.set("advance", v);
        for (Object v : List.of(REMOVE, "WEEKLY", NODES.nullNode())) e.set("statementFrequency", v);
    }

    private void fxRates(List<Case> cases) {
        Endpoint e = new Endpoint(cases, "fiona", "/api/fx-rates",
                () -> parse("{\"fromCurrency\": \"USD\", \"toCurrency\": \"EUR\", \"rateDate\": \"2027-01-15\", \"rate\": 0.92}"));
        e.bodyBreakages("fromCurrency", "rate");
        for (Object v : List.of(REMOVE, "usd", "ZZZ", SQL, SCRIPT)) e.set("fromCurrency", v);
        e.set("toCurrency", "USD", null);
        e.set("toCurrency", NODES.nullNode());
        for (Object v : List.of(REMOVE, "2027-02-30", "", "2027-1-15")) e.set("rateDate", v);
        for (Object v : List.of(REMOVE, NODES.numberNode(0), NODES.numberNode(-1), "NaN", num("1e13"), num("0.00000000001"), num("1e400"))) e.set("rate", v);
    }

    private void receipts(List<Case> cases) {
        Endpoint e = new Endpoint(cases, "fiona", "/api/royalty-receipts", () -> parse(String.format("""
                {"agreementId": %d, "dealRef": "%s", "titleId": %d, "receivedOn": "2027-02-01", "amount": 1000.00, "currency": "EUR",
                 "externalReference": "%s"}""", agreementId, grantedDeal, titleId, unique("hostile-rcpt"))));
        e.bodyBreakages("externalReference", "amount");
        for (Object v : List.of(REMOVE, NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(999_999_999), "x")) e.set("agreementId", v);
        for (Object v : List.of(REMOVE, "", "x".repeat(101))) e.set("dealRef", v);
        for (Object v : List.of(NODES.numberNode(0), NODES.numberNode(999_999_999))) e.set("titleId", v);
        for (Object v : List.of(REMOVE, "2027-02-30", "yesterday")) e.set("receivedOn", v);
        for (Object v : List.of(NODES.numberNode(0), NODES.numberNode(-1), num("1e16"), "abc", num("0.00001"))) e.set("amount", v);
        for (Object v : List.of("eur", "ZZZ", SQL)) e.set("currency", v);
        for (Object v : List.of(REMOVE, "", "x".repeat(201))) e.set("externalReference", v);
    }

    // ---------------------------------------------------------------- helpers

    private static String leaf(String field) {
        return field;
    }

    private static JsonNode num(String literal) {
        return NODES.numberNode(new java.math.BigDecimal(literal));
    }

    private static ArrayNode array(Object... values) {
        ArrayNode a = NODES.arrayNode();
        for (Object v : values) {
            if (v instanceof JsonNode n) a.add(n);
            else if (v instanceof String s) a.add(s);
            else if (v instanceof Long l) a.add(l);
            else if (v instanceof Integer i) a.add(i);
            else if (v instanceof Double d) a.add(d);
            else throw new IllegalArgumentException(String.valueOf(v));
        }
        return a;
    }

    private static ArrayNode manyNumbers(int n, long value) {
        ArrayNode a = NODES.arrayNode();
        for (int i = 0; i < n; i++) a.add(value);
        return a;
    }

    private ArrayNode manyObjects(int n, String json) {
        ArrayNode a = NODES.arrayNode();
        for (int i = 0; i < n; i++) a.add(parse(json));
        return a;
    }

    /** Sets (or with REMOVE takes out) a field given as {@code a.b[0].c}. */
    private static void put(ObjectNode root, String path, Object value) {
        String[] parts = path.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < parts.length - 1; i++) node = step(node, parts[i]);
        String last = parts[parts.length - 1];
        JsonNode v = value instanceof JsonNode n ? n : value == REMOVE ? null : NODES.textNode(String.valueOf(value));
        int bracket = last.indexOf('[');
        if (bracket >= 0) {
            ArrayNode array = (ArrayNode) node.get(last.substring(0, bracket));
            int index = Integer.parseInt(last.substring(bracket + 1, last.length() - 1));
            if (v == null) array.remove(index);
            else array.set(index, v);
        } else if (v == null) {
            ((ObjectNode) node).remove(last);
        } else {
            ((ObjectNode) node).set(last, v);
        }
    }

    private static JsonNode step(JsonNode node, String part) {
        int bracket = part.indexOf('[');
        if (bracket < 0) return node.get(part);
        return node.get(part.substring(0, bracket)).get(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
    }

    private static HttpRequest.BodyPublisher bytes(String s) {
        return HttpRequest.BodyPublishers.ofByteArray(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The text as UTF-8 with the mark replaced by a byte sequence that is not UTF-8 (0xC3 0x28, 0xFF). */
    private static HttpRequest.BodyPublisher invalidUtf8(String s) {
        byte[] text = s.getBytes(StandardCharsets.UTF_8);
        byte[] mark = INVALID_UTF8_MARK.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + mark.length <= text.length; i++) {
            if (Arrays.equals(text, i, i + mark.length, mark, 0, mark.length)) {
                byte[] bad = {'x', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, 'y'};
                byte[] out = new byte[text.length - mark.length + bad.length];
                System.arraycopy(text, 0, out, 0, i);
                System.arraycopy(bad, 0, out, i, bad.length);
                System.arraycopy(text, i + mark.length, out, i + bad.length, text.length - i - mark.length);
                return HttpRequest.BodyPublishers.ofByteArray(out);
            }
        }
        throw new IllegalArgumentException("no mark in " + s);
    }

    private static String abbreviate(String s, int max) {
        if (s == null) return "";
        return s.length() > max ? s.substring(0, max) + "… (" + s.length() + " chars)" : s;
    }
}
