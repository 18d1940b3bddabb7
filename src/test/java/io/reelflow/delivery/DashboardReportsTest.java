package io.reelflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelflow.deal.DemoDealHistory;
import io.reelflow.rights.Title;
import io.reelflow.rights.TitleRepository;
import io.reelflow.support.ApiTestSupport;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The figures of the managers' dashboard, over real HTTP on a year of past deliveries recorded as the demo start
 * records them ({@link DemoDealHistory}, here for a title of its own): deals by status, deliveries by stage with their
 * age, Netflix QC month by month; and who reads them — HTTP Basic by role, and the Cockpit session (GET only, these
 * endpoints only).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardReportsTest extends ApiTestSupport {

    @Autowired DemoDealHistory history;
    @Autowired TitleRepository titles;

    private String prefix;

    @BeforeEach
    void aYearOfHistory() {
        if (prefix != null) return;
        long titleId = createTitle(unique("Dashboard History Title"), "en");
        createRightsIn(titleId, "[\"WW\"]", "[\"SVOD\"]", "2020-01-01", "2035-12-31", false);
        Title title = titles.findById(titleId).orElseThrow();
        prefix = unique("HIST-TEST");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(history.seed(prefix, title, "JP", today.minusMonths(13))).isEqualTo(14);
        // a restart records nothing twice
        assertThat(history.seed(prefix, title, "JP", today.minusMonths(13))).isZero();
        assertThat(count("SELECT count(*) FROM deal WHERE crm_deal_id LIKE ? AND status = 'CLOSED'", prefix + "-%")).isEqualTo(14);
        assertThat(count("SELECT count(*) FROM delivery WHERE deal_ref LIKE ? AND stage = 'ACCEPTED'", prefix + "-%")).isEqualTo(14);
        assertThat(count("SELECT count(*) FROM delivery_stage s JOIN delivery d ON d.id = s.delivery_id WHERE d.deal_ref LIKE ? AND s.left_at IS NULL",
                prefix + "-%")).as("one open stage per delivery").isEqualTo(14);
    }

    @Test
    void qcMonthByMonthShowsTheYear() {
        Response r = get("mark", "/api/reports/qc/monthly?months=12");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode months = r.json();
        assertThat(months).hasSize(12);
        assertThat(months.get(11).get("month").asText()).isEqualTo(YearMonth.now(ZoneOffset.UTC).toString());
        assertThat(months.get(0).get("month").asText()).isEqualTo(YearMonth.now(ZoneOffset.UTC).minusMonths(11).toString());
        int verdicts = 0, firstPass = 0, rejections = 0, accepted = 0, subtitles = 0, monthsWithData = 0;
        for (JsonNode m : months) {
            verdicts += m.get("firstVerdicts").asInt();
            firstPass += m.get("acceptedFirstPass").asInt();
            rejections += m.get("rejections").asInt();
            accepted += m.get("accepted").asInt();
            subtitles += m.path("rejectedItemsByCategory").path("SUBTITLES").asInt();
            if (m.get("firstVerdicts").asInt() > 0) {
                monthsWithData++;
                assertThat(m.get("firstPassAcceptanceRate").decimalValue()).isBetween(java.math.BigDecimal.ZERO, java.math.BigDecimal.ONE);
            }
        }
        // this class's 14 deliveries (7 accepted at once, 9 rejections before acceptance) at least; other tests may add theirs
        assertThat(verdicts).isGreaterThanOrEqualTo(14);
        assertThat(firstPass).isGreaterThanOrEqualTo(7);
        assertThat(rejections).isGreaterThanOrEqualTo(9);
        assertThat(accepted).isGreaterThanOrEqualTo(14);
        assertThat(subtitles).isGreaterThanOrEqualTo(2);
        assertThat(monthsWithData).as("spread over the year").isGreaterThanOrEqualTo(9);
        assertThat(r.body()).contains("\"Deluxe Subtitling\"", "\"Pixel Lab\"", "\"coordinator\"", "AUDIO_SYNC", "COLOR_HDR_METADATA");
    }

    @Test
    void monthsOutOfRangeAreRefusedNamingTheField() {
        for (String bad : new String[] {"0", "37", "twelve", "-1"}) {
            Response r = get("mark", "/api/reports/qc/monthly?months=" + bad);
            assertThat(r.status()).as(bad + ": " + r).isEqualTo(400);
            assertThat(r.errorFields()).containsExactly("months");
        }
    }

    @Test
    void dealsByStatusAndDeliveriesByStage() {
        JsonNode deals = get("mark", "/api/reports/deals").json();
        assertThat(deals.at("/byStatus/CLOSED").asInt()).isGreaterThanOrEqualTo(14);
        assertThat(deals.get("byStatus").size()).isEqualTo(6);
        int sum = 0;
        for (JsonNode n : deals.get("byStatus")) sum += n.asInt();
        assertThat(deals.get("total").asInt()).isEqualTo(sum);

        JsonNode deliveries = get("mark", "/api/reports/deliveries").json();
        assertThat(deliveries.get("byStage")).hasSize(DeliveryStage.values().length);
        JsonNode acceptedStage = deliveries.get("byStage").get(DeliveryStage.ACCEPTED.ordinal());
        assertThat(acceptedStage.get("stage").asText()).isEqualTo("ACCEPTED");
        assertThat(acceptedStage.get("deliveries").asInt()).isGreaterThanOrEqualTo(14);
        // the oldest acceptance of the year is about ten months old
        assertThat(acceptedStage.get("oldestDaysInStage").decimalValue()).isGreaterThan(java.math.BigDecimal.valueOf(250));
        for (JsonNode w : deliveries.get("longestWaiting")) assertThat(w.get("stage").asText()).isNotEqualTo("ACCEPTED");
    }

    @Test
    void readByRoleAndByTheCockpitSessionOnly() throws Exception {
        for (String path : new String[] {"/api/reports/deals", "/api/reports/deliveries", "/api/reports/qc/monthly"}) {
            assertThat(get(null, path).status()).as(path).isEqualTo(401);
            assertThat(get("mark", path).status()).as(path).isEqualTo(200);
            assertThat(get("rita", path).status()).as(path).isEqualTo(403);
            assertThat(get("fiona", path).status()).as(path).isEqualTo(403);
        }
        Session mark = Session.login(this, "mark", "cockpit");
        assertThat(mark.get("/api/reports/deals").status()).isEqualTo(200);
        assertThat(mark.get("/api/reports/qc/monthly?months=3").body()).contains("firstPassAcceptanceRate");
        assertThat(mark.get("/api/reports/deliveries").status()).isEqualTo(200);
        assertThat(mark.get("/api/windows/expiring?within=180d").status()).isEqualTo(200);
        // nothing else: other reads, writes, /engine-rest, metrics need credentials of their own
        assertThat(mark.get("/api/deals/" + prefix + "-01").status()).isEqualTo(401);
        assertThat(mark.get("/api/titles?name=x").status()).isEqualTo(401);
        assertThat(mark.get("/engine-rest/process-definition").status()).isEqualTo(401);
        assertThat(mark.get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(mark.post("/api/deals", "{}").status()).isEqualTo(401);
        assertThat(mark.post("/api/reports/deals", "{}").status()).isEqualTo(401);
        // a session of a user without Cockpit reads nothing here, even an endpoint its role reads with HTTP Basic
        assertThat(get("dave", "/api/reports/deals").status()).isEqualTo(200);
        Session dave = Session.login(this, "dave", "tasklist");
        assertThat(dave.get("/api/reports/deals").status()).isEqualTo(401);
        // signed out: the session reads nothing
        mark.post("/camunda/api/admin/auth/user/default/logout", "");
        assertThat(mark.get("/api/reports/deals").status()).isEqualTo(401);
    }

    /** A browser's webapp session: the page (session and XSRF cookie), the login, the renewed token. */
    private record Session(HttpClient browser, String token, DashboardReportsTest test) {

        static Session login(DashboardReportsTest test, String user, String app) throws Exception {
            CookieManager cookies = new CookieManager();
            HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10)).build();
            browser.send(HttpRequest.newBuilder(test.uri("/camunda/app/" + app + "/default/")).GET().build(), HttpResponse.BodyHandlers.ofString());
            String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().orElseThrow();
            HttpResponse<String> login = browser.send(HttpRequest.newBuilder(test.uri("/camunda/api/admin/auth/user/default/login/" + app))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                            + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(user + " logs in to " + app).isEqualTo(200);
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(test.uri("/camunda/api/admin/auth/user/default"))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            String renewed = page.headers().firstValue("X-XSRF-TOKEN").orElseGet(() -> cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).reduce((a, b) -> b).orElse(token));
            return new Session(browser, renewed, test);
        }

        Response get(String path) throws Exception {
            HttpResponse<String> r = browser.send(HttpRequest.newBuilder(test.uri(path)).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), test.json);
        }

        Response post(String path, String json) throws Exception {
            HttpResponse<String> r = browser.send(HttpRequest.newBuilder(test.uri(path)).header("Content-Type", "application/json")
                    .header("X-XSRF-TOKEN", token).POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), test.json);
        }
    }
}
